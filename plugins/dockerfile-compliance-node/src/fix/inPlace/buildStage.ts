/**
 * Fixes in the build stage: go.mod and the download before the source tree (GDS004),
 * `go mod verify` after `go mod download` (GDS005), `CGO_ENABLED=0` where the build runs
 * (GDS006), and COPY for a local ADD (GDS015).
 */
import {
  chainRunsGoMod,
  firstBuildPerStage,
  isGoBinary,
  isGoMod,
  runsGoMod,
  trimTrailing,
  type DockerfileModel,
  type GoBuild,
  type SimpleCommand,
  type Stage,
  type StageInstruction,
} from '@hardened-go/plugin-dockerfile-compliance-common';
import { bare } from './lineEdits';
import type { FixInput, FixProposal, InPlaceFix } from './types';

/** The first go build on each line (findings name the build's line). */
function buildsByLine(model: DockerfileModel): Map<number, GoBuild> {
  const out = new Map<number, GoBuild>();
  for (const b of model.goBuilds) if (!out.has(b.at.instruction.line)) out.set(b.at.instruction.line, b);
  return out;
}

/**
 * The first RUN of each stage's chain (root first) that runs `go mod download`: one pass over
 * the stages, parents before children, so a long FROM chain stays linear.
 */
function downloadsByStage(model: DockerfileModel): Map<Stage, StageInstruction | undefined> {
  const out = new Map<Stage, StageInstruction | undefined>();
  for (const s of model.stages) out.set(s, (s.parent ? out.get(s.parent) : undefined) ?? s.instructions.find((si) => runsGoMod(model, si, 'download')));
  return out;
}

/** The `--mount` flags of a RUN as written, so a step after it sees the same module cache. */
function mountFlags(at: StageInstruction): string {
  return at.instruction.flags.filter((f) => f.name === 'mount' && f.value !== null).map((f) => `--mount=${f.value} `).join('');
}

/** A step on a line of its own runs in WORKDIR: the command it goes with must run there too. */
function runsAfterCd(input: FixInput, at: StageInstruction, isIt: (c: SimpleCommand) => boolean): string | null {
  const cmds = input.model.commandsOf(at);
  const index = cmds.findIndex(isIt);
  if (index < 0 || cmds[index]!.words.includes('-C')) return `the go command on line ${at.instruction.line} is not one the fixer can place a step beside`;
  if (cmds.slice(0, index).some((c) => c.words[0] === 'cd' || c.words[0] === 'pushd')) return `the go command on line ${at.instruction.line} runs after a cd`;
  return null;
}

export const goModVerify: InPlaceFix = {
  ruleIds: ['GDS005'],
  propose(input): FixProposal {
    const { model, findings } = input;
    const edits = [];
    const done = new Set<StageInstruction>();
    const builds = buildsByLine(model);
    const downloads = downloadsByStage(model);
    for (const f of findings) {
      const build = builds.get(f.line);
      if (!build) return { unfixed: `no go build on line ${f.line}` };
      const download = downloads.get(build.at.stage);
      if (!download) {
        // no download step: download and verify right before the build, where go.mod already is
        if (done.has(build.at)) continue;
        const why = runsAfterCd(input, build.at, (c) => isGoBinary(c.words[0] ?? '') && (c.words[1] === 'build' || c.words[1] === 'install'));
        if (why) return { unfixed: why };
        done.add(build.at);
        edits.push({ line: build.at.instruction.line, insertBefore: [`RUN ${mountFlags(build.at)}go mod download && go mod verify`] });
        continue;
      }
      if (done.has(download)) continue;
      const why = runsAfterCd(input, download, (c) => isGoMod(c, 'download'));
      if (why) return { unfixed: why };
      done.add(download);
      edits.push({ line: download.instruction.endLine + 1, insertBefore: [`RUN ${mountFlags(download)}go mod verify`] });
    }
    return { edits, what: '`RUN go mod verify` after `go mod download`' };
  },
};

export const cgoDisabled: InPlaceFix = {
  ruleIds: ['GDS006'],
  propose({ model, findings, context }): FixProposal {
    if (context.repoHasCgo) return { unfixed: 'the module imports "C" (cgo): CGO_ENABLED=0 would leave those files out of the build; make the cgo code optional or build it by hand' };
    const edits = [];
    const stages = new Set<Stage>();
    const builds = buildsByLine(model);
    const firstOfStage = firstBuildPerStage(model);
    for (const f of findings) {
      const build = builds.get(f.line);
      if (!build) return { unfixed: `no go build on line ${f.line}` };
      if (build.env('CGO_ENABLED') === '1') return { unfixed: `the go build on line ${f.line} asks for cgo (CGO_ENABLED=1)` };
      if (stages.has(build.at.stage)) continue;
      stages.add(build.at.stage);
      // before the first build of its stage: every go build after it in the stage is static
      const first = firstOfStage.get(build.at.stage)!;
      edits.push({ line: first.at.instruction.line, insertBefore: ['ENV CGO_ENABLED=0'] });
    }
    return { edits, what: '`ENV CGO_ENABLED=0` before the go build' };
  },
};

