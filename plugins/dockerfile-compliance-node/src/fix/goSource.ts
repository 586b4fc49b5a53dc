/**
 * Pure readers of Go sources for the fixer's context: the module path of a go.mod and
 * whether a Go file uses cgo. Adapters (the CLI over the file system, a rollout over a
 * UrlReader) feed them text; they never touch I/O themselves.
 *
 * Both read line by line with anchored per-line patterns: a pattern with `^\s*` and the `m`
 * flag spans blank lines from every line start, which is quadratic on a file of newlines.
 */
import { readGoModDirectives } from '@hardened-go/plugin-dockerfile-compliance-common';

/** The lines of `text`, each without a trailing "\r" (go.mod and .go files may use CRLF). */
function lines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** @public */
export function modulePathOf(goMod: string): string | undefined {
  return readGoModDirectives(goMod).module;
}

const BUILD_CGO = /^\/\/go:build\s.*\bcgo\b/;
const BUILD_NOT_CGO = /^\/\/go:build\s.*!cgo\b/;
const IMPORT_C = /^[ \t]*import[ \t]+"C"/;
const IMPORT_BLOCK = /^[ \t]*import[ \t]*\(/;
const BLOCK_ENTRY_C = /^[ \t]*(?:\w+[ \t]+)?"C"[ \t]*(?:\/\/.*)?$/;

/**
 * True when a Go file has `import "C"` (alone or in an import block). Files built only with
 * cgo (`//go:build cgo`) are skipped: a CGO_ENABLED=0 build leaves them out by design.
 *
 * @public
 */
export function fileUsesCgo(source: string): boolean {
  const all = lines(source);
  if (all.some((l) => BUILD_CGO.test(l)) && !all.some((l) => BUILD_NOT_CGO.test(l))) return false;
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (IMPORT_C.test(line)) return true;
    if (!IMPORT_BLOCK.test(line)) continue;
    // the block's entries: the rest of this line after "(", then the following lines, up to ")"
    let entry = line.slice(line.indexOf('(') + 1);
    for (;;) {
      const close = entry.indexOf(')');
      if (BLOCK_ENTRY_C.test(close < 0 ? entry : entry.slice(0, close))) return true;
      if (close >= 0 || ++i >= all.length) break;
      entry = all[i]!;
    }
  }
  return false;
}
