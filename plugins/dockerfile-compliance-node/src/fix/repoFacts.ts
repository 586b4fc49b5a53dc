/**
 * What the fixer's adapters read from the repository around a Dockerfile: the go.mod that
 * governs it (Go version, module path) and whether the module uses cgo. File-system I/O,
 * so this lives at the edge (the CLI); harden() itself only sees the resulting context.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GO_MOD_MAX_BYTES } from '@hardened-go/plugin-dockerfile-compliance-common';
import { fileUsesCgo, modulePathOf } from './goSource';
import { goModRequiredVersion } from './goVersion';
import type { HardenContext } from './types';

/** Bounds of the cgo scan: a huge monorepo must not stall a rollout. */
export const CGO_SCAN_MAX_FILES = 20_000;
export const CGO_SCAN_MAX_BYTES_PER_FILE = 256 * 1024;
const SKIPPED = new Set(['.git', 'node_modules', 'vendor', 'testdata']);

/**
 * The nearest go.mod at or above `dir`, not above `root` (both absolute).
 *
 * @public
 */
export async function findGoMod(dir: string, root: string): Promise<string | null> {
  let current = path.resolve(dir);
  const stop = path.resolve(root);
  for (;;) {
    const candidate = path.join(current, 'go.mod');
    const stat = await fs.stat(candidate).catch(() => null);
    if (stat?.isFile()) return candidate;
    const rel = path.relative(stop, current);
    if (current === stop || rel.startsWith('..') || path.isAbsolute(rel)) return null;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** @public */
export interface CgoScan {
  /** undefined when the scan hit its bound before finding cgo (unknown, not "no"). */
  usesCgo: boolean | undefined;
  files: number;
  /** The first file with `import "C"`, relative to the module. */
  example?: string;
}

/** Scans the module rooted at `moduleDir` for cgo, not descending into nested modules. */
export async function scanForCgo(moduleDir: string): Promise<CgoScan> {
  let files = 0;
  const stack = [moduleDir];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    if (dir !== moduleDir && entries.some((e) => e.isFile() && e.name === 'go.mod')) continue;
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !entry.name.startsWith('.') && !entry.name.startsWith('_')) stack.push(full);
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith('.go') || entry.name.endsWith('_test.go')) continue;
      if (++files > CGO_SCAN_MAX_FILES) return { usesCgo: undefined, files: files - 1 };
      const handle = await fs.open(full, 'r').catch(() => null);
      if (!handle) continue;
      try {
        const buffer = Buffer.alloc(CGO_SCAN_MAX_BYTES_PER_FILE);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (fileUsesCgo(buffer.subarray(0, bytesRead).toString('utf8'))) {
          return { usesCgo: true, files, example: path.relative(moduleDir, full).split(path.sep).join('/') };
        }
      } finally {
        await handle.close();
      }
    }
  }
  return { usesCgo: false, files };
}


/**
 * The harden() context a go.mod gives: its Go version and module path, and cgo use in its module.
 *
 * @public
 */
export async function contextForGoMod(goModPath: string): Promise<{ context: HardenContext; cgo: CgoScan }> {
  const stat = await fs.stat(goModPath);
  if (stat.size > GO_MOD_MAX_BYTES) throw new Error(`${goModPath} is larger than ${GO_MOD_MAX_BYTES} bytes`);
  const text = await fs.readFile(goModPath, 'utf8');
  const cgo = await scanForCgo(path.dirname(goModPath));
  const context: HardenContext = { goMod: text };
  const version = goModRequiredVersion(text);
  if (version !== undefined) context.goModGoVersion = version;
  const modulePath = modulePathOf(text);
  if (modulePath !== undefined) context.goModulePath = modulePath;
  if (cgo.usesCgo !== undefined) context.repoHasCgo = cgo.usesCgo;
  return { context, cgo };
}

/**
 * The harden() context for a Dockerfile: from the nearest go.mod at or above it, not above `root`.
 *
 * @public
 */
export async function contextFor(dockerfile: string, root: string): Promise<{ context: HardenContext; goMod: string | null; cgo: CgoScan | null }> {
  const goMod = await findGoMod(path.dirname(dockerfile), root);
  if (!goMod) return { context: {}, goMod: null, cgo: null };
  const { context, cgo } = await contextForGoMod(goMod);
  return { context, goMod, cgo };
}
