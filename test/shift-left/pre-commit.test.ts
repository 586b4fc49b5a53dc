/**
 * The pre-commit hook (.pre-commit-hooks.yaml, shift-left/pre-commit/hook.js) run by the real
 * pre-commit 4.7.0 (PyPI, installed into .cache/pre-commit-venv by
 * scripts/test-prerequisites.sh): `pre-commit try-repo <this repository> hardened-go
 * --all-files` in a throwaway git repository, as a service repository would run it, with the
 * hook's own default args. try-repo clones this repository (a shadow commit of the working
 * tree when it has uncommitted changes) into a private PRE_COMMIT_HOME; the CLI is this
 * repository's (HARDENED_GO_CLI), not the registry's.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import { parse } from 'yaml';

// The first try-repo clones this repository and sets up the hook's environment.
jest.setTimeout(120_000);

const REPO = path.resolve(__dirname, '..', '..');
const PRE_COMMIT = path.join(REPO, '.cache', 'pre-commit-venv', 'bin', 'pre-commit');
const PRE_COMMIT_VERSION = '4.7.0';
const CLI = path.join(REPO, 'packages', 'cli', 'bin', 'hardened-go');
const HOOK = (parse(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; name: string; entry: string; args: string[] }>).find(
  h => h.id === 'hardened-go',
)!;
/** pre-commit's status line for the hook, e.g. `hardened-go check (Dockerfiles)......Failed`. */
const status = (result: string) => new RegExp(`^${HOOK.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.+${result}$`, 'm');

const COMPLIANT = renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc' });
/** GDS009 (an error: the final stage runs as root), and GDS011 (info). */
const AS_ROOT = COMPLIANT.replace('USER 65534:65534', 'USER root');
/** GDS007 (a warning: go build without -trimpath) is the only finding. */
const NO_TRIMPATH = COMPLIANT.replace(' -trimpath ', ' ');
/** The 1-based line of the first line holding `text` (the CLI reports a finding at its instruction's first line). */
const lineOf = (dockerfile: string, text: string) => dockerfile.split('\n').findIndex(line => line.includes(text)) + 1;
/** GDS009 is reported at the USER instruction; GDS007 at the RUN instruction whose continuation holds `go build`. */
const USER_LINE = lineOf(AS_ROOT, 'USER root');
const BUILD_LINE = (() => {
  const lines = NO_TRIMPATH.split('\n');
  let first = lines.findIndex(line => line.includes('go build'));
  while (first > 0 && lines[first - 1].endsWith('\\')) first -= 1;
  return first + 1;
})();

interface Run {
  code: number;
  output: string;
}

let preCommitHome: string;
const tempDirs: string[] = [];
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

beforeAll(async () => {
  const installed = await promisify(execFile)(PRE_COMMIT, ['--version']).then(
    ({ stdout }) => stdout.trim(),
    (error: Error) => `not runnable (${error.message.split('\n')[0]})`,
  );
  if (installed !== `pre-commit ${PRE_COMMIT_VERSION}`) {
    throw new Error(`pre-commit ${PRE_COMMIT_VERSION} is required at ${PRE_COMMIT} (found: ${installed}): run scripts/test-prerequisites.sh (./dev.sh test runs it)`);
  }
  for (const [name, drifted] of Object.entries({ AS_ROOT, NO_TRIMPATH })) {
    if (drifted === COMPLIANT) throw new Error(`${name} is the compliant Dockerfile: the rendered Dockerfile no longer has the text it replaces`);
  }
  preCommitHome = tempDir('hardened-go-pre-commit-home-');
});

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The environment of a developer's shell: this Node first on PATH, no policy or git state inherited from the test's own. */
function hookEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !/^(HARDENED_GO_|APP_CONFIG_|PRE_COMMIT|GIT_)/.test(name));
  return {
    ...Object.fromEntries(inherited),
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
    HARDENED_GO_CLI: CLI,
    PRE_COMMIT_HOME: preCommitHome,
    ...extra,
  };
}

async function git(args: string[], cwd: string): Promise<void> {
  await promisify(execFile)('git', args, { cwd, env: hookEnv({}) });
}

