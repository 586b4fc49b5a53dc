'use strict';
/**
 * The real-world corpus (29 Dockerfiles of public Go projects) as the benchmarks use it:
 * the original bytes (the `# corpus-source:` metadata line removed), and a deterministic
 * replication to N files (file i is corpus file i mod 29, so every size has the same mix).
 */
const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
const CORPUS_DIR = process.env.HARDENED_GO_CORPUS ?? path.resolve(REPO, '..', 'shared', 'corpus', 'real-world');

function loadCorpus() {
  if (!fs.existsSync(CORPUS_DIR)) {
    throw new Error(`the real-world corpus is missing: expected ${CORPUS_DIR} (shared/ beside the repository clone, or set HARDENED_GO_CORPUS)`);
  }
  return fs
    .readdirSync(CORPUS_DIR)
    .filter(name => name.endsWith('Dockerfile'))
    .sort()
    .map(name => {
      const raw = fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8');
      const text = raw.startsWith('# corpus-source:') ? raw.slice(raw.indexOf('\n') + 1) : raw;
      return { name, text, bytes: Buffer.byteLength(text) };
    });
}

/** N files cycling through the corpus: the same strings, as a directory of copies would read. */
function replicate(corpus, n) {
  const files = new Array(n);
  for (let i = 0; i < n; i++) files[i] = corpus[i % corpus.length];
  return files;
}

module.exports = { REPO, CORPUS_DIR, loadCorpus, replicate };
