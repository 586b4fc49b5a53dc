/**
 * In-place edits change only what they say: BuildKit's own parser reads every corpus file the
 * fixer edits, before and after. Every instruction not edited is the same in both (keyword,
 * flags, arguments, heredocs); what differs is an edited instruction (same keyword, new
 * arguments; or ADD become COPY with the same arguments), an inserted one of the kinds the
 * fixes insert, or a certificate/time-zone setup RUN of a final stage moved to scratch, and
 * BuildKit accepts the edited file.
 */
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { harden } from '@hardened-go/plugin-dockerfile-compliance-node';
import { buildkitParserStatus, buildkitParseTexts, goToolchain, type BuildkitInstruction } from '../buildkit-parser/run';
import { describeWithCorpus } from '../support/corpus';

const NOW = new Date('2026-11-26T00:00:00Z');
/** What the in-place fixes insert: USER, RUN go mod verify/download, ENV CGO_ENABLED=0 or ZONEINFO, COPY of go.mod, the CA bundle or zoneinfo. */
const INSERTED_KINDS = new Set(['USER', 'RUN', 'ENV', 'COPY']);
/** The setup steps scratch makes pointless (GDS001's edit removes them). */
const SETUP_RUN = /^(?:apk|apt-get|apt|update-ca-certificates|mkdir|rm)\b/;

const go = goToolchain();
if (!go.available && !process.env.CI) console.warn(`[buildkit identity] skipped: ${go.reason}`);
const itWithGo = go.available || process.env.CI ? it : it.skip;

const key = (i: BuildkitInstruction) => JSON.stringify([i.keyword, i.flags, i.args, i.json, i.heredocs]);

/** Instructions of `a` not matched one-for-one in `b`. */
function minus(a: BuildkitInstruction[], b: BuildkitInstruction[]): BuildkitInstruction[] {
  const left = new Map<string, number>();
  for (const i of b) left.set(key(i), (left.get(key(i)) ?? 0) + 1);
  return a.filter((i) => {
    const n = left.get(key(i)) ?? 0;
    if (n === 0) return true;
    left.set(key(i), n - 1);
    return false;
  });
}

describeWithCorpus('in-place edits, read by BuildKit', (corpus) => {
  beforeAll(async () => {
    if (!go.available) throw new Error(`this test needs Go: ${go.reason}`);
    await buildkitParserStatus();
  });
  itWithGo('change only the instructions they edit or insert', async () => {
    const pairs = corpus
      .map((f) => ({ name: f.name, before: f.original, result: harden(f.original, DEFAULT_POLICY, { now: NOW }) }))
      .filter((p) => p.result.method === 'edits' && p.result.text !== p.before);
    expect(pairs.length).toBeGreaterThan(10);
    const before = await buildkitParseTexts(pairs.map((p) => p.before));
    const after = await buildkitParseTexts(pairs.map((p) => p.result.text));
    pairs.forEach((p, k) => {
      expect({ file: p.name, errors: after[k]!.errors }).toEqual({ file: p.name, errors: before[k]!.errors });
      const movedToScratch = p.result.edits!.some((e) => e.ruleIds.includes('GDS001'));
      const gone = minus(before[k]!.instructions, after[k]!.instructions);
      const lastFrom = Math.max(...before[k]!.instructions.filter((i) => i.keyword === 'FROM').map((i) => i.line));
      const dropped = gone.filter((r) => movedToScratch && r.keyword === 'RUN' && r.line > lastFrom && SETUP_RUN.test(r.args.join(' ').trim()));
      const removed = gone.filter((r) => !dropped.includes(r));
      const added = minus(after[k]!.instructions, before[k]!.instructions);
      // an edited instruction is removed and added with the same keyword; the rest of `added` is inserted
      const unmatched = [...added];
      for (const r of removed) {
        // GDS015's edit is the one that changes a keyword: ADD becomes COPY, arguments kept
        const edited = (a: BuildkitInstruction) => (r.keyword === 'ADD' ? a.keyword === 'COPY' && JSON.stringify(a.args) === JSON.stringify(r.args) : a.keyword === r.keyword);
        const i = unmatched.findIndex(edited);
        expect({ file: p.name, edited: i >= 0 ? 'ok' : `${r.keyword} on line ${r.line} has no edited counterpart` }).toEqual({ file: p.name, edited: 'ok' });
        unmatched.splice(i, 1);
      }
      for (const a of unmatched) expect({ file: p.name, inserted: INSERTED_KINDS.has(a.keyword) ? 'ok' : `${a.keyword} on line ${a.line}` }).toEqual({ file: p.name, inserted: 'ok' });
      expect(removed.length + added.length).toBeGreaterThan(0);
    });
  });
});
