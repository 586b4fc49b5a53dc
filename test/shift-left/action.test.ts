/**
 * The GitHub Action (action.yml at the repository root) as GitHub would run it, minus GitHub:
 * its metadata is validated against the action schema (@action-validator/core, SchemaStore's
 * schema) and linted by actionlint through a workflow that uses it locally; its entrypoint
 * runs with the variables a runner sets (GITHUB_WORKSPACE, GITHUB_OUTPUT,
 * GITHUB_STEP_SUMMARY, INPUT_*) against a workspace, once per rule mode. The CLI is this
 * repository's (HARDENED_GO_CLI), and once through an `npx` on PATH that stands in for the
 * registry, to prove the default command.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { validateAction } from '@action-validator/core';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderCheckWorkflow, renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import { parse } from 'yaml';
import { sarifValidator } from '../fixtures/sarif/validate';

const REPO = path.resolve(__dirname, '..', '..');
const ENTRYPOINT = path.join(REPO, 'shift-left', 'github-action', 'entrypoint.js');
const CLI = path.join(REPO, 'packages', 'cli', 'bin', 'hardened-go');
const ACTIONLINT = path.join(REPO, '.cache', 'go-tools', 'bin', 'actionlint');
const CLI_VERSION = JSON.parse(fs.readFileSync(path.join(REPO, 'packages', 'cli', 'package.json'), 'utf8')).version as string;

/** GDS002 (a floating build image tag) is the file's only finding: its mode decides the verdict. */
const ONE_FINDING = renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc' }).replace(/golang:\S+ AS build/, 'golang:alpine AS build');

interface ActionRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  sarif?: { runs: { results: { ruleId: string; level: string }[] }[] };
}

let workspace: string;
beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-action-'));
  fs.mkdirSync(path.join(workspace, 'svc'));
  fs.writeFileSync(path.join(workspace, 'svc', 'Dockerfile'), ONE_FINDING);
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

/** GITHUB_OUTPUT's `name<<delimiter ... delimiter` records. */
function readOutputs(file: string): Record<string, string> {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(\S+)$/.exec(lines[i]!);
    if (!m) continue;
    const end = lines.indexOf(m[2]!, i + 1);
    out[m[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

async function runAction(inputs: Record<string, string>, env: Record<string, string | undefined> = { HARDENED_GO_CLI: CLI }): Promise<ActionRun> {
  const runnerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-runner-'));
  const outputFile = path.join(runnerDir, 'output');
  const summaryFile = path.join(runnerDir, 'summary');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase().replace(/-/g, '_')}`, v]));
  let code: number | null = 0;
  let stdout = '';
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, [ENTRYPOINT], {
      cwd: runnerDir,
      env: { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, XDG_CACHE_HOME: path.join(runnerDir, 'cache'), ...inputEnv, ...env },
    }));
  } catch (e) {
    const failed = e as { code: number; stdout: string };
    code = failed.code;
    stdout = failed.stdout;
  }
  const outputs = readOutputs(outputFile);
  const summary = fs.existsSync(summaryFile) ? fs.readFileSync(summaryFile, 'utf8') : '';
  const sarif = outputs['sarif-file'] ? JSON.parse(fs.readFileSync(outputs['sarif-file'], 'utf8')) : undefined;
  fs.rmSync(runnerDir, { recursive: true, force: true });
  return { code, stdout, outputs, summary, ...(sarif ? { sarif } : {}) };
}

function policyFile(rule: Record<string, string>): string {
  fs.writeFileSync(path.join(workspace, 'policy.yaml'), JSON.stringify({ hardenedGo: { standard: { rules: { GDS002: rule } } } }));
  return 'policy.yaml';
}

describe('action.yml', () => {
  it('is valid action metadata (the GitHub action schema)', () => {
    const { errors } = validateAction(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
    expect(errors).toEqual([]);
  });

  it('pins its actions by commit SHA, maps every input to the entrypoint, and uploads SARIF even when the check fails', () => {
    const action = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
    const steps = action.runs.steps as Array<{ uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }>;
    for (const step of steps.filter(s => s.uses)) expect(step.uses).toMatch(/^[\w-]+\/[\w/-]+@[0-9a-f]{40}$/);
    const check = steps.find(s => s.env)!;
    for (const name of Object.keys(action.inputs).filter(n => n !== 'upload-sarif' && n !== 'token')) {
      expect(check.env![`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
    }
    expect(check.env!.HARDENED_GO_TOKEN).toBe('${{ inputs.token }}');
    const upload = steps.find(s => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toMatch(/^always\(\) && /);
    expect(upload.with?.sarif_file).toBe('${{ steps.check.outputs.sarif-file }}');
  });

  it('passes actionlint in a workflow that uses it, as does the check workflow the harden template adds', async () => {
    // actionlint reads a local action's metadata and checks the inputs a workflow passes it
    fs.copyFileSync(path.join(REPO, 'action.yml'), path.join(workspace, 'action.yml'));
    fs.mkdirSync(path.join(workspace, '.github', 'workflows'), { recursive: true });
    const uses = `name: t
on: pull_request
permissions: {}
jobs:
  dockerfile:
    runs-on: ubuntu-24.04
    permissions: { contents: read, security-events: write, actions: read }
    steps:
      - uses: ./
        with:
          policy-url: \${{ vars.HARDENED_GO_POLICY_URL }}
          token: \${{ secrets.HARDENED_GO_TOKEN }}
          fail-on: warning
`;
    fs.writeFileSync(path.join(workspace, '.github', 'workflows', 'uses.yaml'), uses);
    fs.writeFileSync(path.join(workspace, '.github', 'workflows', 'hardened-go.yaml'), renderCheckWorkflow(DEFAULT_POLICY));
    // actionlint looks for the repository root
    await promisify(execFile)('git', ['init', '-q'], { cwd: workspace });
    await promisify(execFile)(ACTIONLINT, ['-no-color'], { cwd: workspace });
    // and it notices a wrong input name: the check above is not vacuous
    fs.writeFileSync(path.join(workspace, '.github', 'workflows', 'uses.yaml'), uses.replace('fail-on:', 'fail-when:'));
    await expect(promisify(execFile)(ACTIONLINT, ['-no-color'], { cwd: workspace })).rejects.toMatchObject({ stdout: expect.stringContaining('fail-when') });
  });
});

