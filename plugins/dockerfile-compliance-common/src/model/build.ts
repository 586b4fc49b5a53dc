/**
 * Builds the semantic model (types.ts) from the parser's syntax tree, with BuildKit's
 * scoping: ARGs before the first FROM are visible to FROM lines only unless a stage
 * redeclares them (`ARG name`), ENV wins over ARG, and a stage built `FROM <stage>`
 * inherits that stage's ENV, ARG, WORKDIR and USER. Everything rules ask is computed here
 * once, so rules are cheap lookups.
 */
import type { Instruction, ParsedDockerfile } from '../parser/types';
import { ExpansionError, expand, type VarLookup } from './expand';
import { parseImageRef } from './image';
import { EMPTY_ENV, EMPTY_VARS, lookupOf, type Scope, type ScopedVars } from './scope';
import { parseShell, type SimpleCommand } from './shell';
import type { BaseImage, CopyOp, DockerfileModel, GoBuild, RunMount, Stage, StageInstruction } from './types';
import { WorkBudget } from './workBudget';

/**
 * Something BuildKit would refuse (instruction before FROM, bad substitution, ...) or a bound we hit.
 *
 * @public
 */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly endLine: number,
    /** true for depth/size bounds on expansion rather than a syntax problem. */
    readonly pathological = false,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

/**
 * BuildKit's automatic platform ARGs, visible to FROM lines without a declaration and in a
 * stage after `ARG TARGETOS` (no value). A Dockerfile alone does not say the platform, so
 * the model assumes the common linux/amd64 build (documented in docs/rules/README.md).
 */
export const PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
]);

const EMPTY_GO_ENV: Map<string, string> = new Map();

/**
 * Linux's PATH_MAX: a WORKDIR longer than this cannot be created, so the build fails. It
 * also bounds the memory of per-instruction working directories (90,000 `WORKDIR a` lines
 * would otherwise keep 90,000 ever longer paths).
 *
 * @public
 */
export const PATH_MAX = 4096;

/** A `.` or `..` segment, or an empty one (`//`): the path needs normalizing. */
const NOT_NORMAL = /\/\.\.?(?:\/|$)|\/\//;

/** Absolute, normal, without a trailing slash (or `/` itself): what WORKDIR tracking produces. */
function isNormalDir(dir: string): boolean {
  if (dir === '/') return true;
  return dir.charCodeAt(0) === 47 && dir.charCodeAt(dir.length - 1) !== 47 && !NOT_NORMAL.test(dir);
}

