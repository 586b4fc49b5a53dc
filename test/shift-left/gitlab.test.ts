/**
 * The GitLab CI template (shift-left/gitlab/hardened-go-check.gitlab-ci.yml) without GitLab:
 * its `spec:inputs` are interpolated the way GitLab does, then the job's variables and script
 * run in a shell, as a shell executor would, with an `npx` on PATH that stands in for the
 * registry and runs this repository's CLI. Rule modes come from APP_CONFIG_* variables (the CLI
 * reads them like a backend) or from a loopback portal through the policy-url input.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_POLICY, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile, toPolicyDocument } from '@hardened-go/plugin-dockerfile-compliance-node';
import { parseAllDocuments } from 'yaml';

const REPO = path.resolve(__dirname, '..', '..');
const TEMPLATE = path.join(REPO, 'shift-left', 'gitlab', 'hardened-go-check.gitlab-ci.yml');
const CLI = path.join(REPO, 'packages', 'cli', 'bin', 'hardened-go');
const CLI_VERSION = JSON.parse(fs.readFileSync(path.join(REPO, 'packages', 'cli', 'package.json'), 'utf8')).version as string;

const [specDoc, jobsDoc] = parseAllDocuments(fs.readFileSync(TEMPLATE, 'utf8')).map(d => d.toJS());
const inputs = specDoc.spec.inputs as Record<string, { default: string; options?: string[] }>;

/** GitLab's `$[[ inputs.name ]]` interpolation, over the job as text. */
function interpolate(values: Record<string, string>): Record<string, unknown> {
  const job = JSON.stringify(jobsDoc['hardened-go-check']);
  const all = { ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v.default)])), ...values };
  return JSON.parse(job.replace(/\$\[\[ inputs\.([\w-]+) \]\]/g, (_m, name: string) => JSON.stringify(all[name]).slice(1, -1)));
}

let dir: string;
let bin: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-gitlab-'));
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-npx-'));
  fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\necho "$1 $2" >> "${bin}/npx.log"\nshift 2\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'Dockerfile'), renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc' }).replace(/golang:\S+ AS build/, 'golang:alpine AS build'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(bin, { recursive: true, force: true });
});

/** The job's variables and script in one shell, stopping at the first failing line as a runner does. */
async function runJob(values: Record<string, string>, env: Record<string, string> = {}) {
  const job = interpolate(values) as { variables: Record<string, string>; script: string[] };
  const script = ['set -e', ...Object.entries(job.variables).map(([k, v]) => `export ${k}=${JSON.stringify(v)}`), ...job.script].join('\n');
  try {
    await promisify(execFile)('sh', ['-c', script], { cwd: dir, env: { ...process.env, ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, XDG_CACHE_HOME: path.join(dir, '.cache') } });
    return 0;
  } catch (e) {
    return (e as { code: number }).code;
  }
}

const report = () => JSON.parse(fs.readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; severity: string; location: { path: string } }[];

describe('the GitLab CI template', () => {
  it('declares its inputs, runs this release\'s CLI, and reports Code Quality on every merge request', () => {
    expect(inputs['cli-version']!.default).toBe(CLI_VERSION);
    expect(inputs['fail-on']).toMatchObject({ default: 'error', options: ['error', 'warning', 'info'] });
    expect(inputs['policy-fallback']).toMatchObject({ default: 'none', options: ['none', 'defaults'] });
    const job = interpolate({}) as { image: string; artifacts: unknown; rules: unknown };
    expect(job.image).toMatch(/^node:22\.\d+\.\d+-alpine$/);
    expect(job.artifacts).toEqual({ when: 'always', reports: { codequality: 'gl-code-quality-report.json' } });
    expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }, { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }]);
  });

  it.each([
    ['inform', 'error', 0, 'info'],
    ['warn', 'error', 0, 'major'],
    ['warn', 'warning', 1, 'major'],
    ['enforce', 'error', 1, 'critical'],
  ])('mode %s with fail-on %s: exit %d, the finding in the Code Quality report as %s', async (mode, failOn, code, severity) => {
    expect(await runJob({ 'fail-on': failOn }, { APP_CONFIG_hardenedGo_standard_rules_GDS002_mode: mode })).toBe(code);
    expect(report().map(i => [i.check_name, i.severity, i.location.path])).toEqual([['GDS002', severity, 'Dockerfile']]);
    expect(fs.readFileSync(path.join(bin, 'npx.log'), 'utf8').split('\n').filter(Boolean)).toEqual([
      `--yes @hardened-go/cli@${CLI_VERSION}`,
      `--yes @hardened-go/cli@${CLI_VERSION}`,
    ]);
  });

  it('applies the portal\'s policy from the policy-url input, with the token from a CI/CD variable', async () => {
    const seen: string[] = [];
    const portal = http.createServer((req, res) => {
      seen.push(String(req.headers.authorization));
      const document = toPolicyDocument(policyFromConfig({ rules: { GDS002: { mode: 'inform' } } }));
      res.writeHead(200, { 'content-type': 'application/json', etag: `"${document.policyVersion}"` }).end(JSON.stringify(document));
    });
    await new Promise<void>(resolve => portal.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
      expect(await runJob({ 'policy-url': url, 'fail-on': 'info' }, { HARDENED_GO_TOKEN: 'masked-token' })).toBe(1);
      expect(report().map(i => i.severity)).toEqual(['info']);
      expect(seen[0]).toBe('Bearer masked-token');
    } finally {
      await new Promise(resolve => portal.close(resolve));
    }
  });
});
