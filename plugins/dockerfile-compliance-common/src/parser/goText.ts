/**
 * Text helpers that behave like the Go standard library functions BuildKit's parser calls
 * (unicode.IsSpace, strings.TrimSpace, strings.ToLower on keywords, ...). JavaScript's own
 * `\s`, trim() and toLowerCase() differ on a few code points (U+0085, U+FEFF, U+0130,
 * U+212A), and a parse must not change because of that.
 */

/** Go's unicode.IsSpace: the Unicode White_Space property. */
export function isGoSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x1680) return c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The whitespace of BuildKit's `reWhitespace` regexp: `[\t\v\f\r ]`. */
export function isAsciiBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
}

/** Index of the first character that is not Go whitespace (all characters checked are BMP). */
export function skipGoSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Go's strings.TrimLeftFunc(s, unicode.IsSpace). */
export function goTrimLeftSpace(s: string): string {
  const i = skipGoSpace(s, 0);
  return i === 0 ? s : s.slice(i);
}

/**
 * Go's strings.ToLower, as far as it matters for comparing with ASCII words: Go maps
 * U+0130 (İ) to "i" and U+212A (Kelvin sign) to "k" where JavaScript differs or agrees
 * only by accident. Other non-ASCII characters are lower-cased per code point.
 */
export function goToLower(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x130) out += 'i';
    else if (cp === 0x212a) out += 'k';
    else {
      const lower = ch.toLowerCase();
      // Go lower-cases rune by rune (no special casing that changes the length).
      out += [...lower].length === 1 ? lower : ch;
    }
  }
  return out;
}

/** Go's strings.EqualFold against an ASCII lower-case word (simple case folding). */
export function goEqualFoldAscii(s: string, lowerAscii: string): boolean {
  const cps = [...s];
  if (cps.length !== lowerAscii.length) return false;
  for (let i = 0; i < cps.length; i++) {
    const want = lowerAscii[i];
    const cp = cps[i].codePointAt(0)!;
    if (cp < 0x80) {
      if (String.fromCharCode(cp).toLowerCase() !== want) return false;
    } else if (!((want === 'k' && cp === 0x212a) || (want === 's' && cp === 0x17f))) {
      return false;
    }
  }
  return true;
}

/** UTF-8 length of a string in bytes (Go measures lines in bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** true when every UTF-16 unit is ASCII. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Lone surrogates become U+FFFD, as Go's UTF-8 strings (and its JSON decoder) do. */
export function toWellFormed(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      let out = '';
      for (const ch of s) {
        const cp = ch.codePointAt(0)!;
        out += cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : ch;
      }
      return out;
    }
  }
  return s;
}

/** Go's unicode.IsLetter. */
export function isGoLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return LETTER.test(String.fromCodePoint(cp));
}

/** Go's unicode.IsDigit (category Nd). */
export function isGoDigit(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return DIGIT.test(String.fromCodePoint(cp));
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** strconv.ParseBool. */
export function parseGoBool(s: string): boolean | null {
  switch (s) {
    case '1':
    case 't':
    case 'T':
    case 'TRUE':
    case 'true':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'FALSE':
    case 'false':
    case 'False':
      return false;
    default:
      return null;
  }
}
