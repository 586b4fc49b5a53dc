/**
 * The whole-file rewrite (rewriteOnly: what harden() falls back to when its in-place edits
 * leave errors or warnings).
 *
 * Independent QA of rewriteOnly() on drifted Go Dockerfiles written outside the corpus
 * (test-fixtures/fix-qa/, expectations written per file before looking at the fixer's output).
 *
 * For every file: the outcome is the expected one (fixed, or refused with the expected code and
 * a reason naming what is wrong); a fixed file checks clean, is a fixed point of rewriteOnly(), and
 * keeps every listed service specific with the same meaning, read back through the parser and
 * model from both the input and the rewrite (effective values: ARG defaults expanded, paths
 * resolved against WORKDIR). The CLI gives the same result as the library; for the cases with
 * a Go module beside them the rewritten build stage is replayed with the host Go and must
 * produce a static binary that runs.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { buildModel } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { DockerfileModel, StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { parseDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { modulePathOf } from './goSource';
import { goModRequiredVersion } from './goVersion';
import { harden, rewriteOnly } from './harden';
import type { HardenContext, RefusalCode } from './types';
// The build-stage replay and ELF reader of the scaffolder end-to-end suite (reused, not copied).
import { PT_INTERP, readElf } from '../../../../test/scaffolder/support/elf';
import { replayBuildStage } from '../../../../test/scaffolder/support/replayBuildStage';

const FIXTURES = path.resolve(__dirname, '..', '..', 'test-fixtures', 'fix-qa');
const NOW = new Date('2026-11-26T00:00:00Z');
const POLICY = DEFAULT_POLICY;

interface CopyExpectation {
  from: 'build' | 'context';
  sources: string[];
  dest: string;
}

interface Keep {
  binary: string;
  mainPackage: string;
  tags?: string[];
  ldflagsX?: Record<string, string>;
  buildArgs?: Record<string, string | null>;
  /** ARGs whose value must still flow into -X (probed by changing the ARG's default). */
  argRefs?: string[];
  buildEnv?: Record<string, string>;
  buildSteps?: string[];
  expose?: string[];
  labels?: Record<string, string>;
  env?: Record<string, string>;
  absentEnv?: string[];
  copies?: CopyExpectation[];
  workdir?: string;
  volumes?: string[];
  entrypoint?: string[];
  cmd?: string[];
  healthcheck?: { flags: string[]; args: string[] };
  stopSignal?: string;
}

interface Case {
  expect: 'fixed' | 'refused';
  why: string;
  code?: RefusalCode;
  reasonMentions?: string[];
  replay?: string;
  keep?: Keep;
}

const { cases } = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expectations.json'), 'utf8')) as { cases: Record<string, Case> };
const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.Dockerfile')).sort();

function contextOf(c: Case): HardenContext {
  if (!c.replay) return { now: NOW };
  const goMod = fs.readFileSync(path.join(FIXTURES, 'modules', c.replay, 'go.mod'), 'utf8');
  return { now: NOW, goModGoVersion: goModRequiredVersion(goMod) ?? undefined, goModulePath: modulePathOf(goMod) ?? undefined };
}

// ---------------------------------------------------------------------------------------------
// Reading a Dockerfile back through the parser and model (independent of src/fix).

function modelOf(text: string): DockerfileModel {
  const parsed = parseDockerfile(text);
  expect(parsed.errors).toEqual([]);
  return buildModel(parsed);
}

function finalChain(model: DockerfileModel, keyword: string): StageInstruction[] {
  return model.chainInstructions(model.finalStage).filter((si) => si.instruction.keyword === keyword);
}

/** ENV or LABEL of the final image: key -> effective value (last one wins). */
function pairsIn(model: DockerfileModel, keyword: 'ENV' | 'LABEL'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const si of finalChain(model, keyword)) {
    const args = si.instruction.args;
    for (let i = 0; i + 1 < args.length; i += 2) out[args[i]] = model.expandAt(si, args[i + 1]);
  }
  return out;
}

function exposed(model: DockerfileModel): string[] {
  return finalChain(model, 'EXPOSE').flatMap((si) => si.instruction.args.flatMap((w) => model.expandAt(si, w).split(/\s+/).filter(Boolean)));
}

