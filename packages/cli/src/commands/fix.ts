/** `hardened-go fix`: rewrites drifted Dockerfiles to the standard (diff or --write), or says why not. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { contextForGoMod, findGoMod } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { HardenContext, HardenResult } from '@hardened-go/plugin-dockerfile-compliance-node';
import { createCheckPool } from '@hardened-go/plugin-dockerfile-compliance-node';
import { visible } from '@hardened-go/plugin-dockerfile-compliance-common';
import { replaceFileAtomically } from '@hardened-go/plugin-dockerfile-compliance-node';
import { parseCommandArgs, stringList } from '../args';
import { EXIT, type Command } from '../command';
import { InputError } from '@backstage/errors';
import { loadCliConfig } from '../config';
import { choosePolicy, POLICY_FLAGS, POLICY_FLAGS_HELP } from '../policy/policyFlags';
import { displayPath, findDockerfiles, readDockerfile } from '../files';
import { LIMIT_FLAGS, LIMIT_FLAGS_HELP, limitsFromFlags } from '../limitFlags';

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
  summary: 'fix drifted Dockerfiles to the standard by minimal edits (diff, or --write), or say why not',
  help: `Usage: hardened-go fix [options] PATH...

Fixes each drifted Dockerfile to the hardened Go container standard by editing only the
lines each rule needs, one rule at a time: a pinned golang image (FROM or its ARG default),
go.mod copied and modules downloaded before the source, go mod verify, CGO_ENABLED=0,
-trimpath, -s -w (keeping the other flags and -X values), COPY for a local ADD, exec-form
CMD/ENTRYPOINT, a final stage FROM scratch (when nothing in it needs the old base) with the
CA bundle and Go's time-zone data copied in, and a numeric non-root USER. Each edit is kept
only when the file then checks with that rule gone and nothing new. The owner's comments,
order and layout stay byte-for-byte.

What the edits cannot fix is listed with its reason ("left:"). When they leave errors or
warnings, the whole-file rewrite from the canonical template is tried and taken if it
checks clean (a single-stage build, for example); --no-rewrite keeps every change to
minimal edits. Files the fixer must not touch (unreadable, not a Go service, ONBUILD, too
complex) are refused.

For each file the nearest go.mod (the Dockerfile's directory and its parents, up to the
PATH given) sets the Go version floor (go/toolchain lines) and the module path, and the
module's .go files are scanned for import "C" (cgo).

Without --write a unified diff per fixed file goes to stdout (apply it with git apply or
patch -p1) and the summary (fixed rule IDs, edits, what is left, refusals) to stderr. With
--write the files are changed in place and the summary goes to stdout. --write is all or
nothing; every file is read and fixed in memory first, and only then is each one replaced
(a temporary file renamed over it). A symbolic link is never written through.

Options:
  --write          change the files in place instead of printing a diff
  --no-rewrite     never rewrite a whole file: minimal edits only
  --config FILE    Backstage app-config YAML with hardenedGo.standard (repeatable, later wins)
${POLICY_FLAGS_HELP}
${LIMIT_FLAGS_HELP}
  -h, --help       this help

Exit codes
  0  every file is fixed or already compliant
  1  at least one file was refused or fixed only in part (the reasons are printed)
  2  usage, configuration or I/O error (with --write: nothing was written)

Examples
  hardened-go fix services/api/Dockerfile
  hardened-go fix . > harden.patch && git apply harden.patch
  hardened-go fix --write --config app-config.yaml .
  hardened-go fix --write --policy-url https://portal.example.com .
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('fix', args, {
      write: { type: 'boolean' },
      'no-rewrite': { type: 'boolean' },
      config: { type: 'string', multiple: true },
      ...LIMIT_FLAGS,
      ...POLICY_FLAGS,
    });
    if (values.help) {
      io.stdout.write(this.help);
      return EXIT.ok;
    }
    if (positionals.length === 0) throw new InputError('give at least one file or directory, e.g. "hardened-go fix ."');
    const write = values.write === true;
    const rewrite = values['no-rewrite'] !== true;
    const config = await loadCliConfig(stringList(values.config), io.cwd, io.env);
    const chosen = await choosePolicy('fix', values, config, io);
    const { policy } = chosen;
    const limits = limitsFromFlags(values, config.limits);
    const files = await findDockerfiles(positionals, io.cwd);
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

    // 1. Every file read and rewritten in memory (in worker threads, under the limits); an
    //    I/O error here stops the run before anything is written.
    const pool = createCheckPool({ ...limits, threads: 1 });
    const planned: Array<{ file: string; shownAs: string; text: string | null; result: HardenResult; diff: string }> = [];
    try {
      for (const file of files) {
        const shownAs = displayPath(file, io.cwd);
        if (write) await refuseLinks(file, rootFor(file, roots), shownAs);
        const bytes = await readDockerfile(file, policy.maxFileBytes, shownAs);
        const text = decode(bytes);
        if (text === null) {
          const result: HardenResult = { text: '', fixed: [], remaining: [], refused: 'GDS000: the file is not valid UTF-8; nothing is rewritten', refusalCode: 'unreadable', notes: [] };
          planned.push({ file, shownAs, text, result, diff: '' });
          continue;
        }
        const context = await repoContext(file, rootFor(file, roots)).catch((e: unknown) => {
          throw new InputError(`cannot read the go.mod or Go files around ${shownAs}: ${e instanceof Error ? e.message : String(e)}`);
        });
        const { result, diff } = await pool.harden(text, policy, { ...context, now, rewrite }, { diffPath: shownAs });
        planned.push({ file, shownAs, text, result, diff });
      }
    } finally {
      await pool.close();
    }

    // 2. Then each rewrite replaces its file atomically.
    let refusedCount = 0;
    let fixedCount = 0;
    let partCount = 0;
    for (const { file, shownAs, text, result, diff } of planned) {
      const name = visible(shownAs);
      if (result.refused !== undefined) {
        refusedCount++;
        summary.write(`${name}: refused (${result.refusalCode}): ${visible(result.refused)}\n`);
        for (const u of result.unfixed ?? []) summary.write(`  left: ${u.ruleId} (line ${u.line}): ${visible(u.reason)}\n`);
        continue;
      }
      if (text === null || result.text === text) {
        summary.write(`${name}: already compliant\n`);
        continue;
      }
      fixedCount++;
      if (write) {
        await replaceFileAtomically(file, result.text).catch((e: unknown) => {
          throw new InputError(`cannot write ${name}: ${e instanceof Error ? e.message : String(e)}`);
        });
      } else {
        // a patch piped to a file stays byte-exact; on a terminal its text is made visible-safe
        io.stdout.write(io.isTTY ? diff.split('\n').map(visible).join('\n') : diff);
      }
      const part = result.unfixed !== undefined && result.unfixed.length > 0 ? ' in part' : '';
      if (part) partCount++;
      const how = result.method === 'rewrite' ? ', rewritten whole' : '';
      summary.write(`${name}: fixed${part} ${result.fixed.join(', ') || '(no rule changed)'}${how}${write ? ' (written)' : ''}\n`);
      for (const note of result.notes) summary.write(`  note: ${visible(note)}\n`);
      for (const u of result.unfixed ?? []) summary.write(`  left: ${u.ruleId} (line ${u.line}): ${visible(u.reason)}\n`);
    }
    const inPart = partCount > 0 ? ` (${partCount} of them in part)` : '';
    summary.write(`${files.length} file(s): ${fixedCount} fixed${inPart}, ${files.length - fixedCount - refusedCount} already compliant, ${refusedCount} refused\n`);
    return refusedCount > 0 || partCount > 0 ? EXIT.findings : EXIT.ok;
  },
};

/** --write never writes through a symbolic link, nor to a file whose real path leaves the tree it was found in. */
async function refuseLinks(file: string, root: string, shownAs: string): Promise<void> {
  const stat = await fs.lstat(file);
  if (stat.isSymbolicLink()) throw new InputError(`${visible(shownAs)} is a symbolic link; refusing to write through it (nothing was written)`);
  const [real, realRoot] = await Promise.all([fs.realpath(file), fs.realpath(root)]);
  const rel = path.relative(realRoot, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new InputError(`${visible(shownAs)} resolves outside ${visible(root)} through a symbolic link; refusing to write (nothing was written)`);
  }
}
