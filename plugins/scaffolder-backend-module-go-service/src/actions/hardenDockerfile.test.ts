import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DEFAULT_POLICY, checkDockerfile, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { createCheckPool, renderCheckWorkflow } from '@hardened-go/plugin-dockerfile-compliance-node';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { manyEnvLines } from '../../../../test/hostile/families';
import { dockerfilePaths, hardenDockerfileAction } from './hardenDockerfile';

/** Drifted: alpine final base, root, no -trimpath, no module verify; a clear Go service. */
const DRIFTED = `FROM golang:1.22-alpine AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /bin/api ./cmd/api
FROM alpine:3.20
COPY --from=build /bin/api /usr/local/bin/api
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/api"]
`;
const NEEDS_SHELL = DRIFTED.replace('ENTRYPOINT ["/usr/local/bin/api"]', 'CMD /usr/local/bin/api && echo done');
/** One stage that builds and runs: only the whole-file rewrite can split it. */
const SINGLE_STAGE = `FROM golang:1.26.8-alpine3.23
WORKDIR /app
COPY go.mod go.sum* ./
RUN go mod download && go mod verify
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /bin/api ./cmd/api
USER 65534:65534
ENTRYPOINT ["/bin/api"]
`;
const NOT_GO = 'FROM node:22.11.0\nCMD ["node", "index.js"]\n';

let workspace: string;
/** One pool of workers for every action in this file (the module passes its own). */
const checker = createCheckPool();
afterAll(() => checker.close());
beforeEach(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-action-'));
});
afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