/** A COPY destination as the image sees it: absolute, with the trailing slash that makes it a directory kept. */
function destOf(si: StageInstruction): string {
  const raw = si.instruction.args[si.instruction.args.length - 1];
  const abs = path.posix.resolve(si.workdir, raw);
  return /\/$/.test(raw) || raw === '.' ? `${abs.replace(/\/$/, '')}/` : abs;
}

/** Where the build stage puts the module (the destination of `COPY . <dir>` / `ADD . <dir>`). */
function moduleRootOf(model: DockerfileModel): string {
  const stage = model.goBuilds[0].at.stage;
  const whole = model.copiesInto(stage).find((c) => c.from === null && c.sources.some((s) => s === '.' || s === './'));
  if (whole) return whole.dest.replace(/\/$/, '');
  const mount = model.mountsOf(model.goBuilds[0].at).find((m) => (m.options.get('type') ?? 'bind') === 'bind' && !m.options.has('source'));
  return path.posix.resolve(model.goBuilds[0].at.workdir, mount?.options.get('target') ?? '.');
}

const STANDARD_FILES = new Set(['/usr/share/zoneinfo', '/etc/ssl/certs/ca-certificates.crt', '/etc/passwd', '/etc/group']);

/** Files the final image gets besides the binary and the standard's OS files. */
function extraCopies(model: DockerfileModel, binaryPath: string): CopyExpectation[] {
  const root = moduleRootOf(model);
  const out: CopyExpectation[] = [];
  for (const c of model.copiesInto(model.finalStage)) {
    const fromBuild = c.from !== null && c.from.kind === 'stage';
    const sources = c.sources
      .map((s) => (fromBuild ? path.posix.resolve('/', s) : s))
      .filter((s) => !(fromBuild && (STANDARD_FILES.has(s) || STANDARD_FILES.has(s.replace(/\/$/, '')) || s === binaryPath || s === '/etc/ssl/certs')));
    if (sources.length === 0) continue;
    out.push({
      from: fromBuild ? 'build' : 'context',
      sources: fromBuild ? sources.map((s) => path.posix.relative(root, s)) : sources,
      dest: destOf(c.at),
    });
  }
  return out;
}

/** The start command: [program, ...ENTRYPOINT args] and CMD, exec form or a plain shell-form split on blanks. */
function startOf(model: DockerfileModel): { entry: string[]; cmd: string[] | undefined } {
  const words = (si: StageInstruction | null) => (si === null ? undefined : si.instruction.json ? si.instruction.args : si.instruction.rawArgs.trim().split(/\s+/));
  const ep = words(model.lastInChain(model.finalStage, 'ENTRYPOINT'));
  const cmd = words(model.lastInChain(model.finalStage, 'CMD'));
  if (ep && ep.length > 0) return { entry: ep, cmd };
  return { entry: (cmd ?? []).slice(0, 1), cmd: cmd?.slice(1) };
}

/** `-X name=value` pairs of the effective -ldflags, split like the go command splits it (quotes group words). */
function ldflagsX(model: DockerfileModel): Record<string, string> {
  const words = [...(model.goBuilds[0].ldflags ?? '').matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  const out: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== '-X') continue;
    const assignment = words[++i] ?? '';
    const eq = assignment.indexOf('=');
    out[assignment.slice(0, eq)] = assignment.slice(eq + 1);
  }
  return out;
}

