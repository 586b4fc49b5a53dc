/**
 * The `hardened-go` CLI as a platform engineer installs it: the packed CLI tarball (with the
 * packed libraries it depends on, which are not in the registry) installed by npm into an
 * empty prefix outside this workspace, run through its bin with a configuration file that
 * uses `$include` and `$env` like the portal's app-config.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { npmInstall, packedPackages, REPO_ROOT } from './support/adopterProject';

jest.setTimeout(15 * 60_000);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('adopter CLI: the packed hardened-go CLI in an empty prefix', () => {
  let prefix: string;
  let work: string;
  let bin: string;

  const hardenedGo = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> =>
    new Promise(resolve => {
      execFile(bin, args, { cwd: work, env: { PATH: process.env.PATH, HOME: work, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    });

  beforeAll(async () => {
    const packed = await packedPackages();
    prefix = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-cli-prefix-'));
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-cli-work-'));
    // The CLI and the two libraries it depends on, from their tarballs only.
    await fs.writeFile(
      path.join(prefix, 'package.json'),
      JSON.stringify({
        private: true,
        dependencies: Object.fromEntries(
          ['@hardened-go/cli', '@hardened-go/plugin-dockerfile-compliance-node', '@hardened-go/plugin-dockerfile-compliance-common'].map(name => [
            name,
            `file:${packed[name]}`,
          ]),
        ),
      }),
    );
    await npmInstall(prefix, 'adopter-cli-install.log');
    bin = path.join(prefix, 'node_modules', '.bin', 'hardened-go');

    for (const name of ['legacy-billing', 'orders-worker']) {
      await fs.copyFile(path.join(REPO_ROOT, 'examples', name, 'Dockerfile'), path.join(work, `${name}.Dockerfile`));
    }
    // The platform's policy, split like an app-config: the standard in its own file, a
    // per-environment severity from the environment.
    await fs.writeFile(path.join(work, 'hardened-go.yaml'), 'hardenedGo:\n  standard:\n    $include: ./standard.yaml\n');
    await fs.writeFile(
      path.join(work, 'standard.yaml'),
      'version: v1-adopter.3\nrules:\n  GDS009:\n    severity:\n      $env: HG_GDS009_SEVERITY\n',
    );
  });

  afterAll(async () => {
    await fs.rm(prefix, { recursive: true, force: true });
    await fs.rm(work, { recursive: true, force: true });
  });

  it('installs the bin, and nothing from this workspace', async () => {
    const real = await fs.realpath(bin);
    expect(real.startsWith(prefix)).toBe(true);
    expect(real).toMatch(/node_modules\/@hardened-go\/cli\//);
    const pkg = JSON.parse(await fs.readFile(path.join(prefix, 'node_modules', '@hardened-go', 'cli', 'package.json'), 'utf8'));
    expect(pkg.main).toMatch(/^\.?\/?dist\//);
  });

  it('rules: lists the rule catalog', async () => {
    const result = await hardenedGo(['rules']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    for (const id of ['GDS000', 'GDS001', 'GDS009', 'GDS017']) expect(result.stdout).toContain(id);
  });

  it('stops quietly when its reader closes the pipe early (rules | head -1)', async () => {
    const result = await new Promise<Result>(resolve => {
      execFile('sh', ['-c', `"${bin}" rules | head -1`], { cwd: work }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^ID\s+SEVERITY\s+TITLE\n$/), stderr: '' });
  });

  it('check: a drifted Dockerfile exits 1 with its findings', async () => {
    const result = await hardenedGo(['check', '--format', 'json', 'legacy-billing.Dockerfile']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.files[0].status).toBe('drifted');
    expect(report.files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('GDS009');
  });

  it('check --config: $include and $env apply, as in the portal', async () => {
    const result = await hardenedGo(['check', '--format', 'json', '--config', 'hardened-go.yaml', 'legacy-billing.Dockerfile'], {
      HG_GDS009_SEVERITY: 'off',
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.standardVersion).toBe('v1-adopter.3');
    const rules = report.files[0].findings.map((f: { ruleId: string }) => f.ruleId);
    expect(rules).not.toContain('GDS009');
    expect(rules).toContain('GDS001');
  });

  it('check --config: a bad value from the environment is a clear error (exit 2)', async () => {
    const result = await hardenedGo(['check', '--config', 'hardened-go.yaml', 'legacy-billing.Dockerfile'], { HG_GDS009_SEVERITY: 'loud' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/GDS009/);
    expect(result.stderr).toMatch(/loud/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // one message, no stack
  });

  it('fix --write: rewrites a drifted Dockerfile that then checks clean of what it fixed', async () => {
    const before = await hardenedGo(['check', '--format', 'json', 'orders-worker.Dockerfile']);
    const fixed = await hardenedGo(['fix', '--write', 'orders-worker.Dockerfile']);
    expect(fixed.code).toBe(0);
    const after = await hardenedGo(['check', '--format', 'json', 'orders-worker.Dockerfile']);
    const count = (r: Result) => JSON.parse(r.stdout).files[0].findings.length;
    expect(count(after)).toBeLessThan(count(before));
    expect(JSON.parse(after.stdout).files[0].status).toBe('compliant');
  });

  it('new: creates a service whose Dockerfile is compliant', async () => {
    const result = await hardenedGo(['new', '--name', 'payments', '--owner', 'team-a', '--module-path', 'github.com/team-a/payments', '--out', './payments']);
    expect(result.code).toBe(0);
    for (const file of ['Dockerfile', 'go.mod', 'main.go', 'catalog-info.yaml']) {
      await expect(fs.access(path.join(work, 'payments', file))).resolves.toBeUndefined();
    }
    expect(await fs.readFile(path.join(work, 'payments', 'go.mod'), 'utf8')).toMatch(/^module github\.com\/team-a\/payments$/m);
    const check = await hardenedGo(['check', 'payments/Dockerfile']);
    expect(check.code).toBe(0);
  });
});
