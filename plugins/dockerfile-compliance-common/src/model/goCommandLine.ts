/**
 * The go command's command line as the go tool reads it, shared by the model (go builds),
 * the rules and the fixer: which word runs go, which flags take a value, where the flags
 * stop, and how -ldflags values are split.
 */

/**
 * `go`, `xx-go` (tonistiigi/xx's cross-compiling wrapper) or a path ending in either.
 *
 * @public
 */
export function isGoBinary(word: string): boolean {
  if (!word.endsWith('go')) return false;
  const name = word.slice(word.lastIndexOf('/') + 1);
  return name === 'go' || name === 'xx-go';
}

/** go build/install flags that take a value (`-o x` or `-o=x`); every other flag is boolean. */
const VALUE_FLAGS: ReadonlySet<string> = new Set([
  'C', 'o', 'p', 'covermode', 'coverpkg', 'asmflags', 'buildmode', 'compiler', 'gccgoflags', 'gcflags',
  'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'exec',
]);

/** @public */
export interface GoFlag {
  /** Without dashes: `ldflags`. */
  name: string;
  /** `-o x` and `-o=x` give `x`; a boolean flag without `=` gives null. */
  value: string | null;
  /** The flag as written, value included (`-o x` is two words joined by a space). */
  text: string;
  /** Whether the value was written after `=` (`-o=x`) rather than as the next word. */
  inline: boolean;
}

/** @public */
export interface GoCommandLine {
  flags: GoFlag[];
  /** The arguments after the flags (packages or files). */
  packages: string[];
  /** Words that are still a `$VARIABLE` after expansion (an ARG without a value): any flags or packages. */
  unresolved: string[];
}

/**
 * Splits the words after `go build` / `go install` like Go's flag package: flags up to the
 * first argument that is not one (or `--`), the rest are packages. A word that is still a
 * variable reference may hold any flags, so it is set apart instead of ending the flags.
 *
 * @public
 */
export function splitGoCommandLine(words: readonly string[]): GoCommandLine {
  const out: GoCommandLine = { flags: [], packages: [], unresolved: [] };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      for (let j = i + 1; j < words.length; j++) out.packages.push(words[j]!);
      break;
    }
    if (w.charCodeAt(0) === 36 /* $ */) {
      out.unresolved.push(w);
      continue;
    }
    if (w.charCodeAt(0) !== 45 /* - */ || w === '-') {
      for (let j = i; j < words.length; j++) out.packages.push(words[j]!);
      break;
    }
    const body = w.slice(w.charCodeAt(1) === 45 ? 2 : 1);
    const eq = body.indexOf('=');
    if (eq >= 0) out.flags.push({ name: body.slice(0, eq), value: body.slice(eq + 1), text: w, inline: true });
    else if (VALUE_FLAGS.has(body) && i + 1 < words.length) {
      const value = words[++i]!;
      out.flags.push({ name: body, value, text: `${w} ${value}`, inline: false });
    } else out.flags.push({ name: body, value: null, text: w, inline: false });
  }
  return out;
}

/**
 * The space-separated GOFLAGS value as flags (go reads it as `-flag` or `-flag=value`
 * words; no value in the next word).
 */
export function splitGoFlagsVariable(value: string): GoFlag[] {
  const out: GoFlag[] = [];
  for (const w of value.split(/[ \t\n\r]+/)) {
    if (w.length < 2 || w.charCodeAt(0) !== 45) continue;
    const body = w.slice(w.charCodeAt(1) === 45 ? 2 : 1);
    const eq = body.indexOf('=');
    out.push(eq >= 0 ? { name: body.slice(0, eq), value: body.slice(eq + 1), text: w, inline: true } : { name: body, value: null, text: w, inline: false });
  }
  return out;
}

/**
 * Splits an -ldflags (or -gcflags) value like Go's cmd/internal/quoted.Split: blanks
 * separate words, a word starting with `'` or `"` runs to the next same quote. An
 * unterminated quote is an error for go; the rest is then kept as one word.
 *
 * @public
 */
export function splitQuotedFlags(value: string): { words: string[]; unterminated: boolean } {
  const words: string[] = [];
  const n = value.length;
  let i = 0;
  for (;;) {
    while (i < n && isGoFieldSpace(value.charCodeAt(i))) i++;
    if (i >= n) return { words, unterminated: false };
    const q = value[i];
    if (q === "'" || q === '"') {
      const end = value.indexOf(q, i + 1);
      if (end < 0) {
        words.push(value.slice(i + 1));
        return { words, unterminated: true };
      }
      words.push(value.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < n && !isGoFieldSpace(value.charCodeAt(j))) j++;
    words.push(value.slice(i, j));
    i = j;
  }
}

function isGoFieldSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
