/**
 * The real executable: bin/hardened-go as a child process (in this repository it runs the
 * TypeScript sources through Backstage's node transform; the adopter suite runs it packed,
 * over dist/), and through the workspace bin link that makes `npx hardened-go` work from the
 * repository root.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { policyVersionOf, renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';

const PACKAGE = path.resolve(__dirname, '..');
const REPO = path.resolve(PACKAGE, '..', '..');
const BIN = path.join(PACKAGE, 'bin', 'hardened-go');

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-bin-'));
  fs.mkdirSync(path.join(dir, 'svc'));
  fs.writeFileSync(path.join(dir, 'svc/Dockerfile'), renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc' }));
  fs.writeFileSync(path.join(dir, 'root.Dockerfile'), renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc' }).replace('USER 65534:65534', 'USER 0'));
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function runBin(file: string, args: string[], cwd: string) {
  const r = spawnSync(file === BIN ? process.execPath : file, file === BIN ? [BIN, ...args] : args, { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/hardened-go', () => {
  it('exits 0 for a compliant tree and 1 with a JSON report for a drifted one', () => {
    expect(runBin(BIN, ['check', 'svc'], dir)).toMatchObject({ code: 0, stderr: `hardened-go check: policy v1 (version ${policyVersionOf(DEFAULT_POLICY)}) from the built-in standard\n` });
    const drifted = runBin(BIN, ['check', '--format', 'json', '.'], dir);
    expect(drifted.code).toBe(1);
    const report = JSON.parse(drifted.stdout);
    expect(report.files.map((f: { path: string; status: string }) => [f.path, f.status])).toEqual([
      ['root.Dockerfile', 'drifted'],
      ['svc/Dockerfile', 'compliant'],
    ]);
  });

  it('exits 2 on a usage error, and renders from dist (templates found outside src)', () => {
    const usage = runBin(BIN, ['check', '--bogus', '.'], dir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^hardened-go check: Unknown option '--bogus'/);
    const rendered = runBin(BIN, ['render', '--name', 'svc'], dir);
    expect(rendered).toEqual({ code: 0, stdout: renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc' }), stderr: '' });
  });

  it('is linked as node_modules/.bin/hardened-go for `npx hardened-go` at the repo root', () => {
    const link = path.join(REPO, 'node_modules', '.bin', 'hardened-go');
    expect(fs.realpathSync(link)).toBe(fs.realpathSync(BIN));
    const r = runBin(link, ['rules'], REPO);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^GDS009 +error /m);
  });
});
