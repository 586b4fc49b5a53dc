/**
 * The real-world corpus: 29 Dockerfiles of public Go projects, kept outside the repository
 * (a clone from a Git host does not have it). It is looked for in HARDENED_GO_CORPUS, else
 * beside the clone at ../shared/corpus/real-world; scripts/fetch-corpus.sh fetches it.
 *
 * Absent: the suites that need it skip, with one line saying so. Present: every file must be
 * what test/fixtures/corpus/MANIFEST.tsv records (sha256 of the original bytes), or the
 * suites fail: a wrong corpus must not make golden files pass or fail by accident.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPUS_ENV = 'HARDENED_GO_CORPUS';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CORPUS_DIR = process.env[CORPUS_ENV] || path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'real-world');
export const CORPUS_MANIFEST = path.join(REPO_ROOT, 'test', 'fixtures', 'corpus', 'MANIFEST.tsv');

export interface CorpusFile {
  /** File name in the corpus directory, e.g. `traefik__whoami__Dockerfile.Dockerfile`. */
  name: string;
  /** The file as stored: the original plus one `# corpus-source:` line. */
  stored: string;
  /** The original bytes (as UTF-8 text) of the public Dockerfile. */
  original: string;
}

/** The stored file without its `# corpus-source:` line (kept below any parser directives). */
export function originalOf(stored: string): string {
  return stored.replace(/^# corpus-source:[^\n]*\n/m, '');
}

interface ManifestEntry {
  name: string;
  sha256: string;
}

function manifest(): ManifestEntry[] {
  return fs
    .readFileSync(CORPUS_MANIFEST, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map((cells) => ({ name: cells[0]!, sha256: cells[4]! }));
}

let cached: CorpusFile[] | null | undefined;

/** The verified corpus, or null when it is absent. Throws when it is present but not the recorded one. */
export function loadCorpus(): CorpusFile[] | null {
  if (cached !== undefined) return cached;
  if (!fs.existsSync(CORPUS_DIR)) return (cached = null);
  const entries = manifest();
  const onDisk = fs.readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.Dockerfile')).sort();
  const expected = entries.map((e) => e.name).sort();
  if (JSON.stringify(onDisk) !== JSON.stringify(expected)) {
    throw new Error(`the corpus at ${CORPUS_DIR} has other files than ${path.relative(REPO_ROOT, CORPUS_MANIFEST)} lists (${onDisk.length} vs ${expected.length})`);
  }
  cached = entries
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(({ name, sha256 }) => {
      const stored = fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8');
      const original = originalOf(stored);
      const actual = createHash('sha256').update(original, 'utf8').digest('hex');
      if (actual !== sha256) throw new Error(`corpus file ${name} is not the recorded one: sha256 ${actual}, expected ${sha256}`);
      return { name, stored, original };
    });
  return cached;
}

let announced = false;

/**
 * `describe` for suites that need the corpus: skipped when it is absent, with one line naming
 * HARDENED_GO_CORPUS; failing (in loadCorpus) when it is present but wrong.
 */
export function describeWithCorpus(name: string, body: (corpus: CorpusFile[]) => void): void {
  const corpus = loadCorpus();
  if (corpus === null) {
    if (!announced) {
      announced = true;
      console.warn(`[corpus] skipped: no real-world corpus at ${CORPUS_DIR}; set ${CORPUS_ENV}=<dir> or run scripts/fetch-corpus.sh`);
    }
    describe.skip(name, () => it(`needs the real-world corpus (${CORPUS_ENV})`, () => undefined));
    return;
  }
  describe(name, () => body(corpus));
}

/** The example services' Dockerfiles of this repository (examples/): real-looking files every clone has. */
function exampleDockerfiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'Dockerfile') out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(REPO_ROOT, 'examples'));
  return out.sort();
}

/**
 * Texts for property tests that mutate real Dockerfiles: the corpus originals, or (without
 * the corpus, said once) the repository's example Dockerfiles, so the properties still run.
 */
export function corpusTextsOrExamples(): string[] {
  const corpus = loadCorpus();
  if (corpus) return corpus.map((f) => f.original);
  if (!announced) {
    announced = true;
    console.warn(`[corpus] no real-world corpus at ${CORPUS_DIR} (${CORPUS_ENV}): mutating the example Dockerfiles instead`);
  }
  return exampleDockerfiles();
}