/** The ADD-only flags: COPY has no checksum, git or unpack options. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

export const copyNotAdd: InPlaceFix = {
  ruleIds: ['GDS015'],
  propose({ model, lines, findings }): FixProposal {
    const edits = [];
    const adds = new Map(model.allCopies.filter((c) => c.keyword === 'ADD').map((c) => [c.at.instruction.line, c]));
    for (const f of findings) {
      const copy = adds.get(f.line);
      if (!copy) return { unfixed: `no ADD on line ${f.line}` };
      const flag = copy.at.instruction.flags.find((fl) => ADD_ONLY_FLAGS.has(fl.name));
      if (flag) return { unfixed: `ADD --${flag.name} on line ${f.line} has no COPY equivalent` };
      const line = bare(lines[f.line - 1]!);
      const at = line.search(/\S/);
      const keyword = line.slice(at, at + 3);
      if (keyword.toUpperCase() !== 'ADD') return { unfixed: `line ${f.line} does not start with ADD` };
      edits.push({ line: f.line, replace: `${line.slice(0, at)}${keyword === 'add' ? 'copy' : 'COPY'}${line.slice(at + 3)}` });
    }
    return { edits, what: 'COPY instead of ADD for local sources' };
  },
};

/** `.` or `./`: the whole build context. */
const isWholeContext = (source: string) => source === '.' || source === './';

/** A COPY destination as written that is safe to reuse in a shell command: a path, maybe with `${VAR}`s. */
const PLAIN_DEST = /^(?:\/|\$)[A-Za-z0-9_./${}-]*$/;

/**
 * go.mod (and go.sum, when there is one) copied and the modules downloaded right before the
 * step that copies the whole source tree (GDS004), so the download is a layer of its own.
 * Into WORKDIR when the tree lands there, else into the tree's directory as the owner wrote it
 * (`${GOPATH}/src/...` expands the same in COPY and in the shell). A later download step of
 * the owner's stays (it finds every module already there).
 */
export const modulesFirst: InPlaceFix = {
  ruleIds: ['GDS004'],
  propose({ model, lines, findings }): FixProposal {
    const edits = [];
    const copies = new Map(model.allCopies.map((c) => [c.at.instruction.line, c]));
    const buildsByStage = new Map<Stage, GoBuild[]>();
    for (const b of model.goBuilds) {
      const list = buildsByStage.get(b.at.stage);
      if (list) list.push(b);
      else buildsByStage.set(b.at.stage, [b]);
    }
    for (const f of findings) {
      const copy = copies.get(f.line);
      if (!copy || copy.from !== null || copy.sources.length !== 1 || !isWholeContext(copy.sources[0]!)) return { unfixed: `line ${f.line} copies more than the build context's root` };
      const tree = trimTrailing(copy.dest, '/') || '/';
      const build = buildsByStage.get(copy.at.stage)?.find((b) => b.at.instruction.line > f.line);
      if (!build || !(build.at.workdir === tree || build.at.workdir.startsWith(`${tree === '/' ? '' : tree}/`))) return { unfixed: `the go build after line ${f.line} does not run in the copied tree` };
      if (build.env('GO111MODULE') === 'off') return { unfixed: `the go build on line ${build.at.instruction.line} runs with GO111MODULE=off: there are no modules to download` };
      const download = chainRunsGoMod(model, copy.at.stage, 'verify') ? 'go mod download' : 'go mod download && go mod verify';
      if (tree === (trimTrailing(copy.at.workdir, '/') || '/')) {
        edits.push({ line: f.line, insertBefore: ['COPY go.mod go.sum* ./', `RUN ${download}`] });
        continue;
      }
      const written = bare(lines[copy.at.instruction.endLine - 1]!).trim().split(/[ \t]+/).pop() ?? '';
      if (copy.at.instruction.line !== copy.at.instruction.endLine || !PLAIN_DEST.test(written) || copy.at.instruction.args[copy.at.instruction.args.length - 1] !== written) {
        return { unfixed: `the destination on line ${f.line} is not one plain path the fixer can repeat` };
      }
      const dir = trimTrailing(written, '/');
      edits.push({ line: f.line, insertBefore: [`COPY go.mod go.sum* ${dir}/`, `RUN cd ${dir} && ${download}`] });
    }
    return { edits, what: 'go.mod copied and modules downloaded before the source tree' };
  },
};
