'use strict';
/** Summaries of V8 .cpuprofile data (node:inspector Profiler, `node --cpu-prof`): self time by function, file or package. */
const path = require('node:path');
const { REPO } = require('./corpus');

function selfTimes(profile) {
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  return [...selfUs].map(([id, us]) => ({ callFrame: byId.get(id).callFrame, us }));
}

function fileOf(callFrame) {
  return callFrame.url ? path.relative(REPO, callFrame.url.replace(/^file:\/\//, '')) : `(${callFrame.functionName || 'native'})`;
}

/** node_modules/<pkg> -> pkg, plugins/<x>/... -> hardened-go <x>, node:<m> -> node:<m>, else the V8 bucket. */
function packageOf(callFrame) {
  const file = fileOf(callFrame);
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const plugin = /^plugins\/([^/]+)\//.exec(file);
  if (plugin) return `hardened-go ${plugin[1]}`;
  if (file.startsWith('node:')) return file;
  return file;
}

function rank(entries, keyOf, top) {
  const totals = new Map();
  let total = 0;
  for (const { callFrame, us } of entries) {
    const key = keyOf(callFrame);
    totals.set(key, (totals.get(key) ?? 0) + us);
    total += us;
  }
  const ranked = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), percent: Math.round((1000 * us) / total) / 10 }));
  return { totalMs: Math.round(total / 1000), ranked };
}

function summarize(profile, top = 25) {
  const entries = selfTimes(profile);
  const byFile = rank(entries, fileOf, top);
  const byFunction = rank(entries, cf => `${cf.functionName || '(anonymous)'} ${fileOf(cf)}:${cf.lineNumber + 1}`, top);
  return { totalMs: byFile.totalMs, byFile: byFile.ranked, byFunction: byFunction.ranked };
}

function summarizeByPackage(profile, top = 15) {
  const { totalMs, ranked } = rank(selfTimes(profile), packageOf, top);
  return { totalMs, byPackage: ranked };
}

/** Busy self time (idle and the profiler's own work left out) per package, in microseconds. */
function packageTotals(profile) {
  const totals = new Map();
  for (const { callFrame, us } of selfTimes(profile)) {
    const key = packageOf(callFrame);
    if (key === '((idle))' || key === 'node:inspector' || key === '((program))') continue;
    totals.set(key, (totals.get(key) ?? 0) + us);
  }
  return totals;
}

/** Self time per function whose file path starts with `prefix` (e.g. 'plugins/'), in microseconds. */
function functionTotals(profile, prefix) {
  const totals = new Map();
  for (const { callFrame, us } of selfTimes(profile)) {
    const file = fileOf(callFrame);
    if (!file.startsWith(prefix)) continue;
    const key = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
    totals.set(key, (totals.get(key) ?? 0) + us);
  }
  return totals;
}

module.exports = { summarize, summarizeByPackage, packageTotals, functionTotals };
