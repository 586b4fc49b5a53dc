/**
 * Pure readers of Go sources for the fixer's context: the module path of a go.mod and
 * whether a Go file uses cgo. Adapters (the CLI over the file system, a rollout over a
 * UrlReader) feed them text; they never touch I/O themselves.
 */

export function modulePathOf(goMod: string): string | undefined {
  const m = /^\s*module\s+("?)([^\s"]+)\1\s*(?:\/\/.*)?$/m.exec(goMod);
  return m?.[2];
}

/**
 * True when a Go file has `import "C"` (alone or in an import block). Files built only with
 * cgo (`//go:build cgo`) are skipped: a CGO_ENABLED=0 build leaves them out by design.
 */
export function fileUsesCgo(source: string): boolean {
  if (/^\/\/go:build\s.*\bcgo\b/m.test(source) && !/^\/\/go:build\s.*!cgo\b/m.test(source)) return false;
  if (/^\s*import\s+"C"/m.test(source)) return true;
  for (const block of source.matchAll(/^\s*import\s*\(([\s\S]*?)\)/gm)) {
    if (/^\s*(?:\w+\s+)?"C"\s*(?:\/\/.*)?$/m.test(block[1])) return true;
  }
  return false;
}