function write(relative: string, content: string | Buffer) {
  const file = path.join(workspace, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function read(relative: string): string {
  return fs.readFileSync(path.join(workspace, relative), 'utf8');
}

async function runAction(input: Record<string, unknown>, options: Partial<Parameters<typeof hardenDockerfileAction>[0]> = {}) {
  const action = hardenDockerfileAction({ policy: DEFAULT_POLICY, ruleDocsLink: (r) => `https://docs.example/${r.docsPath}`, checker, ...options });
  const ctx = createMockActionContext({ input: input as never, workspacePath: workspace });
  await action.handler(ctx as never);
  return Object.fromEntries((ctx.output as jest.Mock).mock.calls) as Record<string, any>;
}

function goModule(version = '1.26.8') {
  write('go.mod', `module example.com/api\n\ngo ${version}\n`);
  write('cmd/api/main.go', 'package main\n\nfunc main() {}\n');
}

describe('hardened-go:dockerfile:harden', () => {
  it('fixes the Dockerfile by minimal edits and outputs fixed rules, each edit, the diff and a PR with rule links', async () => {
    goModule();
    write('Dockerfile', DRIFTED);
    const out = await runAction({});
    const text = read('Dockerfile');
    expect(checkDockerfile(text, DEFAULT_POLICY).status).toBe('compliant');
    // the owner's lines stay: the same binary path and start command
    expect(text).toContain('COPY --from=build /bin/api /usr/local/bin/api\n');
    expect(text).toContain('ENTRYPOINT ["/usr/local/bin/api"]');
    expect(text).not.toMatch(/^# (?!syntax=)/m); // the pinned frontend directive, no banners
    // a repository without the check in its CI gets it in the same pull request
    expect(out.changedFiles).toEqual(['Dockerfile', '.github/workflows/hardened-go.yaml']);
    expect(out.checkWorkflow).toEqual({ outcome: 'added', path: '.github/workflows/hardened-go.yaml' });
    expect(read('.github/workflows/hardened-go.yaml')).toBe(renderCheckWorkflow(DEFAULT_POLICY));
    expect(out.diff).toContain('--- a/.github/workflows/hardened-go.yaml\n+++ b/.github/workflows/hardened-go.yaml\n');
    expect(out.pullRequestBody).toContain('### .github/workflows/hardened-go.yaml: the check on every pull request');
    expect(out.fixedRules).toEqual(expect.arrayContaining(['GDS001', 'GDS003', 'GDS005', 'GDS007', 'GDS009']));
    expect(out.files).toEqual([expect.objectContaining({ path: 'Dockerfile', outcome: 'fixed', fixed: out.fixedRules, method: 'edits' })]);
    expect(out.files[0].edits).toContainEqual({ ruleIds: ['GDS001'], lines: [8], what: 'the final stage FROM scratch instead of alpine:3.20' });
    expect(out.diff).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(out.diff).toContain('\n-FROM alpine:3.20\n');
    expect(out.diff).toContain('\n+FROM scratch\n');
    expect(out.pullRequestTitle).toBe('Harden Dockerfile to the hardened Go standard v1');
    expect(out.pullRequestBody).toContain('### Dockerfile: fixed by minimal edits');
    expect(out.pullRequestBody).toContain('| [GDS001](https://docs.example/docs/rules/GDS001.md) | 8 | the final stage FROM scratch instead of alpine:3.20 | An empty final image');
    expect(out.standardVersion).toBe('v1');
    expect(out.repoPath).toBeUndefined();
  });

  it('adds the check workflow only where it belongs: not twice, not below the root, not to GitLab projects, never over a file', async () => {
    goModule();
    const workflow = (input: Record<string, unknown>) => {
      write('Dockerfile', DRIFTED);
      return runAction(input).then(out => out.checkWorkflow);
    };
    write('.github/workflows/ci.yml', 'jobs:\n  check:\n    steps:\n      - uses: hardened-go/hardened-go@v0.2.0\n');
    expect(await workflow({})).toEqual({ outcome: 'present', path: '.github/workflows/ci.yml' });
    fs.rmSync(path.join(workspace, '.github'), { recursive: true });
    expect(await workflow({ addCheckWorkflow: false })).toEqual({ outcome: 'skipped', reason: 'addCheckWorkflow is false' });
    expect(await workflow({ sourceLocation: 'url:https://github.com/acme/mono/tree/main/services/api/' })).toEqual({
      outcome: 'skipped',
      reason: 'the pull request is confined to services/api/, not the repository root where workflows live',
    });
    write('.gitlab-ci.yml', 'stages: [test]\n');
    expect(await workflow({})).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/uses GitLab CI/) });
    fs.rmSync(path.join(workspace, '.gitlab-ci.yml'));
    write('.github/workflows/hardened-go.yaml', 'name: ours\n');
    expect(await workflow({})).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/exists and does not run the check/) });
    expect(read('.github/workflows/hardened-go.yaml')).toBe('name: ours\n');
  });

  it('falls back to the whole-file rewrite for what edits cannot do (a single-stage build), unless rewrite is false', async () => {
    goModule();
    write('Dockerfile', SINGLE_STAGE);
    const editsOnly = await runAction({ rewrite: false, allowNoChange: true });
    expect(editsOnly.files[0]).toMatchObject({ outcome: 'refused', refusalCode: 'no-safe-edit' });
    expect(editsOnly.files[0].unfixed).toEqual([{ ruleId: 'GDS001', line: 1, reason: expect.stringMatching(/single-stage build/) }]);
    expect(read('Dockerfile')).toBe(SINGLE_STAGE);
    const out = await runAction({});
    expect(out.files[0]).toMatchObject({ outcome: 'fixed', method: 'rewrite' });
    expect(checkDockerfile(read('Dockerfile'), DEFAULT_POLICY).status).toBe('compliant');
    // rendered without our comment banners
    expect(read('Dockerfile')).not.toMatch(/^# (?!syntax=)/m); // the pinned frontend directive, no banners
    expect(out.pullRequestBody).toContain('### Dockerfile: rewritten to the standard');
    expect(out.pullRequestBody).toContain('rewritten whole: in-place edits could not fix GDS001');
  });

  it("takes go.mod's newer Go version when the policy supports it", async () => {
    const policy = policyFromConfig({ goVersion: '1.26.8', supportedGoVersions: ['1.26.8', '1.26.9'] });
    goModule('1.26.9');
    write('Dockerfile', DRIFTED);
    await runAction({}, { policy });
    expect(read('Dockerfile')).toContain('FROM golang:1.26.9-alpine3.23 AS build');
  });

  it('reports a refused file with its reason and keeps it byte-identical; fails the step when nothing was fixed', async () => {
    write('Dockerfile', NOT_GO);
    await expect(runAction({})).rejects.toThrow(/nothing to propose.*Dockerfile: refused \(not-go\)/);
    expect(read('Dockerfile')).toBe(NOT_GO);
    const out = await runAction({ allowNoChange: true });
    expect(out.files).toEqual([expect.objectContaining({ outcome: 'refused', refusalCode: 'not-go' })]);
    expect(out.changedFiles).toEqual([]);
  });

  it('fixes in part what it can and lists what is left for a human in the PR body; a second run changes nothing', async () => {
    goModule();
    write('Dockerfile', NEEDS_SHELL);
    const out = await runAction({});
    const [file] = out.files;
    expect(file).toMatchObject({ outcome: 'fixed', path: 'Dockerfile', method: 'edits' });
    expect(file.fixed).toEqual(expect.arrayContaining(['GDS005', 'GDS007', 'GDS009']));
    expect(file.unfixed).toContainEqual(expect.objectContaining({ ruleId: 'GDS014', reason: expect.stringMatching(/shell syntax/) }));
    // the owner's lines stay: the shell-form CMD is still there, the go build gained its flags in place
    expect(read('Dockerfile')).toContain('CMD /usr/local/bin/api && echo done\n');
    expect(read('Dockerfile')).toContain('RUN CGO_ENABLED=0 go build -ldflags="-s -w" -trimpath -o /bin/api ./cmd/api\n');
    expect(out.pullRequestBody).toContain('### Dockerfile: fixed in part, by minimal edits');
    expect(out.pullRequestBody).toMatch(/Left for a human[^\n]*\n\n(- .*\n)*- \[GDS014\]\(https:\/\/docs\.example\/docs\/rules\/GDS014\.md\) \(line \d+\): line \d+ uses shell syntax/);
    expect(out.changedFiles).toEqual(['Dockerfile', '.github/workflows/hardened-go.yaml']);
    const fixedOnce = read('Dockerfile');
    const again = await runAction({ allowNoChange: true });
    expect(read('Dockerfile')).toBe(fixedOnce);
    expect(again.files[0]).toMatchObject({ outcome: 'refused', refusalCode: 'needs-shell' });
    expect(again.files[0].unfixed).toEqual(file.unfixed);
    expect(again.pullRequestBody).toMatch(/not changed \(the fixer refused: needs-shell\)[\s\S]*Left for a human/);
  });

  it('never turns cgo off for a module that imports "C" (found by scanning the module)', async () => {
    goModule();
    write('internal/c/c.go', 'package c\n\n// #include <stdio.h>\nimport "C"\n');
    const cgoOn = DRIFTED.replace('RUN CGO_ENABLED=0 go build', 'RUN go build');
    write('Dockerfile', cgoOn);
    const out = await runAction({ allowNoChange: true });
    expect(out.files[0].unfixed).toContainEqual({ ruleId: 'GDS006', line: expect.any(Number), reason: expect.stringMatching(/the module imports "C"/) });
    expect(read('Dockerfile')).not.toContain('CGO_ENABLED=0');
    expect(read('Dockerfile')).toContain('FROM alpine:3.20\n');
  });

  it('handles several paths: one fixed, one refused, one missing, one compliant; the PR body says each', async () => {
    goModule();
    write('Dockerfile', DRIFTED);
    write('deploy/shell.Dockerfile', NOT_GO);
    write('ok/Dockerfile', read('Dockerfile'));
    const compliant = await runAction({ path: 'ok/Dockerfile', allowNoChange: true });
    expect(compliant.files[0].outcome).toBe('fixed');
    const out = await runAction({ path: 'Dockerfile, deploy/shell.Dockerfile, nope/Dockerfile, ok/Dockerfile' });
    expect(out.files.map((f: { path: string; outcome: string }) => `${f.path}=${f.outcome}`)).toEqual([
      'Dockerfile=fixed',
      'deploy/shell.Dockerfile=refused',
      'nope/Dockerfile=missing',
      'ok/Dockerfile=compliant',
    ]);
    expect(out.changedFiles).toEqual(['Dockerfile']);
    expect(out.pullRequestBody).toContain('### deploy/shell.Dockerfile: not changed (the fixer refused: not-go)');
    expect(out.pullRequestBody).toContain('### nope/Dockerfile: not changed');
    expect(out.pullRequestBody).toContain('### ok/Dockerfile: already compliant');
  });

  it('maps "/" paths through the source location and outputs repoPath', async () => {
    goModule();
    write('Dockerfile', DRIFTED);
    const out = await runAction({ path: '/services/api/Dockerfile', sourceLocation: 'url:https://github.com/acme/mono/tree/main/services/api/' });
    expect(out.repoPath).toBe('services/api');
    expect(out.changedFiles).toEqual(['Dockerfile']);
    await expect(runAction({ path: '/other/Dockerfile', sourceLocation: 'https://github.com/acme/mono/tree/main/services/api' })).rejects.toThrow(
      /outside the fetched directory "services\/api"/,
    );
    await expect(runAction({ sourceLocation: 'https://example.com/some/where?x=1' })).rejects.toThrow(/cannot tell where/);
  });

  it('never leaves the workspace: .., URLs and symbolic links are refused or reported, not followed', async () => {
    await expect(runAction({ path: '../Dockerfile' })).rejects.toThrow(/contains ".."/);
    await expect(runAction({ path: 'https://evil.example/Dockerfile' })).rejects.toThrow(/is a URL/);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'harden-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'Dockerfile'), DRIFTED);
      fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(workspace, 'Dockerfile'));
      await expect(runAction({})).rejects.toThrow(/resolves outside the workspace/);
      fs.rmSync(path.join(workspace, 'Dockerfile'));
      fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(workspace, 'inside-link'));
      fs.mkdirSync(path.join(workspace, 'd'));
      // A link inside the workspace to another file inside is reported, not followed.
      fs.writeFileSync(path.join(workspace, 'd', 'real'), DRIFTED);
      fs.symlinkSync(path.join(workspace, 'd', 'real'), path.join(workspace, 'd', 'Dockerfile'));
      const out = await runAction({ path: 'd/Dockerfile', allowNoChange: true });
      expect(out.files[0]).toMatchObject({ outcome: 'missing', reason: 'd/Dockerfile is a symbolic link' });
      expect(fs.readFileSync(path.join(outside, 'Dockerfile'), 'utf8')).toBe(DRIFTED);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a repository directory from sourceLocation that is not a normal relative path, naming no local path', async () => {
    write('Dockerfile', DRIFTED);
    for (const [location, problem] of [
      ['https://github.com/acme/api/tree/main/svc%0Aevil', /contains a control character/],
      ['https://github.com/acme/api/tree/main/a/..%2F..%2Fetc', /is not a normal relative path/],
      ['https://github.com/acme/api/tree/main/a%5Cb', /contains a backslash/],
    ] as const) {
      const error = await runAction({ sourceLocation: location }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(problem);
      expect(error?.message).not.toContain(process.cwd());
      expect(error?.message).not.toContain(workspace);
    }
    expect(read('Dockerfile')).toBe(DRIFTED);
  });

  it('refuses a file over the limits as too-complex and still rewrites the others', async () => {
    goModule();
    write('Dockerfile', DRIFTED);
    // 80,000 ENV lines need far more than 32 MB of heap: the memory limit stops it, not the
    // clock, so the verdict does not depend on how busy the machine is (a 100 ms clock once
    // stopped the ordinary Dockerfile too, in a cold worker on a loaded CI machine)
    write('hostile/Dockerfile', manyEnvLines(80_000, 'golang:1.26-alpine'));
    const tight = createCheckPool({ timeoutMs: 60_000, maxHeapMb: 32, threads: 1 });
    try {
      const out = await runAction({ path: 'Dockerfile,hostile/Dockerfile' }, { checker: tight });
      expect(out.files).toEqual([
        expect.objectContaining({ path: 'Dockerfile', outcome: 'fixed' }),
        expect.objectContaining({ path: 'hostile/Dockerfile', outcome: 'refused', refusalCode: 'too-complex', reason: expect.stringMatching(/could not be checked within the limits: checking it needed more than 32 MB of memory/) }),
      ]);
    } finally {
      await tight.close();
    }
  });

  it('refuses an oversized or non-UTF-8 file as unreadable without loading or touching it', async () => {
    const policy = policyFromConfig({ maxFileBytes: 1024 });
    write('Dockerfile', `${DRIFTED}${'# padding\n'.repeat(200)}`);
    write('bin.Dockerfile', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]));
    const out = await runAction({ path: 'Dockerfile,bin.Dockerfile', allowNoChange: true }, { policy });
    expect(out.files.map((f: { reason: string }) => f.reason)).toEqual([
      expect.stringContaining('larger than 1024 bytes'),
      expect.stringContaining('not valid UTF-8'),
    ]);
  });

  it('reports remaining findings with the rollout deadline of the given clock', async () => {
    // What is left keeps its findings: GDS014 enforced from 2027-01-01 is a warning naming the date before, an error after.
    const policy = policyFromConfig({ rules: { GDS014: { mode: 'enforce', enforceAfter: '2027-01-01' } } });
    goModule();
    const gds014 = async (now: string) => {
      write('Dockerfile', NEEDS_SHELL);
      const out = await runAction({ allowNoChange: true }, { policy, now: () => new Date(now) });
      return out.remaining.find((f: { ruleId: string }) => f.ruleId === 'GDS014');
    };
    const before = await gds014('2026-12-31T23:59:00Z');
    expect(before.severity).toBe('warning');
    expect(before.message).toContain('enforced as an error from 2027-01-01');
    expect((await gds014('2027-01-01T00:00:00Z')).severity).toBe('error');
  });

  it('links rules to hardenedGo.ruleDocsBaseUrl from its config, and reads the 0.2.0 key with a warning', async () => {
    const docs = 'https://git.example/acme/hg/blob/main/plugins/dockerfile-compliance-common';
    const configOf = (values: Record<string, string>) => ({ getOptionalString: (key: string) => values[key] });
    goModule();
    write('Dockerfile', DRIFTED);
    const logger = { warn: jest.fn() };
    const current = await runAction({}, { ruleDocsLink: undefined, config: configOf({ 'hardenedGo.ruleDocsBaseUrl': docs }), logger });
    expect(current.pullRequestBody).toContain(`[GDS001](${docs}/docs/rules/GDS001.md)`);
    expect(logger.warn).not.toHaveBeenCalled();

    write('Dockerfile', DRIFTED);
    const old = await runAction({}, { ruleDocsLink: undefined, config: configOf({ 'hardenedGo.docsBaseUrl': `${docs}/` }), logger });
    expect(old.pullRequestBody).toContain(`[GDS001](${docs}/docs/rules/GDS001.md)`);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('hardenedGo.docsBaseUrl is deprecated'));
  });
});

describe('dockerfilePaths', () => {
  it('splits the annotation format, de-duplicates and normalises', () => {
    expect(dockerfilePaths(' Dockerfile , ./Dockerfile, deploy//w.Dockerfile ', undefined)).toEqual(['Dockerfile', 'deploy/w.Dockerfile']);
    expect(dockerfilePaths('/build/Dockerfile', '')).toEqual(['build/Dockerfile']);
    expect(dockerfilePaths('/svc/build/Dockerfile', 'svc')).toEqual(['build/Dockerfile']);
  });
  it('rejects empty lists, too many files and control characters', () => {
    expect(() => dockerfilePaths(' , ', undefined)).toThrow(/names no file/);
    expect(() => dockerfilePaths(Array.from({ length: 11 }, (_, i) => `D${i}`).join(','), undefined)).toThrow(/at most 10/);
    // like the annotation: repeats count once
    expect(dockerfilePaths(Array.from({ length: 11 }, () => 'Dockerfile').join(','), undefined)).toEqual(['Dockerfile']);
    expect(() => dockerfilePaths('a\nb', undefined)).toThrow(/control character/);
  });
});
