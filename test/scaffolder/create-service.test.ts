/**
 * The proof of "Create new Go service": the real template runs through the real scaffolder
 * (a Backstage backend in-process with the catalog, the scaffolder, the GitHub module and
 * this project's module, in-memory SQLite), via the dry-run endpoint the template editor
 * uses. The returned repository is then held to what the issue promises, with the machine's
 * Go 1.26 and the pinned golangci-lint/actionlint (scripts/install-go-tools.sh):
 *   1. gofmt -l is empty, go vet and go test -race pass;
 *   2. golangci-lint passes with the generated config, actionlint with the generated workflow;
 *   3. the standard's checker finds the Dockerfile compliant with zero findings, and BuildKit's
 *      own parser (test/buildkit-parser) parses it exactly as ours does;
 *   4. the Dockerfile's build stage, replayed with the host Go, yields a static binary
 *      (no PT_INTERP); binary and estimated image sizes are printed;
 *   5. the binary serves /healthz and /readyz, logs JSON, and exits 0 on SIGTERM in time.
 * Matrix: both CI choices, a name at each length limit (1 and 63), a non-default port.
 * GitHub itself cannot exist here: publish:github and catalog:register are skipped by the
 * scaffolder's dry run (they do not support it) and their inputs are checked from its log.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import * as YAML from 'yaml';
import { checkDockerfile, policyFromConfig, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { GITHUB_REQUIRED_JOBS } from '@hardened-go/plugin-dockerfile-compliance-node';
import { buildkitParse } from '../buildkit-parser/run';
import { parseDifferences } from '../differential/compare';
import { EM_AARCH64, EM_X86_64, PT_INTERP, readElf } from './support/elf';
import { hostPlatform, replayBuildStage } from './support/replayBuildStage';
import { startService } from './support/runService';
import { freePort } from '../support/freePort';
import { eventually, startScaffolderBackend, type ScaffolderBackend } from './support/scaffolderBackend';

jest.setTimeout(10 * 60_000);

const REPO = path.resolve(__dirname, '..', '..');
const TOOLS = path.join(REPO, '.cache', 'go-tools', 'bin');
const GOLANGCI_LINT = path.join(TOOLS, 'golangci-lint');
const ACTIONLINT = path.join(TOOLS, 'actionlint');
const TEMPLATE_FILE = path.join(REPO, 'templates', 'go-service', 'template.yaml');
const ARTIFACTS = path.join(REPO, 'test', '.artifacts');
const GO_ENV = { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: undefined };

/** The root app-config's policy: the backend under test runs with it. */
const appConfig = YAML.parse(fs.readFileSync(path.join(REPO, 'app-config.yaml'), 'utf8'));
const policy: Policy = policyFromConfig(appConfig?.hardenedGo?.standard);

/** Quotes, backslashes, Go comment and raw-string markers, Markdown, HTML, YAML syntax: all must come out inert. */
const HOSTILE_DESCRIPTION = `Takes "payments" \\ back\`tick\` */ // <b>bold</b> *md* [link](javascript:x) key: value # not a comment 'single' & é 🚀`;
const LONG_NAME = `long-${'n'.repeat(57)}1`;

interface Case {
  label: string;
  values: Record<string, unknown>;
  port: number;
  workflow?: string;
}

const MATRIX: Case[] = [
  {
    label: 'GitHub Actions, 1-character name, default port, hostile description',
    values: {
      name: 'a',
      description: HOSTILE_DESCRIPTION,
      owner: 'group:default/team-a',
      system: 'system:default/payments',
      repoUrl: 'github.com?owner=acme&repo=a',
      goVersion: policy.supportedGoVersions[0],
      ci: 'github-actions',
    },
    port: 8080,
    workflow: '.github/workflows/ci.yaml',
  },
  {
    label: 'GitLab CI, 63-character name, port 9090, explicit module path',
    values: {
      name: LONG_NAME,
      description: 'Keeps the ledger.',
      owner: 'user:default/jane.doe',
      repoUrl: `github.com?owner=acme&repo=${LONG_NAME}`,
      modulePath: `gitlab.example.com/finance/${LONG_NAME}/v2`,
      port: 9090,
      ci: 'gitlab-ci',
    },
    port: 9090,
  },
];

