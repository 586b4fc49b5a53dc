'use strict';
/**
 * The fixer's yardstick: `node bench/fixer.js` prints one JSON line. On the real-world corpus
 * and on the labelled set, with harden's defaults (minimal edits, the whole-file rewrite for what
 * they leave) and with edits only (`rewrite: false`): files fixed, fixed in part, refused and
 * rewritten whole, the share of error and warning findings `harden` removes, rewrites worse than their input, files that change when fixed twice, and
 * the median number of changed lines per fixed finding (test/support/fixYardstick.ts, the
 * same code test/fix/yardstick.test.ts holds to its floors).
 */
const path = require('node:path');
const { REPO, loadCorpus } = require('./lib/corpus');
const { installTsRequire } = require('./lib/tsRequire');

installTsRequire();
const { measureFixes } = require(path.join(REPO, 'test', 'support', 'fixYardstick.ts'));
const { bytesOf, cases } = require(path.join(REPO, 'plugins', 'dockerfile-compliance-common', 'test-fixtures', 'labelled', 'cases.ts'));

const summary = y => {
  const { perFile, ...rest } = y;
  return { ...rest, refusedFiles: perFile.filter(f => f.outcome === 'refused').map(f => f.name) };
};
const corpus = loadCorpus().map(f => ({ name: f.name, text: f.text }));
const labelled = cases.filter(c => c.status !== 'error' && !c.generate).map(c => ({ name: c.file, text: bytesOf(c).toString('utf8') }));
process.stdout.write(
  JSON.stringify({
    corpus: summary(measureFixes(corpus)),
    labelled: summary(measureFixes(labelled)),
    // minimal edits only, never the whole-file rewrite (harden's `rewrite: false`)
    corpusEditsOnly: summary(measureFixes(corpus, { rewrite: false })),
    labelledEditsOnly: summary(measureFixes(labelled, { rewrite: false })),
  }) + '\n',
);
