import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { generateGoService } from '@hardened-go/plugin-dockerfile-compliance-node';
import { run } from '../main';

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-new-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: { write: t => (stdout += t) }, stderr: { write: t => (stderr += t) }, cwd, isTTY: false, env: {} });
  return { code, stdout, stderr };
}

describe('hardened-go new', () => {
  it('writes exactly what the scaffolder action writes (same generator)', async () => {
    const result = await cli('new', '--name', 'ledger', '--owner', 'team-finance', '--out', 'svc', '--module-path', 'example.com/ledger', '--ci', 'gitlab-ci', '--port', '9090', '--description', 'Keeps the ledger.');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Created ledger (example.com/ledger, Go 1.26.8, gitlab-ci) in svc:');
    const expected = generateGoService(
      { name: 'ledger', owner: 'team-finance', modulePath: 'example.com/ledger', ci: 'gitlab-ci', port: 9090, description: 'Keeps the ledger.' },
      DEFAULT_POLICY,
    );
    for (const file of expected.files) expect(fs.readFileSync(path.join(cwd, 'svc', file.path), 'utf8')).toBe(file.content);
  });

  it('names the flag of a bad value and exits 2', async () => {
    const result = await cli('new', '--name', 'Bad_Name', '--owner', 'team', '--out', 'svc', '--module-path', 'example.com/x', '--port', '80');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--name may only contain lower-case letters.*; --port must be a whole number from 1024 to 65535/);
    expect(fs.existsSync(path.join(cwd, 'svc'))).toBe(false);
  });

  it('requires --name, --owner and --out', async () => {
    const result = await cli('new', '--name', 'x', '--owner', 'team');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--out is required');
  });

  it('never overwrites an existing file unless --overwrite is given', async () => {
    fs.mkdirSync(path.join(cwd, 'svc'));
    fs.writeFileSync(path.join(cwd, 'svc', 'main.go'), 'mine');
    const args = ['new', '--name', 'x', '--owner', 'team', '--out', 'svc', '--module-path', 'example.com/x'];
    const refused = await cli(...args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('main.go already exists; refusing to overwrite it');
    expect(fs.readdirSync(path.join(cwd, 'svc'))).toEqual(['main.go']);
    expect((await cli(...args, '--overwrite')).code).toBe(0);
    expect(fs.readFileSync(path.join(cwd, 'svc', 'main.go'), 'utf8')).toContain('package main');
  });

  it('prints its help', async () => {
    const result = await cli('new', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: hardened-go new --name NAME --owner OWNER --out DIR/);
  });
});
