/**
 * The `go build` / `go install` commands of the stages that ship, with their effective
 * environment (the command's assignments, the shell's exports, the Dockerfile's ENV/ARG and
 * `go env -w` settings carried through stage chains) and their effective flags (the command
 * line over GOFLAGS).
 */
import { parseGoBool } from '../parser/goText';
import type { CommandCache } from './commandCache';
import { isGoBinary, splitGoCommandLine, splitGoFlagsVariable, type GoFlag } from './goCommandLine';
import { lookupOf } from './scope';
import type { SimpleCommand } from './shell';
import type { GoBuild, Stage, StageInstruction } from './types';

/** A word `go` / `xx-go` / `.../go` followed by blank space: a RUN that may run the go command. */
const MENTIONS_GO = /(?:^|[\s/;&|("'])(?:xx-)?go[\s"']/;
const EMPTY_GO_ENV: ReadonlyMap<string, string> = new Map();

export function findGoBuilds(stages: readonly Stage[], shipped: ReadonlySet<Stage>, commands: CommandCache): GoBuild[] {
  const goEnvAtEnd = new Map<Stage, ReadonlyMap<string, string>>();
  const goBuilds: GoBuild[] = [];
  for (const stage of stages) {
    // shared with the parent until a `go env -w` changes it (copy-on-write)
    let goEnv = (stage.parent && goEnvAtEnd.get(stage.parent)) || EMPTY_GO_ENV;
    for (const at of stage.instructions) {
      if (at.instruction.keyword !== 'RUN') continue;
      const text = commands.runText(at);
      // includes() first: a plain substring search is far cheaper than the regex
      if (!text.includes('go') || !MENTIONS_GO.test(text)) continue;
      for (const cmd of commands.commandsOf(at)) {
        const w = cmd.words;
        if (w.length < 2 || !isGoBinary(w[0]!)) continue;
        const i = w[1] === '-C' ? 3 : 1;
        const sub = w[i];
        if (sub === 'env' && w[i + 1] === '-w') goEnv = withGoEnvWrites(goEnv, w.slice(i + 2));
        else if ((sub === 'build' || sub === 'install') && shipped.has(stage)) goBuilds.push(goBuild(at, cmd, sub, w.slice(i + 1), goEnv));
      }
    }
    goEnvAtEnd.set(stage, goEnv);
  }
  return goBuilds;
}

function withGoEnvWrites(goEnv: ReadonlyMap<string, string>, assignments: string[]): ReadonlyMap<string, string> {
  const out = new Map(goEnv);
  for (const kv of assignments) {
    const eq = kv.indexOf('=');
    if (eq > 0) out.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  return out;
}

function goBuild(at: StageInstruction, cmd: SimpleCommand, subcommand: 'build' | 'install', args: string[], goEnv: ReadonlyMap<string, string>): GoBuild {
  const lookup = lookupOf(at.vars);
  const env = (n: string) => cmd.assignments.get(n) ?? cmd.exported.get(n) ?? lookup(n) ?? goEnv.get(n);
  const cli = lastValues(splitGoCommandLine(args).flags);
  const goflags = lastValues(splitGoFlagsVariable(env('GOFLAGS') ?? ''));
  const ld = cli.has('ldflags') ? cli.get('ldflags') : goflags.get('ldflags');
  const tags = cli.has('tags') ? cli.get('tags') : goflags.get('tags');
  return {
    at,
    subcommand,
    args,
    env,
    ldflags: ld === undefined ? null : (ld ?? ''),
    trimpath: boolFlag(cli, 'trimpath') ?? boolFlag(goflags, 'trimpath') ?? false,
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
function boolFlag(flags: Map<string, string | null>, name: string): boolean | undefined {
  if (!flags.has(name)) return undefined;
  const v = flags.get(name);
  return v === null || v === undefined ? true : parseGoBool(v) === true;
}
