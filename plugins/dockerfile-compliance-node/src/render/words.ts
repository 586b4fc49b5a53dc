/**
 * What a value may look like before the renderer writes it into a Dockerfile. Every check
 * here keeps a value inside its own instruction: no line breaks (a new line would be a new
 * instruction), no trailing escape (it would join the next line), no heredoc opener, no
 * leading `-` where BuildKit would read a flag, and balanced quoting in Dockerfile words.
 */

/** One line: no CR/LF, no NUL, no trailing backslash (the default escape character). */
export function isSingleLine(value: string): boolean {
  return !/[\r\n\u0000]/.test(value) && !value.endsWith('\\');
}

/**
 * One Dockerfile word as ENV/LABEL/ARG read it: quotes balanced, whitespace only inside
 * quotes, backslash escapes complete. `$VAR` references are allowed (Docker expands them).
 */
export function isDockerWord(value: string): boolean {
  if (!isSingleLine(value)) return false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
    } else if (quote === '"') {
      if (ch === '\\') i++;
      else if (ch === '"') quote = null;
    } else if (ch === '\\') {
      i++;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (/\s/.test(ch)) {
      return false;
    }
  }
  return quote === null;
}

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/**
 * A path in COPY/WORKDIR/VOLUME: no whitespace, quotes, backslashes or `<` (heredoc), and not
 * starting with `-` (a flag) or `[` (JSON form).
 */
export function isPlainPath(value: string): boolean {
  return value.length > 0 && isSingleLine(value) && !/[\s"'\\<`]/.test(value) && !/^[-[]/.test(value);
}

/** A shell command line for one RUN: a single line that opens no heredoc and is not JSON form. */
export function isRunLine(value: string): boolean {
  return value.trim().length > 0 && isSingleLine(value) && !value.includes('<<') && !value.trimStart().startsWith('[');
}

/**
 * `-X` values: literal characters and `$VAR`/`${VAR}` references, nothing the shell would split,
 * quote or substitute. The lookahead makes `$NAME` take the whole name (no exponential backtracking).
 */
export const LDFLAGS_X_VALUE = /^(?:[A-Za-z0-9._+:@\/-]|\$[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_])|\$\{[A-Za-z_][A-Za-z0-9_]*\})*$/;

/** The variable names a value references (`$A`, `${B}`). */
export function referencedVariables(value: string): string[] {
  return [...value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map(m => m[1]!);
}
