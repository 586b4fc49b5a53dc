/** `hardened-go fix`: rewrites drifted Dockerfiles to the standard (diff or --write), or says why not. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { harden } from '../../fix/harden';
import { contextForGoMod, findGoMod } from '../../fix/repoFacts';
import type { HardenContext } from '../../fix/types';
import type { HardenResult } from '../../fix/types';
import { unifiedDiff } from '../../fix/unifiedDiff';
import { parseCommandArgs, stringList } from '../args';
import { EXIT, UsageError, type Command } from '../command';
import { loadPolicy } from '../config';
import { displayPath, findDockerfiles, readDockerfile } from '../files';

/** The directory go.mod is searched up to: the PATH argument a file was found through. */
async function scanRoots(positionals: string[], cwd: string): Promise<string[]> {
  const roots: string[] = [];
  for (const given of positionals) {
    const absolute = path.resolve(cwd, given);
    const stat = await fs.stat(absolute).catch(() => null);
    if (stat?.isDirectory()) roots.push(absolute);
    else {
      // A file: its own directory, or cwd when the file is inside it (a repo-root go.mod).
      const rel = path.relative(cwd, absolute);
      roots.push(rel.startsWith('..') || path.isAbsolute(rel) ? path.dirname(absolute) : cwd);
    }
  }
  return roots;
}

function rootFor(file: string, roots: string[]): string {
  const containing = roots.filter((r) => {
    const rel = path.relative(r, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  });
  return containing.sort((a, b) => a.length - b.length)[0] ?? path.dirname(file);
}

function decode(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export const fixCommand: Command = {
  name: 'fix',
  summary: 'rewrite drifted Dockerfiles to the standard (diff, or --write), or say why not',
  help: `Usage: hardened-go fix [options] PATH...

Rewrites each drifted Dockerfile to the hardened Go container standard, keeping what is
specific to the service (main package, binary name, build tags, -X ldflags, EXPOSE, LABEL,
non-secret ENV, extra files of the final image, ENTRYPOINT/CMD arguments). A file is
either fixed (the rewrite checks clean), already compliant (left byte-identical), or
refused with a reason (cgo, several binaries, a final image that needs a shell, not a Go
service, ...). Directories are searched like "check" does.

For each file the nearest go.mod (the Dockerfile's directory and its parents, up to the
PATH given) sets the Go version floor (go/toolchain lines) and the module path, and the
module's .go files are scanned for import "C" (cgo).

Without --write a unified diff per fixed file goes to stdout (apply it with git apply or
patch -p1) and the summary (fixed rule IDs, notes, refusals) to stderr. With --write the
files are rewritten in place and the summary goes to stdout.

Options:
  --write          rewrite the files in place instead of printing a diff
  --config FILE    Backstage app-config YAML with hardenedGo.standard (repeatable, later wins)
  -h, --help       this help

Exit codes:
  0  every file is fixed or already compliant
  1  at least one file was refused (the reason is printed)
  2  usage, configuration or I/O error

Examples:
  hardened-go fix services/api/Dockerfile
  hardened-go fix . > harden.patch && git apply harden.patch
  hardened-go fix --write --config app-config.yaml .
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('fix', args, {
      write: { type: 'boolean' },
      config: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.stdout.write(this.help);
      return EXIT.ok;
    }
    if (positionals.length === 0) throw new UsageError('give at least one file or directory, e.g. "hardened-go fix ."');
    const write = values.write === true;
    const policy = await loadPolicy(stringList(values.config), io.cwd);
    const files = await findDockerfiles(positionals, io.cwd);
    if (files.length === 0) {
      throw new UsageError(`no Dockerfile found in ${positionals.join(', ')} (looked for Dockerfile, Dockerfile.*, *.Dockerfile)`);
    }
    const roots = await scanRoots(positionals, io.cwd);
    const summary = write ? io.stdout : io.stderr;
    // One go.mod read and cgo scan per module, however many Dockerfiles it has.
    const byGoMod = new Map<string, Promise<HardenContext>>();
    const repoContext = async (file: string, root: string): Promise<HardenContext> => {
      const goMod = await findGoMod(path.dirname(file), root);
      if (goMod === null) return {};
      if (!byGoMod.has(goMod)) byGoMod.set(goMod, contextForGoMod(goMod).then((r) => r.context));
      return byGoMod.get(goMod)!;
    };
    const now = new Date();
    let refusedCount = 0;
    let fixedCount = 0;
    for (const file of files) {
      const shownAs = displayPath(file, io.cwd);
      const bytes = await readDockerfile(file, policy.maxFileBytes, shownAs);
      const text = decode(bytes);
      let result: HardenResult;
      if (text === null) {
        result = { text: '', fixed: [], remaining: [], refused: 'GDS000: the file is not valid UTF-8; nothing is rewritten', refusalCode: 'unreadable', notes: [] };
      } else {
        const context = await repoContext(file, rootFor(file, roots)).catch((e: unknown) => {
          throw new UsageError(`cannot read the go.mod or Go files around ${shownAs}: ${e instanceof Error ? e.message : String(e)}`);
        });
        result = harden(text, policy, { ...context, now });
      }
      if (result.refused !== undefined) {
        refusedCount++;
        summary.write(`${shownAs}: refused (${result.refusalCode}): ${result.refused}\n`);
        continue;
      }
      if (text === null || result.text === text) {
        summary.write(`${shownAs}: already compliant\n`);
        continue;
      }
      fixedCount++;
      if (write) {
        await fs.writeFile(file, result.text).catch((e: unknown) => {
          throw new UsageError(`cannot write ${shownAs}: ${e instanceof Error ? e.message : String(e)}`);
        });
      } else {
        io.stdout.write(unifiedDiff(text, result.text, shownAs));
      }
      summary.write(`${shownAs}: fixed ${result.fixed.join(', ') || '(no rule changed)'}${write ? ' (written)' : ''}\n`);
      for (const note of result.notes) summary.write(`  note: ${note}\n`);
    }
    summary.write(`${files.length} file(s): ${fixedCount} fixed, ${files.length - fixedCount - refusedCount} already compliant, ${refusedCount} refused\n`);
    return refusedCount > 0 ? EXIT.findings : EXIT.ok;
  },
};
