/**
 * A finding's identity across runs, for SARIF's partialFingerprints and GitLab Code Quality's
 * fingerprint: its rule and the text of its lines, not their numbers, so an alert stays the
 * same alert when lines above it move.
 */
import { sourceLines } from './text';
import type { FileReport } from './types';

/** The fingerprint's name and version: a new scheme gets a new key, so old alerts are not matched wrongly. */
export const FINGERPRINT_KEY = 'hardenedGoFinding/v1';
/** Characters of an instruction's text that go into its fingerprint (an instruction may span a megabyte). */
const FINGERPRINT_TEXT = 4096;

/** FNV-1a over UTF-16 code units: stable and isomorphic (no crypto: a fingerprint only matches results across runs). */
function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * What a finding is about, without where it is: its rule and the text of its lines
 * (whitespace collapsed), or without the source its message with line numbers taken out.
 */
function findingContent(ruleId: string, line: number, endLine: number, message: string, lines: string[] | undefined): string {
  if (lines === undefined) return `${ruleId}\u0000${message.replace(/\blines? \d+(?:-\d+)?/g, 'line')}`;
  let text = '';
  for (let n = Math.max(1, line); n <= Math.max(line, endLine) && n <= lines.length && text.length < FINGERPRINT_TEXT; n++) {
    text += `${lines[n - 1]!.trim().split(/\s+/).join(' ')}\n`;
  }
  return `${ruleId}\u0000${text.slice(0, FINGERPRINT_TEXT)}`;
}

/** One fingerprint per finding of the file, in order: `<hash>:<occurrence>`. */
export function findingFingerprints(file: FileReport): string[] {
  const lines = sourceLines(file.source);
  // the same rule on identical text twice in a file: told apart by their order
  const seen = new Map<string, number>();
  return file.result.findings.map(f => {
    const content = findingContent(f.ruleId, f.line, f.endLine, f.message, lines);
    const hash = `${fnv1a(content, 0x811c9dc5)}${fnv1a(content, 0x01000193)}`;
    const occurrence = seen.get(hash) ?? 0;
    seen.set(hash, occurrence + 1);
    return `${hash}:${occurrence}`;
  });
}
