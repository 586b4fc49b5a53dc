import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DEFAULT_POLICY, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { z } from 'zod/v3';
import { createServiceAction, serviceInputSchema } from './createService';

let workspace: string;
beforeEach(() => {
  // createMockActionContext's default workspacePath does not exist: always pass a real one.
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'create-service-'));
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

const minimal = {
  name: 'payments-api',
  description: 'Takes payments.',
  owner: 'group:default/team-a',
  repoUrl: 'github.com?owner=acme&repo=payments-api',
};

function context(input: Record<string, unknown>, extra: { isDryRun?: boolean } = {}) {
  const info = jest.fn();
  const ctx = createMockActionContext({ input: input as never, workspacePath: workspace });
  // createMockActionContext drops isDryRun, so it is set here; the logger is replaced to read its lines.
  return { ...ctx, ...extra, logger: { ...ctx.logger, info }, info };
}

function outputs(ctx: { output: jest.Mock | ((...args: never[]) => void) }): Record<string, unknown> {
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
}

function workspaceFiles(): string[] {
  return fs
    .readdirSync(workspace, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.relative(workspace, path.join(e.parentPath, e.name)))
    .sort();
}

describe('hardened-go:service:create', () => {
  const action = createServiceAction({ policy: DEFAULT_POLICY });

  it('applies the defaults the scaffolder never applies and writes the service', async () => {
    const ctx = context(minimal);
    await action.handler(ctx as never);
    expect(workspaceFiles()).toEqual(
      ['.dockerignore', '.github/dependabot.yml', '.github/workflows/ci.yaml', '.gitignore', '.golangci.yml', 'Dockerfile', 'README.md', 'catalog-info.yaml', 'go.mod', 'main.go', 'main_test.go'].sort(),
    );
    expect(fs.readFileSync(path.join(workspace, 'go.mod'), 'utf8')).toBe('module github.com/acme/payments-api\n\ngo 1.26.8\n');
    expect(fs.readFileSync(path.join(workspace, 'Dockerfile'), 'utf8')).toContain('EXPOSE 8080');
    expect(outputs(ctx)).toEqual({
      files: expect.arrayContaining(['main.go', '.github/workflows/ci.yaml']),
      standardVersion: 'v1',
      dockerfilePath: 'Dockerfile',
      modulePath: 'github.com/acme/payments-api',
      requiredStatusChecks: ['test', 'vulncheck', 'lint', 'image', 'dockerfile'],
    });
  });

  it('supports dry runs: writes only into the (temporary) dry-run workspace and says so', async () => {
    const ctx = context({ ...minimal, ci: 'gitlab-ci', port: 9090, targetPath: 'svc' }, { isDryRun: true });
    await action.handler(ctx as never);
    expect(action.supportsDryRun).toBe(true);
    expect(ctx.info).toHaveBeenCalledWith('Dry run: writing the generated files into the temporary dry-run workspace only');
    expect(workspaceFiles()).toContain('svc/.gitlab-ci.yml');
    expect(outputs(ctx)).toMatchObject({ dockerfilePath: 'svc/Dockerfile', requiredStatusChecks: [] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a bad name', { name: 'Payments_API' }, `name may only contain lower-case letters, digits and '-', and must start and end with a letter or digit (a DNS label like payments-api), got "Payments_API"`],
    ['a 64-character name', { name: 'a'.repeat(64) }, 'name must be at most 63 characters (got 64)'],
    ['template syntax', { description: 'uses ${{ secrets.GITHUB_TOKEN }}' }, 'description must not contain template syntax'],
    ['a newline', { description: 'a\nb' }, 'description must be a single line'],
    ['a privileged port', { port: 80 }, 'port must be a whole number from 1024 to 65535'],
    ['a port as text', { port: '8080' }, 'port must be a whole number from 1024 to 65535'],
    ['an escaping targetPath', { targetPath: '../elsewhere' }, 'targetPath must stay inside the workspace (no ..)'],
    ['an absolute targetPath', { targetPath: '/etc' }, 'targetPath must be relative, not absolute'],
    ['an unknown CI', { ci: 'jenkins' }, 'ci must be one of github-actions, gitlab-ci, got "jenkins"'],
    ['an unsupported Go version', { goVersion: '1.21.0' }, 'goVersion must be one of the Go versions the platform supports (1.26.8), got "1.21.0"'],
    ['no module path and no repoUrl', { repoUrl: undefined }, 'modulePath is required when no repoUrl is given'],
    ['a bad module path', { modulePath: 'example.com/a b' }, 'modulePath may only contain letters, digits'],
    ['a missing owner', { owner: undefined }, 'owner is required: the group or user that owns the service'],
  ])('refuses %s with a readable message and writes nothing', async (_, change, message) => {
    const ctx = context({ ...minimal, ...change });
    await expect(action.handler(ctx as never)).rejects.toThrow(expect.objectContaining({ name: 'InputError', message: expect.stringContaining(message) }));
    expect(workspaceFiles()).toEqual([]);
  });

  it('reports all bad fields at once', async () => {
    const ctx = context({ ...minimal, name: 'X', port: 1 });
    await expect(action.handler(ctx as never)).rejects.toThrow(/^Invalid input to hardened-go:service:create: name may only .*; port must be/);
  });

  it('never overwrites an existing file unless told to', async () => {
    fs.writeFileSync(path.join(workspace, 'README.md'), 'keep me');
    await expect(action.handler(context(minimal) as never)).rejects.toThrow('README.md already exists; refusing to overwrite it');
    expect(workspaceFiles()).toEqual(['README.md']);
    expect(fs.readFileSync(path.join(workspace, 'README.md'), 'utf8')).toBe('keep me');

    await action.handler(context({ ...minimal, overwrite: true }) as never);
    expect(fs.readFileSync(path.join(workspace, 'README.md'), 'utf8')).toMatch(/^# payments-api/);
  });

  it('never writes through a symlink out of the workspace', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    try {
      fs.symlinkSync(outside, path.join(workspace, 'svc'));
      await expect(action.handler(context({ ...minimal, targetPath: 'svc', overwrite: true }) as never)).rejects.toThrow('svc is a symbolic link');
      expect(fs.readdirSync(outside)).toEqual([]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('offers the Go versions of the policy it was created with', async () => {
    const policy: Policy = { ...DEFAULT_POLICY, supportedGoVersions: ['1.26.8', '1.25.9'] };
    const ctx = context({ ...minimal, goVersion: '1.25.9' });
    await createServiceAction({ policy }).handler(ctx as never);
    expect(fs.readFileSync(path.join(workspace, 'go.mod'), 'utf8')).toContain('go 1.25.9');
    expect(createServiceAction({ policy }).schema?.input).toMatchObject({ properties: { goVersion: { enum: ['1.26.8', '1.25.9'], default: '1.26.8' } } });
  });

  it('publishes a JSON Schema with the required fields, defaults and no unknown keys', () => {
    const schema = action.schema?.input as { required: string[]; additionalProperties: boolean; properties: Record<string, { default?: unknown; enum?: unknown[] }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required.sort()).toEqual(['description', 'name', 'owner']);
    expect(schema.properties.port?.default).toBe(8080);
    expect(schema.properties.ci?.enum).toEqual(['github-actions', 'gitlab-ci']);
    expect(schema.properties.overwrite?.default).toBe(false);
    expect(Object.keys(action.schema?.output?.properties ?? {}).sort()).toEqual(['dockerfilePath', 'files', 'modulePath', 'requiredStatusChecks', 'standardVersion']);
  });

  it('has examples whose literal inputs pass its own schema', () => {
    expect(action.examples?.length).toBeGreaterThanOrEqual(3);
    const literal = action.examples!.map(e => YAML.parse(e.example).steps[0]).filter(step => !JSON.stringify(step.input).includes('${{'));
    expect(literal.length).toBeGreaterThanOrEqual(2);
    for (const step of literal) {
      expect(step.action).toBe('hardened-go:service:create');
      expect(serviceInputSchema(z, DEFAULT_POLICY).safeParse(step.input).success).toBe(true);
    }
  });
});
