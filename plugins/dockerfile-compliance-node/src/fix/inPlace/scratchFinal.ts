/**
 * The final stage moved FROM scratch (GDS001) in place: the FROM line names `scratch`, the
 * RUN steps that only set up CA certificates and time zones go, and the CA bundle, time-zone
 * data and a non-root USER (what the old base brought along) are added by their own fixes,
 * proven with this one as one change.
 *
 * Only when nothing in the final stage needs the old base: no other RUN, SHELL, HEALTHCHECK
 * or ONBUILD, no user or group by name (`nobody`, and distroless' `nonroot`, become their
 * numbers), an exec-form start command of its own, and that
 * command is a binary copied from a stage that builds Go without cgo. Anything else (a
 * single-stage build, a final stage FROM another stage, runtime packages) stays for a human.
 */
import { copyProvides, trimTrailing, type CopyOp, type DockerfileModel, type SimpleCommand, type Stage, type StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { caBundle, nonRootUser, WELL_KNOWN_USERS, zoneinfo } from './finalStage';
import { bare, removeLines, type LineEdit } from './lineEdits';
import type { FixProposal, InPlaceFix } from './types';

/** What scratch replaces: the packages are copied from the build stage instead. */
const SETUP_PACKAGES = new Set(['ca-certificates', 'tzdata']);
const PACKAGE_MANAGERS = new Set(['apk', 'apt-get', 'apt']);
const CACHE_DIRS = new Set(['/var/cache/apk/*', '/var/lib/apt/lists/*']);
/** Where a container runtime looks up a bare program name when the image sets no PATH. */
const DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const DISTROLESS_USERS = new Map([
  ['nonroot', '65532:65532'],
  ['nonroot:nonroot', '65532:65532'],
]);
const PLAIN = /^[A-Za-z0-9_./:=,@%+*-]+$/;

/** `apk add --no-cache ca-certificates`, `update-ca-certificates`, `rm -rf /var/cache/apk/*`, … */
function isSetupCommand(words: readonly string[], created: (dir: string) => boolean): boolean {
  if (!words.every((w) => PLAIN.test(w))) return false;
  const program = words[0];
  // `apk --no-cache add …`: options may come before the subcommand
  const [sub, ...operands] = words.slice(1).filter((w) => !w.startsWith('-'));
  if (program === 'update-ca-certificates') return true;
  if (PACKAGE_MANAGERS.has(program ?? '')) {
    if (sub === 'update' || sub === 'upgrade') return operands.length === 0;
    return (sub === 'add' || sub === 'install') && operands.length > 0 && operands.every((p) => SETUP_PACKAGES.has(p));
  }
  const args = words.slice(1);
  const paths = args.filter((w) => !w.startsWith('-'));
  if (program === 'rm') return paths.length > 0 && paths.every((p) => CACHE_DIRS.has(p));
  // a directory WORKDIR or COPY creates anyway
  if (program === 'mkdir') return paths.length > 0 && args.every((w) => !w.startsWith('-') || w === '-p') && paths.every(created);
  return false;
}

/**
 * Whether the final stage's WORKDIR or COPY steps create a directory (they create its parents
 * too). The directories are kept sorted, so each question is a binary search: linear in the
 * file however many directories and mkdir operands it has.
 */
function createdDirectories(model: DockerfileModel, final: Stage): (dir: string) => boolean {
  const dirs: string[] = [];
  final.instructions.forEach((si, k) => {
    const ins = si.instruction;
    // WORKDIR's directory is where the next instruction runs
    if (ins.keyword === 'WORKDIR') dirs.push(trimTrailing(final.instructions[k + 1]?.workdir ?? final.endWorkdir, '/'));
    const cp = model.copyAt(si);
    if (!cp) return;
    // a copy creates its destination's directory, and the destination itself when written as a directory
    dirs.push((ins.args[ins.args.length - 1] ?? '').endsWith('/') ? trimTrailing(cp.dest, '/') : cp.dest.slice(0, cp.dest.lastIndexOf('/')));
  });
  dirs.sort();
  const firstAtOrAfter = (key: string) => {
    let lo = 0;
    let hi = dirs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dirs[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return dirs[lo];
  };
  return (dir) => {
    const d = trimTrailing(dir, '/');
    return d !== '' && (firstAtOrAfter(d) === d || (firstAtOrAfter(`${d}/`)?.startsWith(`${d}/`) ?? false));
  };
}

function isNumericIds(value: string): boolean {
  return /^\d+(?::\d+)?$/.test(value);
}

/** Why `si` needs the old base, or null when it works the same on scratch (RUN: checked apart). */
function needsBase(model: DockerfileModel, si: StageInstruction): string | null {
  const ins = si.instruction;
  const line = ins.line;
  switch (ins.keyword) {
    case 'SHELL':
    case 'ONBUILD':
      return `${ins.keyword} on line ${line} needs the base image`;
    case 'HEALTHCHECK':
      return ins.args[0]?.toUpperCase() === 'NONE' ? null : `the HEALTHCHECK on line ${line} runs a program of the base image`;
    case 'USER':
      return isNumericIds(ins.args[0] ?? '') ? null : `USER ${ins.args[0]} on line ${line} names a user that scratch has no /etc/passwd for`;
    case 'COPY':
    case 'ADD': {
      const chown = ins.flags.find((f) => f.name === 'chown');
      if (chown && !isNumericIds(chown.value ?? '')) return `--chown=${chown.value} on line ${line} names a user that scratch has no /etc/passwd for`;
      return model.copyAt(si) ? null : `the ${ins.keyword} on line ${line} could not be read`;
    }
    default:
      return null;
  }
}

/** Whether the start command's program is a file copied from a stage that builds Go without cgo. */
function startsStaticGoBinary(model: DockerfileModel, final: Stage, start: StageInstruction): boolean {
  const program = start.instruction.args[0] ?? '';
  const candidates = program.includes('/')
    ? [program.startsWith('/') ? program : `${start.workdir.replace(/\/$/, '')}/${program.replace(/^\.\//, '')}`]
    : DEFAULT_PATH.map((dir) => `${dir}/${program}`);
  // per stage and the stages it is built FROM: some go build, and all with cgo off (one pass, parents first)
  const ownBuilds = new Map<Stage, { any: boolean; allStatic: boolean }>();
  for (const b of model.goBuilds) {
    const own = ownBuilds.get(b.at.stage) ?? { any: true, allStatic: true };
    own.allStatic &&= b.env('CGO_ENABLED') === '0';
    ownBuilds.set(b.at.stage, own);
  }
  const chainBuilds = new Map<Stage, { any: boolean; allStatic: boolean }>();
  for (const s of model.stages) {
    const own = ownBuilds.get(s) ?? { any: false, allStatic: true };
    const parent = s.parent ? chainBuilds.get(s.parent) : undefined;
    chainBuilds.set(s, { any: own.any || (parent?.any ?? false), allStatic: own.allStatic && (parent?.allStatic ?? true) });
  }
  const staticChain = (stage: Stage) => {
    const c = chainBuilds.get(stage);
    return c !== undefined && c.any && c.allStatic;
  };
  const provides = (cp: CopyOp, path: string) => {
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    // a glob source (`/go/bin/*`) into the program's directory
    return copyProvides(cp, path) || (trimTrailing(cp.dest, '/') === trimTrailing(dir, '/') && cp.sources.some((s) => s.endsWith('/*')));
  };
  return model
    .copiesInto(final)
    .some((cp) => cp.at.stage === final && cp.from?.kind === 'stage' && staticChain(cp.from.stage) && candidates.some((c) => provides(cp, c)));
}

export const scratchFinal: InPlaceFix = {
  ruleIds: ['GDS001'],
  then: [caBundle, zoneinfo, nonRootUser],
  propose({ model, lines }): FixProposal {
    const final = model.finalStage;
    if (final.base.kind !== 'image') return { unfixed: `the final stage is built FROM the stage \`${final.baseName}\`; move that chain to scratch by hand` };
    const chain = new Set(model.chainOf(final));
    if (model.goBuilds.some((b) => chain.has(b.at.stage))) {
      return { unfixed: 'the final stage builds the binary itself (a single-stage build); the whole-file rewrite (when allowed) splits it into a build and a scratch stage' };
    }
    const from = final.from;
    const word = from.args[0] ?? '';
    const text = bare(lines[from.line - 1]!);
    const at = text.indexOf(word);
    if (from.endLine !== from.line || word === '' || at < 0 || text.indexOf(word, at + 1) >= 0) return { unfixed: `the FROM on line ${from.line} is not one line naming the image once` };
    const start = model.lastInChain(final, 'ENTRYPOINT') ?? model.lastInChain(final, 'CMD');
    if (!start || start.stage !== final) return { unfixed: 'the final stage has no start command of its own (the base image provides it)' };
    if (!start.instruction.json) return { unfixed: `the start command on line ${start.instruction.line} is in shell form, and scratch has no shell` };
    if (!startsStaticGoBinary(model, final, start)) return { unfixed: `the program started on line ${start.instruction.line} is not a binary copied from a stage that builds Go without cgo` };
    const edits: LineEdit[] = [{ line: from.line, replace: `${text.slice(0, at)}scratch${text.slice(at + word.length)}` }];
    const created = createdDirectories(model, final);
    const distroless = final.base.repository.startsWith('gcr.io/distroless/');
    const removed: number[] = [];
    const users: string[] = [];
    for (const si of final.instructions) {
      const ins = si.instruction;
      const numeric = ins.keyword === 'USER' ? (WELL_KNOWN_USERS.get(ins.args[0] ?? '') ?? (distroless ? DISTROLESS_USERS.get(ins.args[0] ?? '') : undefined)) : undefined;
      if (numeric && ins.line === ins.endLine) {
        const line = bare(lines[ins.line - 1]!);
        edits.push({ line: ins.line, replace: line.replace(ins.args[0]!, numeric) });
        users.push(`USER ${ins.args[0]} as its numbers ${numeric}`);
        continue;
      }
      if (ins.keyword !== 'RUN') {
        const why = needsBase(model, si);
        if (why) return { unfixed: why };
        continue;
      }
      const commands: SimpleCommand[] = model.commandsOf(si);
      if (ins.heredocs.length > 0 || commands.length === 0 || !commands.every((c) => c.assignments.size === 0 && isSetupCommand(c.words, created))) {
        return { unfixed: `the RUN on line ${ins.line} needs the base image's shell and tools` };
      }
      edits.push(...removeLines(ins.line, ins.endLine));
      removed.push(ins.line);
    }
    const setup = removed.length > 0 ? `; its certificate and time-zone setup (${removed.length === 1 ? 'one RUN' : `${removed.length} RUNs`}) is dropped, the build stage provides both` : '';
    return { edits, what: `the final stage FROM scratch instead of ${word}${setup}${users.map((u) => `; ${u}`).join('')}` };
  },
};
