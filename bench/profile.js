'use strict';
/**
 * Where checkDockerfile's time goes: `node bench/profile.js [files] [tool]` runs the tool over
 * the replicated corpus under V8's sampling profiler (node:inspector, the same data as
 * `node --cpu-prof`), writes bench/profiles/<tool>.cpuprofile (open it in Chrome DevTools)
 * and prints self time by source file and the top functions. Used by `npm run bench`
 * for the "profile" section of the results.
 */
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const { loadCorpus, replicate, REPO } = require('./lib/corpus');
const { TOOLS } = require('./lib/tools');
const { summarize } = require('./lib/cpuProfile');

function post(session, method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

async function profileTool(toolName, n) {
  const tool = TOOLS[toolName]();
  const corpus = loadCorpus();
  for (const f of replicate(corpus, 2000)) tool(f.text); // warm-up outside the profile
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  const t0 = process.hrtime.bigint();
  let work = 0;
  for (const f of replicate(corpus, n)) work += tool(f.text);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const { profile } = await post(session, 'Profiler.stop');
  session.disconnect();
  const dir = path.join(__dirname, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${toolName.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  return { tool: toolName, files: n, seconds, work, profileFile: path.relative(REPO, file), ...summarize(profile) };
}

module.exports = { profileTool };

if (require.main === module) {
  const n = Number(process.argv[2] ?? 5000);
  const toolName = process.argv[3] ?? 'hardened-go check';
  profileTool(toolName, n).then(r => {
    if (process.argv.includes('--json')) return void process.stdout.write(JSON.stringify(r) + '\n');
    console.log(`${r.tool}: ${r.files} files in ${r.seconds.toFixed(2)} s (profiled, ${Math.round(r.files / r.seconds)} files/s); profile ${r.profileFile}`);
    console.log('\nself time by file:');
    for (const f of r.byFile) console.log(`  ${String(f.percent).padStart(5)} %  ${String(f.selfMs).padStart(6)} ms  ${f.name}`);
    console.log('\ntop functions (self time):');
    for (const f of r.byFunction) console.log(`  ${String(f.percent).padStart(5)} %  ${String(f.selfMs).padStart(6)} ms  ${f.name}`);
  });
}
