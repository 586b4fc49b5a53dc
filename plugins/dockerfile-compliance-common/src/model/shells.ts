/** Recognising a POSIX shell and the script of `sh -c 'script'`, for the model and the fixer alike. */

const SHELL_NAMES: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/**
 * Whether a command word runs a POSIX shell: `sh`, `bash`, `ash`, `dash` or `zsh`, bare or by
 * path (`/bin/sh`, `/usr/local/bin/bash`).
 *
 * @public
 */
export function isShell(word: string): boolean {
  // every name ends in `sh`: most command words are out without a slice
  if (!word.endsWith('sh')) return false;
  return SHELL_NAMES.has(word.slice(word.lastIndexOf('/') + 1));
}

/** A single-letter-options word such as `-ec` or `+x`. */
function isOptionCluster(word: string): boolean {
  if (word.length < 2 || (word[0] !== '-' && word[0] !== '+')) return false;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * The script of `sh -c 'script'` (also `bash -ec`, `sh -o pipefail -c`), or null.
 *
 * @public
 */
export function shellScriptOf(words: readonly string[]): string | null {
  if (words.length < 3 || !isShell(words[0]!)) return null;
  for (let i = 1; i < words.length - 1; i++) {
    const w = words[i]!;
    if (w === '-o' || w === '+o') {
      i++;
      continue;
    }
    if (!isOptionCluster(w)) return null;
    if (w[0] === '-' && w.includes('c')) return words[i + 1]!;
  }
  return null;
}
