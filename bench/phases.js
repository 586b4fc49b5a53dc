'use strict';
/**
 * checkDockerfile split into its phases, per corpus file: `node bench/phases.js [rounds]`
 * prints one JSON line (microseconds of CPU per file, median of 5 timed rounds, each round
 * = every corpus file `rounds` times). Phases: parse (parseDockerfile), model (buildModel on
 * a parsed file), rules (all rules on a freshly built model, minus the model), and the whole
 * checkDockerfile (which also validates the input, collects suppressions and sorts findings).
 * Uses the package's internals (src/parser, src/model, src/rules) through the node transform.
 */
const path = require('node:path');
const { REPO, loadCorpus } = require('./lib/corpus');

require('./lib/tsRequire').installTsRequire();
const SRC = path.join(REPO, 'plugins', 'dockerfile-compliance-common', 'src');
const { parseDockerfile } = require(path.join(SRC, 'parser', 'parse'));
const { buildModel } = require(path.join(SRC, 'model', 'build'));
const { RULES } = require(path.join(SRC, 'rules'));
const { DEFAULT_POLICY, checkDockerfile } = require(path.join(SRC, 'index'));

const rounds = Number(process.argv[2] ?? 400);
const corpus = loadCorpus();
const parsed = corpus.map(f => parseDockerfile(f.text));
const files = rounds * corpus.length;
const now = new Date('2026-11-26T00:00:00Z');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function usPerFile(body) {
  const round = () => {
    for (let r = 0; r < rounds; r++) body();
  };
  round();
  round();
  const xs = [];
  for (let k = 0; k < 5; k++) {
    const t0 = cpuMs();
    round();
    xs.push(((cpuMs() - t0) / files) * 1000);
  }
  return xs.sort((a, b) => a - b)[2];
}
const model = p => {
  try {
    return buildModel(p);
  } catch {
    return null; // a file the model rejects (GDS000): no rules run on it
  }
};

const parse = usPerFile(() => {
  for (const f of corpus) parseDockerfile(f.text);
});
const modelOnly = usPerFile(() => {
  for (const p of parsed) model(p);
});
const modelAndRules = usPerFile(() => {
  for (const p of parsed) {
    const m = model(p);
    if (m) for (const rule of RULES) rule.check(m, DEFAULT_POLICY);
  }
});
const check = usPerFile(() => {
  for (const f of corpus) checkDockerfile(f.text, DEFAULT_POLICY, { now });
});
const r1 = x => Math.round(x * 10) / 10;
process.stdout.write(
  JSON.stringify({
    files: corpus.length,
    rounds,
    usPerFile: { parse: r1(parse), model: r1(modelOnly), rules: r1(modelAndRules - modelOnly), checkDockerfile: r1(check), checkOverhead: r1(check - parse - modelAndRules) },
    budgetUsPerFileFor25k: 40,
  }) + '\n',
);