describe('the action entrypoint, with a runner\'s environment', () => {
  it.each([
    ['inform', { mode: 'inform' }, 'error', 0, 'note'],
    ['warn', { mode: 'warn' }, 'error', 0, 'warning'],
    ['warn, with fail-on: warning', { mode: 'warn' }, 'warning', 1, 'warning'],
    ['enforce before its date', { mode: 'enforce', enforceAfter: '2999-01-01' }, 'error', 0, 'warning'],
    ['enforce after its date', { mode: 'enforce', enforceAfter: '2020-01-01' }, 'error', 1, 'error'],
  ])('%s: exit code, SARIF for code scanning, job summary and outputs', async (_name, rule, failOn, code, level) => {
    const run = await runAction({ config: policyFile(rule), 'fail-on': failOn, paths: 'svc' });
    expect(run.code).toBe(code);
    expect(sarifValidator()(run.sarif)).toBe(true);
    expect(run.sarif!.runs[0]!.results.map(r => [r.ruleId, r.level])).toEqual([['GDS002', level]]);
    expect(run.outputs['sarif-file']).toBe(path.join(workspace, 'hardened-go.sarif'));
    expect(run.outputs['exit-code']).toBe(String(code));
    expect([run.outputs.errors, run.outputs.warnings]).toEqual(level === 'error' ? ['1', '0'] : level === 'warning' ? ['0', '1'] : ['0', '0']);
    expect(run.summary).toContain('## hardened-go check');
    expect(run.summary).toContain(`**${code === 0 ? 'passed' : 'failed'}** (fails on ${failOn} and above)`);
    expect(run.summary).toMatch(/Policy: v1 \(version [0-9a-f]{16}\) from hardenedGo\.standard of policy\.yaml/);
    expect(run.summary).toMatch(new RegExp(`\\| svc/Dockerfile:\\d+ \\| GDS002 \\| ${level === 'note' ? 'info' : level} \\| stage "build" FROM golang:alpine`));
  });

  it('writes paths relative to the workspace, and a clean run passes with an empty table', async () => {
    fs.writeFileSync(path.join(workspace, 'svc', 'Dockerfile'), renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc' }));
    const run = await runAction({});
    expect(run.code).toBe(0);
    expect(run.summary).toContain('**passed** (fails on error and above): 0 error(s), 0 warning(s), 0 info.');
    expect(run.summary).not.toContain('| Where |');
  });

  it('fails with exit 2, an error annotation and a summary when the portal cannot be reached; defaults only on request', async () => {
    const run = await runAction({ 'policy-url': 'http://127.0.0.1:9', paths: 'svc' }, { HARDENED_GO_CLI: CLI, HARDENED_GO_TOKEN: 'token-never-printed' });
    expect(run.code).toBe(2);
    expect(run.outputs['sarif-file']).toBeUndefined();
    expect(run.stdout).toMatch(/^::error title=hardened-go check::hardened-go check: cannot reach the portal at http:\/\/127\.0\.0\.1:9/m);
    expect(run.summary).toContain('**Could not check** (exit 2)');
    expect(run.stdout + run.summary).not.toContain('token-never-printed');
    const fallback = await runAction({ 'policy-url': 'http://127.0.0.1:9', 'policy-fallback': 'defaults', paths: 'svc' });
    expect(fallback.code).toBe(1);
    expect(fallback.summary).toMatch(/Policy: v1 \(version [0-9a-f]{16}\) from the built-in standard \(the portal's policy was not available\)/);
  });

  it('refuses inputs it does not know, before running anything', async () => {
    const run = await runAction({ 'fail-on': 'sometimes' });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('::error title=hardened-go check::fail-on must be one of error, warning, info, got "sometimes"');
  });

  it('runs the CLI release of its own version through npx by default', async () => {
    // an npx on PATH that records its arguments and runs this repository's CLI in place of the registry's
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-npx-'));
    const log = path.join(bin, 'npx.log');
    fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\necho "$1 $2" >> "${log}"\nshift 2\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
    const run = await runAction({ paths: 'svc' }, { HARDENED_GO_CLI: undefined, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    expect(run.code).toBe(1);
    expect(fs.readFileSync(log, 'utf8')).toBe(`--yes @hardened-go/cli@${CLI_VERSION}\n`);
    fs.rmSync(bin, { recursive: true, force: true });
  });
});