function goBuildFlag(model: DockerfileModel, flag: string): string | undefined {
  const args = model.goBuilds[0].args;
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

function healthcheckOf(model: DockerfileModel): { flags: string[]; program: string; args: string[] } | undefined {
  const si = model.lastInChain(model.finalStage, 'HEALTHCHECK');
  if (!si) return undefined;
  const words = si.instruction.args;
  const at = words.findIndex((w) => w.toUpperCase() === 'CMD');
  return { flags: si.instruction.flags.map((f) => `--${f.name}=${f.value}`), program: words[at + 1], args: words.slice(at + 2) };
}

function buildStepCommands(model: DockerfileModel): string[] {
  return model.goBuilds[0].at.stage.instructions
    .filter((si) => si.instruction.keyword === 'RUN' && si !== model.goBuilds[0].at)
    .flatMap((si) => model.commandsOf(si).map((c) => c.words.join(' ')));
}

/** Sets `ARG name=<probe>` in the rewrite and returns the -X values the go build then gets. */
function xWithProbe(text: string, name: string, probe: string): Record<string, string> {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^ARG ${name}(=|$)`).test(l));
  expect(at).toBeGreaterThanOrEqual(0);
  lines[at] = `ARG ${name}=${probe}`;
  return ldflagsX(modelOf(lines.join('\n')));
}

// ---------------------------------------------------------------------------------------------

describe('fix QA set: every Dockerfile has an expectation', () => {
  it('expectations.json and the Dockerfiles match one to one (about 30 cases, both outcomes present)', () => {
    expect(Object.keys(cases).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(30);
    const outcomes = new Set(Object.values(cases).map((c) => c.expect));
    expect(outcomes).toEqual(new Set(['fixed', 'refused']));
  });
});

describe.each(files)('%s', (file) => {
  const expected = cases[file];
  const text = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  const context = contextOf(expected);
  const result = rewriteOnly(text, POLICY, context);

  it('was drifted to begin with (the set tests the fixer, not the pass-through)', () => {
    expect(checkDockerfile(text, POLICY, { now: NOW }).status).not.toBe('compliant');
  });

  if (expected.expect === 'refused') {
    it(`is refused (${expected.code}) with a reason naming ${JSON.stringify(expected.reasonMentions)}, the file untouched`, () => {
      expect({ code: result.refusalCode, reason: result.refused }).toEqual({ code: expected.code, reason: expect.any(String) });
      for (const word of expected.reasonMentions ?? []) expect(result.refused).toContain(word);
      expect(result.text).toBe(text);
      expect(result.fixed).toEqual([]);
    });
    return;
  }

  const keep = expected.keep!;
  it('is fixed: the rewrite checks compliant with no unsuppressed error or warning', () => {
    expect(result.refused).toBeUndefined();
    const after = checkDockerfile(result.text, POLICY, { now: NOW });
    expect(after.status).toBe('compliant');
    expect(after.findings.filter((f) => !f.suppressed && (f.severity === 'error' || f.severity === 'warning'))).toEqual([]);
  });

  it('is idempotent: rewriteOnly(rewriteOnly(x)) === rewriteOnly(x)', () => {
    const again = rewriteOnly(result.text, POLICY, context);
    expect(again.text).toBe(result.text);
    expect(again.refused).toBeUndefined();
  });

  // Lazily: a refusal fails the test above with its reason; these then report what is missing.
  const original = () => modelOf(text);
  const rewrite = () => modelOf(result.text);

  it(`keeps the one binary ${keep.binary} built from ${keep.mainPackage}, and starts it`, () => {
    const m = rewrite();
    expect(m.goBuilds).toHaveLength(1);
    const args = m.goBuilds[0].args;
    expect(args[args.length - 1]).toBe(keep.mainPackage);
    const out = goBuildFlag(m, '-o')!;
    expect(path.posix.basename(out)).toBe(keep.binary);
    const binaryCopy = m.copiesInto(m.finalStage).find((c) => c.from?.kind === 'stage' && c.sources.includes(out));
    expect(binaryCopy?.dest).toBe(`/${keep.binary}`);
    expect(startOf(m).entry[0]).toBe(`/${keep.binary}`);
    const h = healthcheckOf(m);
    if (h) expect(h.program).toBe(`/${keep.binary}`);
  });

  it('keeps the start arguments (ENTRYPOINT after the binary, CMD defaults)', () => {
    const before = startOf(original());
    const after = startOf(rewrite());
    const entry = keep.entrypoint ?? [];
    expect(after.entry.slice(1)).toEqual(entry);
    expect(after.cmd && after.cmd.length > 0 ? after.cmd : undefined).toEqual(keep.cmd);
    // Same argv as the original image (program aside).
    expect([...after.entry.slice(1), ...(after.cmd ?? [])]).toEqual([...before.entry.slice(1), ...(before.cmd ?? [])]);
  });

  it('keeps build tags and -X link-time values (same effective values as the input)', () => {
    const before = original();
    const after = rewrite();
    expect([...after.goBuilds[0].tags].sort()).toEqual([...(keep.tags ?? [])].sort());
    expect([...before.goBuilds[0].tags].sort()).toEqual([...(keep.tags ?? [])].sort());
    expect(ldflagsX(after)).toEqual(keep.ldflagsX ?? {});
    expect(ldflagsX(before)).toEqual(keep.ldflagsX ?? {});
  });

  if (keep.buildArgs || keep.argRefs) {
    it('keeps the build ARGs, and -X still follows them (--build-arg works)', () => {
      const vars = rewrite().goBuilds[0].at.vars.args;
      for (const [name, def] of Object.entries(keep.buildArgs ?? {})) {
        expect(vars.has(name)).toBe(true);
        expect(vars.get(name) ?? null).toBe(def === null ? null : def);
      }
      for (const name of keep.argRefs ?? []) {
        const probe = `qa-probe-${name.toLowerCase()}`;
        expect(Object.values(xWithProbe(result.text, name, probe))).toContain(probe);
      }
    });
  }

  if (keep.buildEnv) {
    it('keeps the module settings in the go build environment', () => {
      const build = rewrite().goBuilds[0];
      for (const [key, value] of Object.entries(keep.buildEnv!)) expect([key, build.env(key)]).toEqual([key, value]);
    });
  }

  if (keep.buildSteps) {
    it('keeps the extra build steps (go vet/test/generate)', () => {
      expect(buildStepCommands(rewrite())).toEqual(expect.arrayContaining(keep.buildSteps!));
    });
  }

  it('keeps EXPOSE, ENV, LABEL (effective values) and drops nothing else silently', () => {
    const before = original();
    const after = rewrite();
    expect(new Set(exposed(after))).toEqual(new Set(keep.expose ?? []));
    expect(new Set(exposed(before))).toEqual(new Set(keep.expose ?? []));
    const envAfter = pairsIn(after, 'ENV');
    expect(envAfter).toEqual(keep.env ?? {});
    for (const [k, v] of Object.entries(keep.env ?? {})) expect([k, pairsIn(before, 'ENV')[k]]).toEqual([k, v]);
    for (const k of keep.absentEnv ?? []) expect(Object.keys(envAfter)).not.toContain(k);
    expect(pairsIn(after, 'LABEL')).toEqual(keep.labels ?? {});
    for (const [k, v] of Object.entries(keep.labels ?? {})) {
      const label = k === 'maintainer' ? v : pairsIn(before, 'LABEL')[k];
      expect([k, label]).toEqual([k, v]);
    }
  });

  it('keeps the extra files of the final image (same source, same destination)', () => {
    const after = rewrite();
    expect(extraCopies(after, goBuildFlag(after, '-o')!)).toEqual(keep.copies ?? []);
    // The expectation describes the input too (paths relative to its own module root).
    const before = original();
    const beforeCopies = extraCopies(before, '');
    for (const c of keep.copies ?? []) expect(beforeCopies).toContainEqual(c);
  });

  it('keeps WORKDIR, VOLUME, HEALTHCHECK and STOPSIGNAL', () => {
    const after = rewrite();
    if (keep.workdir !== undefined) {
      expect(after.finalStage.endWorkdir).toBe(keep.workdir);
      expect(original().finalStage.endWorkdir.replace(/\/$/, '')).toBe(keep.workdir);
    }
    expect(finalChain(after, 'VOLUME').flatMap((si) => si.instruction.args)).toEqual(keep.volumes ?? []);
    const h = healthcheckOf(after);
    expect(h ? { flags: h.flags, args: h.args } : undefined).toEqual(keep.healthcheck);
    expect(after.lastInChain(after.finalStage, 'STOPSIGNAL')?.instruction.args[0]).toBe(keep.stopSignal);
    expect(original().lastInChain(original().finalStage, 'STOPSIGNAL')?.instruction.args[0]).toBe(keep.stopSignal);
  });
});

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------

/**
 * The host Go, never a downloaded toolchain. Each replay starts with an empty module cache and
 * a file proxy over the host's cache: `go mod download && go mod verify` really fetch and
 * verify against go.sum, without the network.
 */
function goEnv(moduleCache: string): NodeJS.ProcessEnv {
  const hostCache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } }).trim();
  return {
    ...process.env,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-buildvcs=false',
    GOPROXY: `file://${hostCache}/cache/download`,
    GOMODCACHE: moduleCache,
    CGO_ENABLED: undefined,
  };
}

