'use strict';
/**
 * One throughput measurement in its own process (the parent pins it to one core with
 * taskset): `node throughput-worker.js <tool> <files> <runs> [warm-up files]`. Loads the
 * tool, warms it up on the corpus (5,000 files unless told), then times `runs` passes over
 * `files` replicated corpus files and prints one JSON line: every run's wall and CPU seconds (the process's user + system time:
 * on a shared machine the CPU time is what one dedicated core would need), crashes (files the tool threw on, with the
 * corpus file names), baseline and peak resident memory (VmHWM from /proc).
 */
const fs = require('node:fs');
const { loadCorpus, replicate } = require('./lib/corpus');
const { TOOLS } = require('./lib/tools');

const [toolName, filesArg, runsArg, warmUpArg] = process.argv.slice(2);
const make = TOOLS[toolName];
if (!make) throw new Error(`unknown tool ${toolName}; known: ${Object.keys(TOOLS).join(', ')}`);
const n = Number(filesArg);
const runs = Number(runsArg ?? 3);
const warmUpFiles = Number(warmUpArg ?? 5000);

function statusKb(field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : undefined;
}

const corpus = loadCorpus();
const tool = make();
const files = replicate(corpus, n);
const bytes = files.reduce((sum, f) => sum + f.bytes, 0);

function pass(list) {
  let work = 0;
  const crashed = new Map();
  for (const file of list) {
    try {
      work += tool(file.text);
    } catch (e) {
      crashed.set(file.name, (crashed.get(file.name) ?? 0) + 1);
      crashed.lastError = e instanceof Error ? e.message : String(e);
    }
  }
  return { work, crashed };
}

// Warm-up, so the optimising JIT has settled before the first timed file.
pass(replicate(corpus, warmUpFiles));
if (global.gc) global.gc();
const baselineRssKb = Math.round(process.memoryUsage().rss / 1024);

const seconds = [];
const cpuSeconds = [];
let crashes = 0;
let crashFiles = {};
let lastError;
let work = 0;
for (let r = 0; r < runs; r++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = pass(files);
  seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
  const c = process.cpuUsage(c0);
  cpuSeconds.push((c.user + c.system) / 1e6);
  work = result.work;
  crashes = [...result.crashed.values()].reduce((a, b) => a + b, 0);
  crashFiles = Object.fromEntries(result.crashed);
  lastError = result.crashed.lastError;
}
process.stdout.write(
  JSON.stringify({
    tool: toolName,
    files: n,
    bytes,
    runs,
    seconds,
    cpuSeconds,
    crashes,
    crashFiles,
    lastError,
    work,
    baselineRssKb,
    peakRssKb: statusKb('VmHWM'),
  }) + '\n',
);