function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = GO_ENV): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

async function mustPass(cmd: string, args: string[], cwd: string): Promise<string> {
  const result = await exec(cmd, args, cwd);
  if (result.code !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout + result.stderr;
}

const templateEntity = YAML.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8'));
let backend: ScaffolderBackend;
const workDirs: string[] = [];
const figures: Record<string, unknown>[] = [];

beforeAll(async () => {
  for (const tool of [GOLANGCI_LINT, ACTIONLINT]) {
    if (!fs.existsSync(tool)) throw new Error(`${tool} is missing: run scripts/install-go-tools.sh (./dev.sh test runs it)`);
  }
  backend = await startScaffolderBackend({
    hardenedGo: appConfig.hardenedGo,
    integrations: { github: [{ host: 'github.com' }] },
    catalog: {
      rules: [{ allow: ['Component', 'System', 'Group', 'User', 'Location', 'Template'] }],
      locations: [{ type: 'file', target: TEMPLATE_FILE, rules: [{ allow: ['Template'] }] }],
    },
  });
});

afterAll(async () => {
  await backend?.stop();
  for (const dir of workDirs) fs.rmSync(dir, { recursive: true, force: true });
  if (figures.length > 0) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'scaffolder-create-service.json'), JSON.stringify(figures, null, 2));
  }
});

interface DryRunResponse {
  log: Array<{ body: { message: string; stepId?: string; status?: string } }>;
  directoryContents: Array<{ path: string; base64Content: string; executable?: boolean }>;
  output: { links?: Array<{ title?: string; url?: string; entityRef?: string }> };
  steps: Array<{ id: string; action: string }>;
}

function dryRun(values: Record<string, unknown>, template: unknown = templateEntity) {
  return backend.request<DryRunResponse & { error?: { name: string; message: string }; errors?: unknown[] }>('POST', '/api/scaffolder/v2/dry-run', {
    template,
    values,
    secrets: {},
    directoryContents: [],
  });
}

/** The input a skipped (non-dry-run) action would have received, from the scaffolder's dry-run log. */
function dryRunInputOf(response: DryRunResponse, action: string): Record<string, unknown> {
  const prefix = `Running ${action} in dry-run mode with inputs (secrets redacted): `;
  // The step logger prefixes its (colourised) level: "<ESC>[32minfo<ESC>[39m: Running ...".
  const entry = response.log.find(e => e.body.message.includes(prefix));
  if (!entry) throw new Error(`no dry-run log line for ${action}; log:\n${response.log.map(e => e.body.message).join('\n')}`);
  return JSON.parse(entry.body.message.slice(entry.body.message.indexOf(prefix) + prefix.length));
}