/** The module cache is read-only by design; make it writable to delete it. */
function removeTree(dir: string): void {
  if (!fs.existsSync(dir)) return;
  const unlock = (p: string) => {
    const stat = fs.lstatSync(p);
    if (!stat.isDirectory()) return;
    fs.chmodSync(p, 0o755);
    for (const child of fs.readdirSync(p)) unlock(path.join(p, child));
  };
  unlock(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

function execBinary(binary: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: 30_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

const REPLAYS: Array<{ file: string; buildArgs: Record<string, string>; prints: string }> = [
  { file: '01-docs-tutorial-single-stage.Dockerfile', buildArgs: {}, prints: 'listening on :8080\n' },
  // ARG defaults are what `docker build` passes without --build-arg; the replay runs RUN lines in sh, so they go in its env.
  { file: '04-company-api-ldflags.Dockerfile', buildArgs: { VERSION: '0.0.0-dev', COMMIT: 'unknown' }, prints: 'version=0.0.0-dev commit=unknown date=\n' },
  { file: '06-vendor-mod-vendor.Dockerfile', buildArgs: {}, prints: 'diff-empty=true\n' },
  { file: '31-go-test-in-build-gomemlimit.Dockerfile', buildArgs: {}, prints: 'mode=prod codec=jsoniter\n' },
];

describe('the rewritten build stage, replayed with the host Go, builds a static binary that runs', () => {
  jest.setTimeout(5 * 60_000);
  const temps: string[] = [];
  afterAll(() => temps.forEach(removeTree));

  it.each(REPLAYS)('$file', async ({ file, buildArgs, prints }) => {
    const c = cases[file];
    const rewritten = rewriteOnly(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), POLICY, contextOf(c));
    expect(rewritten.refused).toBeUndefined();
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-qa-context-'));
    const imageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-qa-root-'));
    temps.push(context, imageRoot);
    const moduleCache = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-qa-modcache-'));
    temps.push(moduleCache);
    fs.cpSync(path.join(FIXTURES, 'modules', c.replay!), context, { recursive: true });

    const replay = await replayBuildStage({ dockerfile: rewritten.text, context, root: imageRoot, env: { ...goEnv(moduleCache), ...buildArgs } });

    const model = modelOf(rewritten.text);
    const goBuildRun = model.goBuilds[0].at.instruction.args.join(' ');
    expect(replay.goBuildLine).toBe(goBuildRun);
    expect(replay.ran[0]).toBe('go mod download && go mod verify');
    expect(replay.ran).toEqual(['go mod download && go mod verify', ...(c.keep!.buildSteps ?? []), goBuildRun]);

    const binary = path.join(imageRoot, 'out', c.keep!.binary);
    const elf = readElf(fs.readFileSync(binary));
    expect(elf.programHeaderTypes).not.toContain(PT_INTERP);
    expect(await execBinary(binary)).toBe(prints);
  });
});

describe('the build stage after minimal edits, replayed with the host Go, builds the same service as a static binary', () => {
  jest.setTimeout(5 * 60_000);
  const temps: string[] = [];
  afterAll(() => temps.forEach(removeTree));
  // the files harden fixes by edits alone: their own build lines, with -trimpath, -s -w and verify added
  const edited = REPLAYS.filter(({ file }) => harden(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), POLICY, contextOf(cases[file])).method === 'edits');

  it('covers files fixed by edits', () => {
    expect(edited.map((r) => r.file)).toEqual(['04-company-api-ldflags.Dockerfile', '06-vendor-mod-vendor.Dockerfile', '31-go-test-in-build-gomemlimit.Dockerfile']);
  });

  it.each(edited)('$file', async ({ file, buildArgs, prints }) => {
    const c = cases[file];
    const before = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const result = harden(before, POLICY, contextOf(c));
    expect(checkDockerfile(result.text, POLICY, { now: NOW }).status).toBe('compliant');
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-qa-context-'));
    const imageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-qa-root-'));
    const moduleCache = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-qa-modcache-'));
    temps.push(context, imageRoot, moduleCache);
    fs.cpSync(path.join(FIXTURES, 'modules', c.replay!), context, { recursive: true });

    const replay = await replayBuildStage({ dockerfile: result.text, context, root: imageRoot, env: { ...goEnv(moduleCache), ...buildArgs } });

    // the owner's go build line, with the standard's flags added in place
    const build = modelOf(result.text).goBuilds[0]!;
    expect(replay.goBuildLine).toBe(build.at.instruction.args.join(' '));
    expect(replay.ran.some((r) => r.includes('go mod verify'))).toBe(true);
    const out = build.args[build.args.indexOf('-o') + 1]!;
    const binary = path.join(imageRoot, out.startsWith('/') ? out : path.posix.join(build.at.workdir, out));
    expect(readElf(fs.readFileSync(binary)).programHeaderTypes).not.toContain(PT_INTERP);
    expect(await execBinary(binary)).toBe(prints);
  });
});