/** posix path join/normalize: absolute, no `.`/`..`, a trailing slash kept (it means "directory"). */
export function resolvePath(workdir: string, path: string): string {
  // fast path: already absolute and normal (no `.`/`..` segments, no `//`)
  if (path.charCodeAt(0) === 47 && !NOT_NORMAL.test(path)) return path;
  // fast path: a normal relative path under a normal workdir (`COPY . .`, `COPY go.mod ./`) is a plain join
  if (path.length > 0 && path.charCodeAt(0) !== 47 && isNormalDir(workdir)) {
    if (path === '.' || path === './') return workdir === '/' ? '/' : workdir + '/';
    const joined = (workdir === '/' ? '/' : workdir + '/') + path;
    if (!NOT_NORMAL.test(joined)) return joined;
  }
  const trailing = path.endsWith('/') || path.endsWith('/.') || path === '.';
  const full = path.startsWith('/') ? path : `${workdir}/${path}`;
  const parts: string[] = [];
  for (const p of full.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  const joined = '/' + parts.join('/');
  return trailing && joined !== '/' ? joined + '/' : joined;
}

/**
 * `/a/b/` -> `/a/b` (a WORKDIR names a directory); `/` stays `/`. Same as the former
 * `.replace(/(.)\/$/, '$1')`, so a slash after a line terminator is kept.
 */
function withoutTrailingSlash(path: string): string {
  const n = path.length;
  if (n < 2 || path.charCodeAt(n - 1) !== 47) return path;
  const before = path.charCodeAt(n - 2);
  if (before === 10 || before === 13 || before === 0x2028 || before === 0x2029) return path;
  return path.slice(0, -1);
}

const SHELLS = /^(?:\/usr)?(?:\/bin\/)?(?:ba|a|da|z)?sh$/;

/** The script of `sh -c 'script'` (also `bash -ec`, `sh -o pipefail -c`), or null. */
function shellScriptOf(words: readonly string[]): string | null {
  if (words.length < 3 || !SHELLS.test(words[0]!)) return null;
  for (let i = 1; i < words.length - 1; i++) {
    const w = words[i]!;
    if (w === '-o' || w === '+o') {
      i++;
      continue;
    }
    if (!/^[-+][a-zA-Z]+$/.test(w)) return null;
    if (w.startsWith('-') && w.includes('c')) return words[i + 1]!;
  }
  return null;
}

/**
 * Adds the commands of `sh -c 'script'` after the shell command itself, so a go build
 * or apk add written that way is judged like any other (not silently unseen). The inner
 * script sees the outer command's environment: its assignments and exported variables
 * are exported to it. Nesting is followed a few levels deep.
 */
function withNestedShells(cmds: SimpleCommand[], lookup: VarLookup, budget: WorkBudget, depth: number): SimpleCommand[] {
  if (depth >= 4 || !cmds.some((c) => shellScriptOf(c.words) !== null)) return cmds;
  const out: SimpleCommand[] = [];
  for (const cmd of cmds) {
    out.push(cmd);
    const script = shellScriptOf(cmd.words);
    if (script === null) continue;
    // the inner script starts with the outer environment exported; its own exports go on top
    const outerEnv = cmd.exported.merge(cmd.assignments);
    const innerLookup: VarLookup = (name) => outerEnv.get(name) ?? lookup(name);
    for (const inner of withNestedShells(parseShell(script, innerLookup, { budget, exported: outerEnv }), innerLookup, budget, depth + 1)) {
      out.push(inner);
    }
  }
  return out;
}
/** Instructions whose arguments BuildKit expands (besides FROM, ARG, ENV, WORKDIR, COPY and ADD, modelled above). */
const EXPANDED_BY_BUILDKIT: ReadonlySet<string> = new Set(['USER', 'EXPOSE', 'STOPSIGNAL', 'VOLUME', 'LABEL']);
const HEREDOC_WORD = /^\d*<<-?\s*["']?([^"'\s]+)["']?$/;
const GO_COMMAND = /(?:^|\/)(?:xx-)?go$/;
/** A word `go` / `xx-go` / `.../go` followed by blank space: a RUN that may run the go command. */
const MENTIONS_GO = /(?:^|[\s/;&|("'])(?:xx-)?go[\s"']/;
/** go build flags that take a value (the rest are booleans). */
const GO_VALUE_FLAGS = new Set(['C', 'o', 'p', 'covermode', 'coverpkg', 'asmflags', 'buildmode', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'exec', 'buildvcs']);

interface GoFlags {
  flags: Map<string, string | true>;
}

/** Parses go command-line flags up to the first package argument; last occurrence wins. */
function parseGoFlags(words: string[], stopAtArgs: boolean): GoFlags {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') break;
    // an unresolved `${GO_EXTRA_FLAGS}` may hold any flags: skip it rather than stop at it
    if (w.startsWith('$')) continue;
    if (!w.startsWith('-') || w === '-') {
      if (stopAtArgs) break;
      continue;
    }
    const body = w.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) {
      flags.set(body.slice(0, eq), body.slice(eq + 1));
    } else if (GO_VALUE_FLAGS.has(body) && body !== 'buildvcs' && i + 1 < words.length) {
      flags.set(body, words[++i]!);
    } else {
      flags.set(body, true);
    }
  }
  return { flags };
}

function flagIsTrue(v: string | true | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === true) return true;
  return v === 'true' || v === '1' || v === 't' || v === 'T' || v === 'TRUE' || v === 'True';
}

/** What the budget is sized by: the text the parser kept (arguments and heredoc bodies). */
function inputSize(parsed: ParsedDockerfile): number {
  let n = 0;
  for (const ins of parsed.instructions) {
    n += ins.rawArgs.length + 16;
    for (const h of ins.heredocs) n += h.content.length;
  }
  return n;
}

function asModelError(e: unknown, ins: Instruction): unknown {
  if (e instanceof ExpansionError) return new ModelError(`${ins.keyword} on line ${ins.line}: ${e.message}`, ins.line, ins.endLine, e.pathological);
  return e;
}

/** @public */
export function buildModel(parsed: ParsedDockerfile): DockerfileModel {
  const escapeChar = parsed.escapeChar;
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  const stagesByName = new Map<string, Stage>();
  let current: Stage | null = null;
  let vars: ScopedVars = EMPTY_VARS;
  let workdir = '/';

  // one budget for every expansion and shell parse of this file, now and when rules ask later
  const budget = WorkBudget.forInput(inputSize(parsed));
  const expandOptions = { escapeChar, budget };
  const expandWith = (lookup: VarLookup, word: string, ins: Instruction) => {
    try {
      return expand(word, lookup, expandOptions);
    } catch (e) {
      throw asModelError(e, ins);
    }
  };
  const globalLookup: VarLookup = (n) => globalArgs.get(n) ?? PLATFORM_ARGS.get(n);

  const declareArgs = (ins: Instruction, lookup: VarLookup, inStage: boolean): Map<string, string | undefined> => {
    const out = new Map<string, string | undefined>();
    for (const word of ins.args) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word : word.slice(0, eq);
      if (name === '') continue;
      let value: string | undefined;
      if (eq >= 0) value = expandWith(lookup, word.slice(eq + 1), ins).result;
      else if (inStage) value = globalArgs.get(name) ?? PLATFORM_ARGS.get(name);
      out.set(name, value);
    }
    return out;
  };

  const finishStage = () => {
    if (current) {
      current.endVars = vars;
      current.endWorkdir = workdir;
    }
  };
  // endVars is typed as the read-only Vars; the scopes inside are always ScopedVars
  const endVarsOf = (stage: Stage) => stage.endVars as ScopedVars;

  for (const ins of parsed.instructions) {
    const kw = ins.keyword;
    if (kw === 'FROM') {
      finishStage();
      const imageWord = ins.args[0] ?? '';
      const expanded = expandWith(globalLookup, imageWord, ins);
      const baseName = expanded.result;
      const name = ins.args.length >= 3 && ins.args[1]!.toLowerCase() === 'as' ? ins.args[2]!.toLowerCase() : null;
      let base: BaseImage;
      let parent: Stage | null = null;
      const lower = baseName.toLowerCase();
      const byName = stagesByName.get(lower);
      if (lower === 'scratch') base = { kind: 'scratch' };
      else if (byName) {
        base = { kind: 'stage', stage: byName };
        parent = byName;
      } else base = { kind: 'image', ...parseImageRef(baseName, expanded.unmatched) };
      const stage: Stage = {
        index: stages.length,
        name,
        from: ins,
        baseName,
        base,
        parent,
        instructions: [],
        endVars: EMPTY_VARS,
        endWorkdir: '/',
      };
      if (name !== null) {
        if (stagesByName.has(name)) throw new ModelError(`FROM on line ${ins.line}: duplicate stage name "${name}"`, ins.line, ins.endLine);
        stagesByName.set(name, stage);
      }
      stages.push(stage);
      current = stage;
      vars = parent ? endVarsOf(parent) : EMPTY_VARS;
      workdir = parent ? parent.endWorkdir : '/';
      continue;
    }
    if (!current) {
      if (kw === 'ARG') {
        for (const [k, v] of declareArgs(ins, globalLookup, false)) globalArgs.set(k, v);
        continue;
      }
      throw new ModelError(`${kw} on line ${ins.line} comes before the first FROM (only ARG may)`, ins.line, ins.endLine);
    }
    current.instructions.push({ instruction: ins, stage: current, vars, workdir });
    // only ENV, ARG and WORKDIR read variables here: no lookup closure for the other instructions
    if (kw === 'ENV') {
      const args = vars.args;
      let env: Scope<string> = vars.env;
      // a later pair sees the earlier ones
      const lookup: VarLookup = (name) => env.get(name) ?? args.get(name);
      for (let i = 0; i + 1 < ins.args.length; i += 2) {
        env = env.set(ins.args[i]!, expandWith(lookup, ins.args[i + 1]!, ins).result);
      }
      vars = { env, args };
    } else if (kw === 'ARG') {
      let args = vars.args;
      for (const [k, v] of declareArgs(ins, lookupOf(vars), true)) args = args.set(k, v);
      vars = { env: vars.env, args };
    } else if (kw === 'WORKDIR') {
      workdir = withoutTrailingSlash(resolvePath(workdir, expandWith(lookupOf(vars), ins.args.join(' '), ins).result));
      if (workdir.length > PATH_MAX) {
        throw new ModelError(
          `WORKDIR on line ${ins.line}: the working directory is longer than ${PATH_MAX} characters (Linux's PATH_MAX), so the build cannot create it`,
          ins.line,
          ins.endLine,
        );
      }
    }
  }
  finishStage();
  if (stages.length === 0) {
    throw new ModelError('the Dockerfile has no FROM instruction', 1, 1);
  }

  // ---- queries, precomputed where rules ask often ----
  // Iterative and cached per asked stage only: a 1 MiB file can chain ~50k stages with
  // FROM <previous>, and per-stage cached prefixes would be quadratic (and recursion deep).
  const chains = new Map<Stage, Stage[]>();
  const chainOf = (stage: Stage): Stage[] => {
    let c = chains.get(stage);
    if (!c) {
      c = [];
      for (let s: Stage | null = stage; s; s = s.parent) c.push(s);
      c.reverse();
      chains.set(stage, c);
    }
    return c;
  };
  // parents always come earlier in the file, so one pass finds every stage's root
  const rootStage = new Map<Stage, Stage>();
  for (const s of stages) rootStage.set(s, s.parent ? rootStage.get(s.parent)! : s);
  const chainInstructionsCache = new Map<Stage, StageInstruction[]>();
  const chainInstructions = (stage: Stage): StageInstruction[] => {
    let c = chainInstructionsCache.get(stage);
    if (!c) {
      c = [];
      for (const s of chainOf(stage)) for (const si of s.instructions) c.push(si);
      chainInstructionsCache.set(stage, c);
    }
    return c;
  };
  const stageByRef = (ref: string): Stage | null => {
    const lower = ref.toLowerCase();
    const s = stagesByName.get(lower);
    if (s) return s;
    if (/^\d+$/.test(ref)) return stages[Number(ref)] ?? null;
    return null;
  };
  const expandAt = (at: StageInstruction, word: string): string => expandWith(lookupOf(at.vars), word, at.instruction).result;

  const allCopies: CopyOp[] = [];
  const mounts = new Map<StageInstruction, RunMount[]>();
  for (const stage of stages) {
    for (const at of stage.instructions) {
      const ins = at.instruction;
      if (EXPANDED_BY_BUILDKIT.has(ins.keyword)) {
        // BuildKit expands these when it builds the stage: a bad substitution fails the build
        const lookup = lookupOf(at.vars);
        for (const word of ins.keyword === 'USER' ? [ins.args.join(' ')] : ins.args) expandWith(lookup, word, ins);
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        let words = ins.args;
        if (!ins.json) {
          const lookup = lookupOf(at.vars);
          words = ins.args.map((w) => expandWith(lookup, w, ins).result);
        }
        if (words.length < 2) continue;
        const heredocNames = ins.heredocs.length === 0 ? null : new Set(ins.heredocs.map((h) => h.name));
        const sources: string[] = [];
        const heredocSources: string[] = [];
        for (const w of words.slice(0, -1)) {
          const m = heredocNames && !ins.json ? HEREDOC_WORD.exec(w) : null;
          if (m && heredocNames!.has(m[1]!)) {
            sources.push(m[1]!);
            heredocSources.push(m[1]!);
          } else sources.push(w);
        }
        let fromFlag: Instruction['flags'][number] | undefined;
        for (const f of ins.flags) if (f.name === 'from') fromFlag = f;
        let from: CopyOp['from'] = null;
        if (fromFlag && fromFlag.value !== null && ins.keyword === 'COPY') {
          const name = expandAt(at, fromFlag.value);
          const s = stageByRef(name);
          from = s && s.index < stage.index ? { kind: 'stage', stage: s } : { kind: 'image', name };
        }
        allCopies.push({ at, keyword: ins.keyword, sources, heredocSources, dest: resolvePath(at.workdir, words[words.length - 1]!), from });
      } else if (ins.keyword === 'RUN') {
        const ms: RunMount[] = [];
        for (const f of ins.flags) {
          if (f.name !== 'mount' || f.value === null) continue;
          const options = new Map<string, string>();
          for (const part of f.value.split(',')) {
            const eq = part.indexOf('=');
            const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
            const v = eq < 0 ? 'true' : part.slice(eq + 1).trim().replace(/^["']|["']$/g, '');
            options.set(k === 'destination' || k === 'dst' ? 'target' : k === 'src' ? 'source' : k, v);
          }
          ms.push({ type: (options.get('type') ?? 'bind').toLowerCase(), options });
        }
        mounts.set(at, ms);
      }
    }
  }

  const copiesIntoCache = new Map<Stage, CopyOp[]>();
  const copyByInstruction = new Map<StageInstruction, CopyOp>();
  for (const c of allCopies) copyByInstruction.set(c.at, c);
  // cheap text prefilters: most RUNs mention neither go nor apk, and shell analysis is the costly part
  const runTextCache = new Map<StageInstruction, string>();
  const runText = (at: StageInstruction): string => {
    let t = runTextCache.get(at);
    if (t === undefined) {
      const ins = at.instruction;
      t = ins.keyword !== 'RUN' ? '' : ins.heredocs.length === 0 ? ins.args.join(' ') : ins.args.join(' ') + '\n' + ins.heredocs.map((h) => h.content).join('\n');
      runTextCache.set(at, t);
    }
    return t;
  };
  const commandsCache = new Map<StageInstruction, SimpleCommand[]>();
  const shellOptions = { budget };
  const commandsOf = (at: StageInstruction): SimpleCommand[] => {
    let c = commandsCache.get(at);
    if (c) return c;
    c = [];
    const ins = at.instruction;
    if (ins.keyword === 'RUN') {
      const lookup = lookupOf(at.vars);
      try {
        if (ins.json) {
          const a = ins.args;
          if (a.length >= 3 && SHELLS.test(a[0]!) && a[1] === '-c') c = parseShell(a[2]!, lookup, shellOptions);
          else if (a.length > 0) c = [{ words: [...a], assignments: new Map(), exported: EMPTY_ENV }];
        } else {
          const cmd = ins.args.join(' ');
          c = withNestedShells(parseShell(cmd, lookup, shellOptions), lookup, budget, 0);
          if (ins.heredocs.length > 0) {
            const first = firstWord(cmd);
            if (first.startsWith('<<') || /^\d<</.test(first) || SHELLS.test(first)) {
              for (const h of ins.heredocs) c = c.concat(withNestedShells(parseShell(h.content, lookup, shellOptions), lookup, budget, 0));
            }
          }
        }
      } catch (e) {
        throw asModelError(e, ins);
      }
    }
    commandsCache.set(at, c);
    return c;
  };

  // stages whose files reach the final image: its chain, and what they copy or mount from
  const finalStage = stages[stages.length - 1]!;
  const copiesByStage = new Map<Stage, CopyOp[]>();
  for (const cp of allCopies) {
    const list = copiesByStage.get(cp.at.stage) ?? [];
    list.push(cp);
    copiesByStage.set(cp.at.stage, list);
  }
  const shipped = new Set<Stage>();
  const queue: Stage[] = [finalStage];
  while (queue.length > 0) {
    const s = queue.pop()!;
    if (shipped.has(s)) continue;
    shipped.add(s);
    if (s.parent) queue.push(s.parent);
    for (const cp of copiesByStage.get(s) ?? []) if (cp.from?.kind === 'stage') queue.push(cp.from.stage);
    for (const at of s.instructions) {
      for (const m of mounts.get(at) ?? []) {
        const from = m.options.get('from');
        const ref = from !== undefined ? stageByRef(from) : null;
        if (ref && ref.index < s.index) queue.push(ref);
      }
    }
  }

  // go build/install commands, with `go env -w` settings carried through stage chains
  const goEnvAtEnd = new Map<Stage, Map<string, string>>();
  const goBuilds: GoBuild[] = [];
  for (const stage of stages) {
    // shared with the parent until a `go env -w` changes it (copy-on-write)
    let goEnv: Map<string, string> = (stage.parent && goEnvAtEnd.get(stage.parent)) || EMPTY_GO_ENV;
    for (const at of stage.instructions) {
      if (at.instruction.keyword !== 'RUN') continue;
      const text = runText(at);
      // includes() first: a plain substring search is far cheaper than the regex
      if (!text.includes('go') || !MENTIONS_GO.test(text)) continue;
      const lookup = lookupOf(at.vars);
      for (const cmd of commandsOf(at)) {
        const w = cmd.words;
        if (w.length < 2 || !GO_COMMAND.test(w[0]!)) continue;
        let i = 1;
        if (w[i] === '-C') i += 2;
        const sub = w[i];
        if (sub === 'env' && w[i + 1] === '-w') {
          goEnv = new Map(goEnv);
          for (const kv of w.slice(i + 2)) {
            const eq = kv.indexOf('=');
            if (eq > 0) goEnv.set(kv.slice(0, eq), kv.slice(eq + 1));
          }
          continue;
        }
        if ((sub !== 'build' && sub !== 'install') || !shipped.has(stage)) continue;
        const args = w.slice(i + 1);
        const fileEnv = goEnv;
        const env = (n: string) => cmd.assignments.get(n) ?? cmd.exported.get(n) ?? lookup(n) ?? fileEnv.get(n);
        const cli = parseGoFlags(args, true).flags;
        const goflags = parseGoFlags((env('GOFLAGS') ?? '').split(/\s+/).filter(Boolean), false).flags;
        const ld = cli.get('ldflags') ?? goflags.get('ldflags');
        const tags = cli.get('tags') ?? goflags.get('tags');
        goBuilds.push({
          at,
          subcommand: sub,
          args,
          env,
          ldflags: ld === undefined ? null : ld === true ? '' : ld,
          trimpath: flagIsTrue(cli.get('trimpath')) ?? flagIsTrue(goflags.get('trimpath')) ?? false,
          tags: typeof tags === 'string' ? tags.split(/[,\s]+/).filter(Boolean) : [],
        });
      }
    }
    goEnvAtEnd.set(stage, goEnv);
  }
  const buildStages = [...new Set(goBuilds.map((b) => b.at.stage))];

  return {
    parsed,
    globalArgs,
    stages,
    finalStage,
    stageByRef,
    ancestorsOf: (stage) => chainOf(stage).slice(0, -1),
    chainOf,
    chainInstructions,
    rootStage: (stage) => rootStage.get(stage)!,
    rootBase: (stage) => {
      const root = rootStage.get(stage)!;
      return root.base.kind === 'stage' ? { kind: 'scratch' } : root.base;
    },
    envAt: (at) => lookupOf(at.vars),
    expandAt,
    effectiveUser: (stage) => {
      const at = lastInChain(chainInstructions(stage), 'USER');
      if (!at) return null;
      const value = expandAt(at, at.instruction.args.join(' ')).trim();
      const colon = value.indexOf(':');
      return colon < 0 ? { user: value, group: null, at } : { user: value.slice(0, colon), group: value.slice(colon + 1), at };
    },
    lastInChain: (stage, keyword) => lastInChain(chainInstructions(stage), keyword),
    copiesInto: (stage) => {
      let c = copiesIntoCache.get(stage);
      if (!c) {
        c = [];
        for (const s of chainOf(stage)) c.push(...(copiesByStage.get(s) ?? []));
        copiesIntoCache.set(stage, c);
      }
      return c;
    },
    allCopies,
    copyAt: (at) => copyByInstruction.get(at) ?? null,
    commandsOf,
    runText,
    mountsOf: (at) => mounts.get(at) ?? [],
    shippedStages: shipped,
    goBuilds,
    buildStages,
  };
}

/** The first blank-separated word of a command line (without splitting the whole line). */
function firstWord(cmd: string): string {
  const m = /^\s*(\S*)/.exec(cmd);
  return m ? m[1]! : '';
}

function lastInChain(instructions: StageInstruction[], keyword: string): StageInstruction | null {
  for (let i = instructions.length - 1; i >= 0; i--) {
    if (instructions[i]!.instruction.keyword === keyword) return instructions[i]!;
  }
  return null;
}
