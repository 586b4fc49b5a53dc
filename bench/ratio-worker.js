'use strict';
/**
 * The throughput ratios measured in one process, interleaved: `node ratio-worker.js <rounds> <tool>...`
 * loads every tool, warms each up on the corpus (1,000 rounds, alternating), then runs `rounds` rounds; in each round
 * every tool checks the 29 corpus files once, in turn, and its CPU time is added to its total.
 * Prints one JSON line: each tool's microseconds per file and every tool's time over the
 * first tool's.
 *
 * Why beside the one-process-per-tool table: this shared machine's speed drifts by 15-20 %
 * within a minute, so two tools timed one after the other can differ by that much for no
 * reason of their own. Alternating every few milliseconds exposes them to the same drift,
 * and the ratio holds within about 5 % between runs.
 */
const { loadCorpus } = require('./lib/corpus');
const { TOOLS } = require('./lib/tools');

const [roundsArg, ...toolNames] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!(rounds > 0) || toolNames.length < 2) throw new Error('usage: node ratio-worker.js <rounds> <tool> <tool>...');
const corpus = loadCorpus();
const tools = toolNames.map(name => {
  const make = TOOLS[name];
  if (!make) throw new Error(`unknown tool ${name}; known: ${Object.keys(TOOLS).join(', ')}`);
  const run = make();
  // a file the tool throws on counts as done (the throughput rows report crashes)
  return { name, run: text => { try { return run(text); } catch { return 0; } } };
});

const cpuMicros = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
let work = 0;
// long: the checker's optimised code keeps improving for ~20,000 files (a 50-round warm-up
// gave ratios 10-15 % lower than 1,000 rounds, which agree with the separate processes)
const warmUpRounds = 1000;
for (let r = 0; r < warmUpRounds; r++) for (const t of tools) for (const f of corpus) work += t.run(f.text);

const micros = tools.map(() => 0);
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < tools.length; k++) {
    const run = tools[k].run;
    const t0 = cpuMicros();
    for (const f of corpus) work += run(f.text);
    micros[k] += cpuMicros() - t0;
  }
}
const files = rounds * corpus.length;
const usPerFile = Object.fromEntries(tools.map((t, k) => [t.name, Math.round((micros[k] / files) * 10) / 10]));
const overFirst = Object.fromEntries(tools.slice(1).map((t, k) => [t.name, Math.round((micros[k + 1] / micros[0]) * 1000) / 1000]));
process.stdout.write(JSON.stringify({ rounds, files, usPerFile, timeOverFirst: overFirst, work }) + '\n');
