/**
 * The `go build` / `go install` commands of the stages that ship, with their effective
 * environment (the command's assignments, the shell's exports, the Dockerfile's ENV/ARG and
 * `go env -w` settings carried through stage chains) and their effective flags (the command
 * line over GOFLAGS).
 */
import { parseGoBool } from '../parser/goText';
import type { CommandCache } from './commandCache';
import { isGoBinary, splitGoCommandLine, splitGoFlagsVariable, type GoFlag } from './goCommandLine';
import { lookupOf, VarScope } from './scope';
import type { SimpleCommand } from './shell';
import type { GoBuild, Stage, StageInstruction } from './types';

/**
 * A word `go` / `xx-go` / `.../go` followed by blank space or a quote: a RUN that may run the
 * go command. The same as `/(?:^|[\s/;&|("'])(?:xx-)?go[\s"']/.test(text)`, checked only
 * around each `go` of the text.
 */
export function mentionsGo(text: string): boolean {
  for (let k = text.indexOf('go'); k >= 0; k = text.indexOf('go', k + 1)) {
    const after = text.charCodeAt(k + 2);
    if (!(isJsSpace(after) || after === 34 || after === 39)) continue;
    if (k === 0 || beforeGo(text.charCodeAt(k - 1))) return true;
    if (k >= 3 && text.startsWith('xx-', k - 3) && (k === 3 || beforeGo(text.charCodeAt(k - 4)))) return true;
  }
  return false;
}

/** `[\s/;&|("']`: what may come right before the go word. */
function beforeGo(c: number): boolean {
  return isJsSpace(c) || c === 47 || c === 59 || c === 38 || c === 124 || c === 40 || c === 34 || c === 39;
}

/** JavaScript's `\s`. */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
/**
 * `go env -w` settings are a persistent scope (scope.ts), like ENV: a stage shares its parent's
 * and a write makes a new version, so a chain of stages that each write a new key stays linear
 * (a Map copied per write was quadratic: 8,000 such stages took 8.6 s).
 */
const EMPTY_GO_ENV: VarScope<string> = VarScope.empty<string>();
/** An empty GOFLAGS sets no flag. */
const NO_FLAGS: ReadonlyMap<string, string | null> = new Map();

export function findGoBuilds(stages: readonly Stage[], shipped: ReadonlySet<Stage>, commands: CommandCache): GoBuild[] {
  // by Stage.index
  const goEnvAtEnd = new Array<VarScope<string>>(stages.length);
  const goBuilds: GoBuild[] = [];
  for (const stage of stages) {
    // Only shipped stages are read: the parent of a shipped stage is shipped too, so no
    // `go env -w` of an unshipped stage reaches a shipped build (and its RUNs need no shell parse).
    if (!shipped.has(stage)) continue;
    // shared with the parent until a `go env -w` makes a new version
    let goEnv = (stage.parent && goEnvAtEnd[stage.parent.index]) || EMPTY_GO_ENV;
    for (const at of stage.instructions) {
      if (at.instruction.keyword !== 'RUN') continue;
      const text = commands.runText(at);
      if (!mentionsGo(text)) continue;
      for (const cmd of commands.commandsOf(at)) {
        const w = cmd.words;
        if (w.length < 2 || !isGoBinary(w[0]!)) continue;
        const i = w[1] === '-C' ? 3 : 1;
        const sub = w[i];
        if (sub === 'env' && w[i + 1] === '-w') goEnv = withGoEnvWrites(goEnv, w.slice(i + 2));
        else if (sub === 'build' || sub === 'install') goBuilds.push(goBuild(at, cmd, sub, w.slice(i + 1), goEnv));
      }
    }
    goEnvAtEnd[stage.index] = goEnv;
  }
  return goBuilds;
}

function withGoEnvWrites(goEnv: VarScope<string>, assignments: string[]): VarScope<string> {
  let out = goEnv;
  for (const kv of assignments) {
    const eq = kv.indexOf('=');
    if (eq > 0) out = out.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  return out;
}

function goBuild(at: StageInstruction, cmd: SimpleCommand, subcommand: 'build' | 'install', args: string[], goEnv: VarScope<string>): GoBuild {
  const lookup = lookupOf(at.vars);
  const env = (n: string) => cmd.assignments.get(n) ?? cmd.exported.get(n) ?? lookup(n) ?? goEnv.get(n);
  const cli = lastValues(splitGoCommandLine(args).flags);
  const goflagsText = env('GOFLAGS') ?? '';
  const goflags = goflagsText === '' ? NO_FLAGS : lastValues(splitGoFlagsVariable(goflagsText));
  const ld = cli.has('ldflags') ? cli.get('ldflags') : goflags.get('ldflags');
  const tags = cli.has('tags') ? cli.get('tags') : goflags.get('tags');
  const mod = cli.has('mod') ? cli.get('mod') : goflags.get('mod');
  return {
    at,
    subcommand,
    args,
    env,
    ldflags: ld === undefined ? null : (ld ?? ''),
    trimpath: boolFlag(cli, 'trimpath') ?? boolFlag(goflags, 'trimpath') ?? false,
    mod: typeof mod === 'string' ? mod : null,
    tags: typeof tags === 'string' ? tags.split(/[,\s]+/).filter(Boolean) : [],
  };
}

/** Flag name -> its last value (the go tool's flag package: the last occurrence wins). */
function lastValues(flags: readonly GoFlag[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const f of flags) out.set(f.name, f.value);
  return out;
}

/** A boolean flag: absent -> undefined, `-f` -> true, `-f=v` -> strconv.ParseBool(v) (invalid counts as false). */
function boolFlag(flags: ReadonlyMap<string, string | null>, name: string): boolean | undefined {
  if (!flags.has(name)) return undefined;
  const v = flags.get(name);
  return v === null || v === undefined ? true : parseGoBool(v) === true;
}