/** A service repository: git init, a local identity, the files written and staged (no commit). */
async function fixture(files: Record<string, string>): Promise<string> {
  const dir = tempDir('hardened-go-pre-commit-repo-');
  await git(['init', '-q'], dir);
  await git(['config', 'user.name', 'Hook Test'], dir);
  await git(['config', 'user.email', 'hook-test@example.com'], dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  await git(['add', '-A'], dir);
  return dir;
}

/** `pre-commit try-repo <hooks> hardened-go --all-files` in `cwd`. */
function tryRepo(cwd: string, options: { hooks?: string; verbose?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  const args = ['try-repo', options.hooks ?? REPO, HOOK.id, '--all-files', ...(options.verbose ? ['--verbose'] : [])];
  return new Promise(resolve => {
    execFile(PRE_COMMIT, args, { cwd, env: hookEnv(options.env ?? {}), timeout: 110_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe('the hardened-go pre-commit hook, run by pre-commit through try-repo', () => {
  it('is declared as a script hook on Dockerfiles with --fail-on error, its entry committed executable', async () => {
    expect(HOOK).toMatchObject({ entry: 'shift-left/pre-commit/hook.js', language: 'script', args: ['--fail-on', 'error'] });
    // language: script runs the entry as is, with the mode git checks it out with
    const { stdout } = await promisify(execFile)('git', ['ls-files', '-s', HOOK.entry], { cwd: REPO });
    expect(stdout).toMatch(/^100755 /);
  });

  it('fails on a drifted Dockerfile, naming the rule and the file', async () => {
    const run = await tryRepo(await fixture({ 'svc/Dockerfile': AS_ROOT }));
    expect(run.code).toBe(1);
    expect(run.output).toMatch(status('Failed'));
    expect(run.output).toContain('- exit code: 1');
    expect(run.output).toMatch(new RegExp(`svc/Dockerfile:${USER_LINE} +error +GDS009 +The final stage 2 runs as root`));
    expect(run.output).toContain('Findings: 1 error, 0 warnings, 1 info.');
  });

  it('passes a compliant Dockerfile', async () => {
    const run = await tryRepo(await fixture({ 'svc/Dockerfile': COMPLIANT }), { verbose: true });
    expect(run.code).toBe(0);
    expect(run.output).toMatch(status('Passed'));
    expect(run.output).toContain('svc/Dockerfile: compliant');
    expect(run.output).toContain('1 file checked: 1 compliant, 0 drifted, 0 error.');
  });

  it('passes a Dockerfile whose only finding is a warning: the default args fail on errors only', async () => {
    const run = await tryRepo(await fixture({ Dockerfile: NO_TRIMPATH }), { verbose: true });
    expect(run.code).toBe(0);
    expect(run.output).toMatch(status('Passed'));
    expect(run.output).toMatch(new RegExp(`Dockerfile:${BUILD_LINE}(-\\d+)? +warning +GDS007 `));
    expect(run.output).toContain('Findings: 0 errors, 1 warning, 0 info.');
  });

  it('applies the rule modes the CLI reads from APP_CONFIG_* variables: GDS009 as inform passes', async () => {
    const run = await tryRepo(await fixture({ Dockerfile: AS_ROOT }), { verbose: true, env: { APP_CONFIG_hardenedGo_standard_rules_GDS009_mode: 'inform' } });
    expect(run.code).toBe(0);
    expect(run.output).toMatch(status('Passed'));
    expect(run.output).toMatch(new RegExp(`Dockerfile:${USER_LINE} +info +GDS009 `));
    expect(run.output).toContain('from hardenedGo.standard of APP_CONFIG_* variables');
  });

  it('checks Dockerfile, Dockerfile.*, *.Dockerfile and *.dockerfile, and no other file', async () => {
    const matched = ['Dockerfile', 'deploy/Dockerfile.prod', 'api.Dockerfile', 'worker/build.dockerfile'];
    // drifted too: the CLI checks any file it is given, so only the hook's files pattern keeps them out
    const unmatched = ['README.md', 'Dockerfile-notes.txt', 'docs/dockerfile.md', 'Dockerfiles/README', 'Containerfile', 'api.Dockerfile.bak/notes'];
    const run = await tryRepo(await fixture(Object.fromEntries([...matched, ...unmatched].map(name => [name, AS_ROOT]))));
    expect(run.code).toBe(1);
    expect(run.output).toContain(`${matched.length} files checked: 0 compliant, ${matched.length} drifted, 0 error.`);
    for (const name of matched) expect(run.output).toContain(`${name}:${USER_LINE}  error   GDS009`);
    for (const name of unmatched) expect(run.output).not.toContain(`${name}:`);
  });

  it('is skipped in a repository without Dockerfiles', async () => {
    const run = await tryRepo(await fixture({ 'README.md': '# svc\n', 'Dockerfile-notes.txt': AS_ROOT, 'docs/dockerfile.md': AS_ROOT }));
    expect(run.code).toBe(0);
    expect(run.output).toMatch(status('\\(no files to check\\)Skipped'));
    expect(run.output).not.toContain('GDS009');
  });

  it('runs the hook repository\'s uncommitted changes (try-repo commits its working tree to a shadow repository)', async () => {
    // a clone of this repository whose hook definition is edited but not committed
    const hooks = tempDir('hardened-go-pre-commit-hooks-');
    await promisify(execFile)('git', ['clone', '-q', REPO, hooks], { env: hookEnv({}) });
    const definition = path.join(hooks, '.pre-commit-hooks.yaml');
    const edited = fs.readFileSync(definition, 'utf8').replace('args: [--fail-on, error]', 'args: [--fail-on, warning]');
    expect(edited).toContain('args: [--fail-on, warning]');
    fs.writeFileSync(definition, edited);

    const run = await tryRepo(await fixture({ Dockerfile: NO_TRIMPATH }), { hooks });
    expect(run.output).toContain('Creating temporary repo with uncommitted changes');
    expect(run.code).toBe(1);
    expect(run.output).toMatch(status('Failed'));
    expect(run.output).toMatch(new RegExp(`Dockerfile:${BUILD_LINE}(-\\d+)? +warning +GDS007 `));
  });
});
