/**
 * String trimming without regular expressions. `s.replace(/\/+$/, '')` looks harmless but
 * is quadratic: on a string of many slashes followed by anything else, the engine retries
 * the run of slashes from every position. These loops are linear for any input.
 */

/**
 * `text` without the run of `char` (one character) at its end.
 *
 * @public
 */
export function trimTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * `text` without the run of `char` (one character) at its start.
 *
 * @public
 */
export function trimLeading(text: string, char: string): string {
  let start = 0;
  while (start < text.length && text[start] === char) start++;
  return start === 0 ? text : text.slice(start);
}

/**
 * `text` up to (not including) the first `separator`, or all of it.
 *
 * @public
 */
export function before(text: string, separator: string): string {
  const at = text.indexOf(separator);
  return at < 0 ? text : text.slice(0, at);
}

/**
 * The index of the first character of `text` that is one of `chars`, or `text.length`.
 *
 * @public
 */
export function firstIndexOfAny(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return text.length;
}
