/**
 * Writing carried values back as Dockerfile and shell words. A raw value (as the user wrote
 * it, quotes and `$VAR` references included) is kept verbatim when it already is one word; a
 * literal (an expanded default) is quoted so the Dockerfile reads it back unchanged.
 */

/** True when `raw` is one Dockerfile word: balanced quotes and no whitespace outside them. */
function isSingleWord(raw: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\n' || ch === '\r') return false;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (/\s/.test(ch)) return false;
  }
  return quote === null && !raw.endsWith('\\');
}

/**
 * A Dockerfile word for an ENV/LABEL/ARG value. `raw`: the value as written (variable
 * references stay live); otherwise a literal, quoted so nothing in it expands.
 */
export function dockerWord(value: string, raw = false): string {
  if (raw) {
    if (value !== '' && isSingleWord(value)) return value;
    return `"${value.replace(/\r?\n/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
  }
  if (/^[A-Za-z0-9._+:@/,=-]+$/.test(value)) return value;
  return `"${value.replace(/\r?\n/g, ' ').replace(/(["\\$])/g, '\\$1')}"`;
}

/** Joins words into a POSIX shell command line, single-quoting what the shell would split or expand. */
export function shellJoin(words: string[]): string {
  return words.map((w) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}
