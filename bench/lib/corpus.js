'use strict';
/**
 * The real-world corpus (29 Dockerfiles of public Go projects) as the benchmarks use it:
 * the files the suites read (test/support/corpus.ts: where the corpus is, its manifest
 * check, the `# corpus-source:` line removed), and a deterministic replication to N files
 * (file i is corpus file i mod 29, so every size has the same mix).
 */
const path = require('node:path');
const { installTsRequire } = require('./tsRequire');

const REPO = path.resolve(__dirname, '..', '..');
installTsRequire();
const suiteCorpus = require(path.join(REPO, 'test', 'support', 'corpus.ts'));
const CORPUS_DIR = suiteCorpus.CORPUS_DIR;

function loadCorpus() {
  const corpus = suiteCorpus.loadCorpus();
  if (corpus === null) {
    throw new Error(`the real-world corpus is missing: expected ${CORPUS_DIR} (shared/ beside the repository clone, or set HARDENED_GO_CORPUS)`);
  }
  return corpus.map(f => ({ name: f.name, text: f.original, bytes: Buffer.byteLength(f.original) }));
}

/** N files cycling through the corpus: the same strings, as a directory of copies would read. */
function replicate(corpus, n) {
  const files = new Array(n);
  for (let i = 0; i < n; i++) files[i] = corpus[i % corpus.length];
  return files;
}

module.exports = { REPO, CORPUS_DIR, loadCorpus, replicate };