describe('the real scaffolder with the hardened-go module', () => {
  it('lists hardened-go:service:create with its schema and examples', async () => {
    const { status, body } = await backend.request<Array<{ id: string; examples?: unknown[]; schema?: { input?: { properties: Record<string, unknown>; additionalProperties: boolean } } }>>(
      'GET',
      '/api/scaffolder/v2/actions',
    );
    expect(status).toBe(200);
    const action = body.find(a => a.id === 'hardened-go:service:create');
    expect(action?.examples?.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(action?.schema?.input?.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'description', 'owner', 'system', 'modulePath', 'goVersion', 'port', 'ci', 'targetPath', 'overwrite']),
    );
    expect(action?.schema?.input?.additionalProperties).toBe(false);
  });

  it('serves the template from the catalog with its form', async () => {
    const entity = await eventually('the template in the catalog', async () => {
      const res = await backend.request<{ metadata: { title: string } }>('GET', '/api/catalog/entities/by-name/template/default/go-service');
      return res.status === 200 ? res.body : undefined;
    });
    expect(entity.metadata.title).toBe('Create new Go service');
    const schema = await backend.request<{ title: string; steps: Array<{ title: string; schema: { properties: Record<string, { enum?: string[]; 'ui:field'?: string }> } }> }>(
      'GET',
      '/api/scaffolder/v2/templates/default/template/go-service/parameter-schema',
    );
    expect(schema.status).toBe(200);
    expect(schema.body.title).toBe('Create new Go service');
    const fields = Object.assign({}, ...schema.body.steps.map(s => s.schema.properties));
    expect(fields.owner['ui:field']).toBe('OwnerPicker');
    expect(fields.system['ui:field']).toBe('EntityPicker');
    expect(fields.repoUrl['ui:field']).toBe('RepoUrlPicker');
    // The form's Go versions are the policy's (the action enforces the live policy as well).
    expect(fields.goVersion.enum).toEqual(policy.supportedGoVersions);
  });

  it('rejects a form value the template schema forbids, with the field named', async () => {
    const res = await dryRun({ ...MATRIX[0]!.values, name: 'Bad_Name{{x}}' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('name');
  });

  it.each([
    ['template syntax in the description', { description: 'Build ${{ secrets.GITHUB_TOKEN }} {{ 7*7 }}' }, 'description must not contain template syntax'],
    ['a privileged port', { port: 80 }, 'port'],
    ['an owner that is not a group or user', { owner: 'component:default/x' }, 'owner must refer to a group or user'],
  ])('rejects %s in the action with a readable message', async (_, change, message) => {
    const res = await dryRun({ ...MATRIX[0]!.values, ...change });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toContain(message);
  });

  describe.each(MATRIX)('$label', testCase => {
    let dir: string;
    let response: DryRunResponse;
    const file = (p: string) => fs.readFileSync(path.join(dir, p), 'utf8');

    beforeAll(async () => {
      const res = await dryRun(testCase.values);
      if (res.status !== 200) throw new Error(`dry-run failed: ${res.status} ${JSON.stringify(res.body).slice(0, 2000)}`);
      response = res.body;
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'generated-service-'));
      workDirs.push(dir);
      for (const entry of response.directoryContents) {
        const target = path.join(dir, entry.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, Buffer.from(entry.base64Content, 'base64'));
      }
    });

    it('returns the whole repository from the dry run, GitHub expressions intact', () => {
      const paths = response.directoryContents.map(f => f.path).sort();
      const ci = testCase.values.ci === 'github-actions' ? ['.github/dependabot.yml', '.github/workflows/ci.yaml'] : ['.gitlab-ci.yml', 'renovate.json'];
      expect(paths).toEqual(
        ['.dockerignore', '.gitignore', '.golangci.yml', 'Dockerfile', 'README.md', 'catalog-info.yaml', 'go.mod', 'main.go', 'main_test.go', ...ci].sort(),
      );
      if (testCase.workflow) {
        expect(file(testCase.workflow)).toContain('tags: ${{ env.IMAGE }}:${{ github.sha }}');
        expect(file(testCase.workflow)).toContain('password: ${{ secrets.GITHUB_TOKEN }}');
      }
    });

    it('hands publish:github the CI job names as required status checks, and links repo and entity', async () => {
      const publishInput = dryRunInputOf(response, 'publish:github');
      const { body: actions } = await backend.request<Array<{ id: string; schema: { input: object } }>>('GET', '/api/scaffolder/v2/actions');
      const publishSchema = actions.find(a => a.id === 'publish:github')!.schema.input;
      const validate = new Ajv({ strict: false }).compile(publishSchema);
      expect([validate(publishInput), validate.errors]).toEqual([true, null]);
      expect(publishInput).toMatchObject({ defaultBranch: 'main', protectDefaultBranch: true, repoUrl: testCase.values.repoUrl });
      if (testCase.workflow) {
        const workflow = YAML.parse(file(testCase.workflow)) as { jobs: Record<string, { name: string; if?: string }> };
        const pullRequestJobs = Object.values(workflow.jobs).filter(j => !j.if).map(j => j.name);
        expect(publishInput.requiredStatusCheckContexts).toEqual(pullRequestJobs);
        expect(publishInput.requiredStatusCheckContexts).toEqual([...GITHUB_REQUIRED_JOBS]);
      } else {
        expect(publishInput.requiredStatusCheckContexts).toEqual([]);
      }
      expect(dryRunInputOf(response, 'catalog:register')).toMatchObject({ catalogInfoPath: '/catalog-info.yaml' });
      expect(response.output.links?.map(l => l.title)).toEqual(['Repository', 'Open in catalog']);
    });

    it('writes user values inert: catalog-info.yaml and main.go keep them verbatim', () => {
      const entity = YAML.parse(file('catalog-info.yaml'));
      expect(entity.metadata.name).toBe(testCase.values.name);
      expect(entity.metadata.description).toBe(testCase.values.description);
      expect(entity.spec).toMatchObject({ type: 'service', owner: testCase.values.owner, lifecycle: 'experimental' });
      expect(entity.spec.system).toBe(testCase.values.system);
      expect(entity.metadata.annotations['hardened-go.io/standard-version']).toBe(policy.standardVersion);
      expect(entity.metadata.annotations['backstage.io/source-location']).toMatch(/^url:https:\/\/github\.com\/acme\/[a-z0-9-]+\/tree\/main\/$/);
    });

    it('1. is gofmt-clean and passes go vet and go test -race', async () => {
      expect((await mustPass('gofmt', ['-l', '.'], dir)).trim()).toBe('');
      await mustPass('go', ['vet', './...'], dir);
      const test = await mustPass('go', ['test', '-race', '-count=1', './...'], dir);
      expect(test).toMatch(/^ok\s/m);
    });

    it('2. passes golangci-lint with its own config, and actionlint on its workflow', async () => {
      expect((await mustPass(GOLANGCI_LINT, ['config', 'path'], dir)).trim()).toBe('.golangci.yml');
      expect(await mustPass(GOLANGCI_LINT, ['run', './...'], dir)).toContain('0 issues');
      if (testCase.workflow) await mustPass(ACTIONLINT, ['-no-color', testCase.workflow], dir);
    });

    it('3. has a Dockerfile the standard finds compliant with zero findings, parsed by BuildKit as by us', async () => {
      const dockerfile = file('Dockerfile');
      const result = checkDockerfile(dockerfile, policy, { now: new Date('2026-11-26T00:00:00Z') });
      expect(result).toEqual({ status: 'compliant', standardVersion: policy.standardVersion, findings: [] });
      const [theirs] = await buildkitParse([path.join(dir, 'Dockerfile')]);
      expect(theirs!.errors).toEqual([]);
      const { parseDockerfile } = await import('@hardened-go/plugin-dockerfile-compliance-common');
      expect(parseDifferences(parseDockerfile(dockerfile), theirs!)).toEqual([]);
    });

    describe('4. and 5. the build stage, replayed, and the running service', () => {
      let binary: string;

      it('4. builds a statically linked binary with the Dockerfile\'s exact go build line', async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'image-root-'));
        workDirs.push(root);
        const replay = await replayBuildStage({ dockerfile: file('Dockerfile'), context: dir, root, env: GO_ENV, platform: { target: hostPlatform() } });
        expect(replay.ran).toEqual(['go mod download && go mod verify', replay.goBuildLine]);
        expect(replay.goBuildLine).toBe(`CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/${testCase.values.name} .`);
        expect(replay.skipped).toEqual(['apk add --no-cache ca-certificates tzdata']);

        binary = path.join(root, 'out', String(testCase.values.name));
        const elf = readElf(fs.readFileSync(binary));
        expect(elf.machine).toBe(hostPlatform().arch === 'arm64' ? EM_AARCH64 : EM_X86_64);
        expect(elf.programHeaderTypes).not.toContain(PT_INTERP);
        expect(elf.interpreter).toBeUndefined();

        const binaryBytes = fs.statSync(binary).size;
        const imageBytes = replay.finalStageCopies.reduce((sum, c) => sum + c.bytes, 0);
        const estimatedFrom = replay.finalStageCopies.filter(c => c.fromHost).map(c => `${c.source} ${c.bytes} B`);
        expect(replay.finalStageCopies.find(c => c.source === `/out/${testCase.values.name}`)?.bytes).toBe(binaryBytes);
        const mb = (n: number) => (n / 1e6).toFixed(2);
        const line =
          `[${testCase.label}] static binary ${mb(binaryBytes)} MB; estimated final image ${mb(imageBytes)} MB ` +
          `(binary + ${estimatedFrom.join(', ')}, system files measured on this host); seed reference for a trivial program: 2.48 MB`;
        console.log(line);
        figures.push({ case: testCase.label, binaryBytes, estimatedImageBytes: imageBytes, finalStageCopies: replay.finalStageCopies });
        expect(binaryBytes).toBeLessThan(20e6);
      });

      it('4b. cross-compiles for linux/arm64 on this machine (FROM --platform=$BUILDPLATFORM, GOOS/GOARCH from TARGETOS/TARGETARCH): an aarch64 static ELF', async () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), 'image-root-arm64-'));
        workDirs.push(root);
        const replay = await replayBuildStage({
          dockerfile: file('Dockerfile'),
          context: dir,
          root,
          env: GO_ENV,
          platform: { target: { os: 'linux', arch: 'arm64' }, build: { os: 'linux', arch: 'amd64' } },
        });
        // the build stage runs on the build platform; only the Go output is for the target
        expect(replay.stagePlatform).toBe('linux/amd64');
        const elf = readElf(fs.readFileSync(path.join(root, 'out', String(testCase.values.name))));
        expect([elf.machine, elf.bits]).toEqual([EM_AARCH64, 64]);
        expect(elf.programHeaderTypes).not.toContain(PT_INTERP);
      });

      it('5. serves /healthz and /readyz, logs JSON, drains and exits 0 on SIGTERM within its shutdown timeout', async () => {
        expect(binary).toBeDefined();
        const port = await freePort();
        const drainMs = 1000;
        const service = startService(binary, { PATH: process.env.PATH ?? '', DRAIN_DELAY: `${drainMs}ms` }, port);
        try {
          await service.waitForLine(line => line.includes('"msg":"listening"'), 10_000);
          const get = (p: string) => fetch(`http://127.0.0.1:${port}${p}`);
          expect((await get('/healthz')).status).toBe(200);
          expect((await get('/readyz')).status).toBe(200);
          const info = await (await get('/')).json();
          expect(info).toEqual({ service: testCase.values.name, description: testCase.values.description });
          expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);

          const exit = service.terminate(drainMs + 10_000 + 2_000);
          await service.waitForLine(line => line.includes('"msg":"draining"'), 5_000);
          expect((await get('/readyz')).status).toBe(503); // draining: load balancers stop sending
          expect((await get('/healthz')).status).toBe(200); // still alive
          const { code, signal, ms } = await exit;
          expect({ code, signal }).toEqual({ code: 0, signal: null });
          expect(ms).toBeGreaterThanOrEqual(drainMs - 50);
          expect(ms).toBeLessThan(drainMs + 10_000);

          const logs = service.lines.filter(l => l.trim() !== '').map(l => JSON.parse(l));
          expect(logs.map(l => l.msg)).toEqual(['listening', 'draining', 'stopped']);
          for (const entry of logs) expect(entry).toMatchObject({ level: 'INFO', service: testCase.values.name, time: expect.any(String) });
          expect(logs[0].addr).toMatch(new RegExp(`:${port}$`));
        } finally {
          service.kill();
        }
      });
    });
  });
});
