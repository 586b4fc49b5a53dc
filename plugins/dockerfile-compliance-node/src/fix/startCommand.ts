/** How the rewritten image starts: ENTRYPOINT/CMD in exec form whose program is the Go binary, arguments kept. */
import type { StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { at, type Scope } from './extractScope';
import { basename, relativeTo, resolveIn } from './paths';
import { refuse } from './refusals';
import type { ServiceSpec } from './serviceSpec';

const DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** Arguments that name a file (config, SQL, certificates) rather than a flag or word. */
const FILE_ARGUMENT = /\.(ya?ml|json|toml|ini|conf|cfg|env|sql|pem|crt|key|html|tmpl)$/i;
const SHELL_SYNTAX = /[$`|&;<>(){}*?~\n\\!]|\[\[/;

/**
 * The program a start command or health check runs must be the Go binary (found through the
 * final WORKDIR or PATH); returns its path in the rewritten image.
 */
export function programIs(scope: Scope, program: string, finalBinary: string, what: string): string {
  const name = basename(program);
  // A bare name is looked up in the image's PATH: an ENV PATH of the final image, then the usual directories.
  const imagePath = (scope.model.finalStage.endVars.env.get('PATH') ?? '').split(':').filter((d) => d.startsWith('/'));
  const searched = [...new Set([...imagePath, ...DEFAULT_PATH])];
  const candidates = program.includes('/') ? [resolveIn(scope.model.finalStage.endWorkdir, program)] : searched.map((d) => resolveIn(d, program));
  if (!candidates.includes(finalBinary)) {
    if (/\.(sh|bash|py|rb|pl)$/.test(program) || /entrypoint|docker-entrypoint|run$/.test(name)) {
      refuse('needs-shell', `${what} starts ${program}, a script, not the Go binary ${finalBinary}; a scratch image cannot run scripts`);
    }
    refuse('unsupported-build', `${what} runs ${program}, not the Go binary ${finalBinary}; the scratch image has nothing else to run`);
  }
  return `/${basename(finalBinary)}`;
}

/** The words of an ENTRYPOINT/CMD; a shell form is read as exec form when it uses no shell syntax. */
function startWords(scope: Scope, si: StageInstruction): string[] {
  const ins = si.instruction;
  if (ins.json) return ins.args;
  const line = ins.args[0] ?? ins.rawArgs;
  if (SHELL_SYNTAX.test(line.replace(/"[^"$`\\]*"|'[^']*'/g, ''))) {
    refuse('needs-shell', `${ins.keyword} at ${at(si)} is a shell command (${line.trim()}); a scratch image has no shell to run it`);
  }
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  scope.notes.push(`${ins.keyword} at ${at(si)} was in shell form; it is exec form now (GDS014)`);
  return out;
}

/**
 * ENTRYPOINT/CMD: exec form whose program is the binary; arguments are kept. `buildTree`: the
 * directories of a single-stage image's source tree, which the scratch image no longer has.
 */
export function startCommand(scope: Scope, spec: ServiceSpec, finalBinary: string, buildTree: string[]): void {
  const { model } = scope;
  const final = model.finalStage;
  const ep = model.lastInChain(final, 'ENTRYPOINT');
  const cmd = model.lastInChain(final, 'CMD');
  let entry: string[] = [];
  let cmdWords: string[] | undefined;
  if (ep) {
    entry = startWords(scope, ep);
    if (cmd && ep.instruction.json) {
      if (!cmd.instruction.json) refuse('needs-shell', `CMD at ${at(cmd)} is in shell form, so Docker runs it through /bin/sh -c`);
      cmdWords = startWords(scope, cmd);
    }
  }
  if (entry.length === 0 && cmd && (!ep || ep.instruction.json)) {
    // No ENTRYPOINT (or `ENTRYPOINT []`): CMD's first word is the program.
    const all = startWords(scope, cmd);
    entry = all.slice(0, 1);
    cmdWords = all.slice(1);
  }
  if (entry.length === 0 && !cmd) {
    scope.notes.push('the image had no ENTRYPOINT or CMD; it starts the binary now');
  }
  if (entry.length > 0) {
    if (['sh', 'bash', 'ash', 'dash', 'zsh'].includes(basename(entry[0]))) {
      refuse('needs-shell', `the image starts ${entry.join(' ')}; a scratch image has no shell`);
    }
    programIs(scope, entry[0], finalBinary, 'the image');
    spec.entrypointArgs = entry.slice(1);
  }
  if (cmdWords !== undefined && cmdWords.length > 0) spec.cmd = cmdWords;
  refuseBuildTreeArguments(spec, buildTree);
}

/** Start arguments that name files of a single-stage image's source tree, which the scratch image does not contain. */
function refuseBuildTreeArguments(spec: ServiceSpec, buildTree: string[]): void {
  for (const arg of [...spec.entrypointArgs, ...(spec.cmd ?? [])]) {
    const path = arg.replace(/^-{1,2}[A-Za-z0-9_.-]+=/, '');
    if (buildTree.length > 0 && !path.startsWith('/') && (/^\.\.?\//.test(path) || FILE_ARGUMENT.test(path))) {
      refuse('foreign-files', `the start command passes ${path}, a file of the single-stage image's source tree that the scratch image would not contain; copy it in a multi-stage Dockerfile first`);
    }
    if (!path.startsWith('/')) continue;
    for (const root of buildTree) {
      if (relativeTo(root, path) !== null) {
        refuse('foreign-files', `the start command passes ${path}, a file of the build tree (${root}) that the scratch image does not contain`);
      }
    }
  }
}
