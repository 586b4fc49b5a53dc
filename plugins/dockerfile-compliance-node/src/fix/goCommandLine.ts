/**
 * Reads the command line of one `go build` / `go install` (words already expanded by the
 * model): output path, packages, and which flags the canonical build can carry. Flags that
 * change what is built (cgo-only modes, compiler flags) are refusals; flags the standard
 * replaces (-a, -v, -installsuffix, -s -w, -extldflags) are dropped.
 */
import { splitGoCommandLine, splitQuotedFlags } from '@hardened-go/plugin-dockerfile-compliance-common';
import { refuse } from './refusals';

/** Boolean flags that do not change the program: the canonical build simply omits them. */
const HARMLESS_FLAGS = new Set(['a', 'n', 'v', 'work', 'x', 'trimpath', 'modcacherw', 'buildvcs', 'installsuffix', 'p', 'json']);
/** Flags that need cgo or a non-static binary. */
const CGO_FLAGS = new Set(['race', 'msan', 'asan', 'linkshared']);

/** A word that is still a variable reference after expansion: an ARG without a value. */
export const UNSET_REFERENCE = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;

export interface GoBuildCommandLine {
  /** `-o` value as written (expanded), or null. */
  output: string | null;
  packages: string[];
  /** `-mod=` value when given (vendor matters: it is carried as GOFLAGS). */
  mod: string | null;
  /** Flags dropped because the standard build replaces them (for notes). */
  dropped: string[];
}

export function readGoCommandLine(args: string[]): GoBuildCommandLine {
  const unset = args.find((w) => UNSET_REFERENCE.test(w));
  if (unset !== undefined) {
    refuse('unsupported-build', `go build takes ${unset} from a build argument without a value; the fixer cannot know which flags or packages it adds`);
  }
  const words = splitGoCommandLine(args);
  // a `$(...)` left after expansion is an argument the shell computes
  const result: GoBuildCommandLine = { output: null, packages: [...words.unresolved, ...words.packages], mod: null, dropped: [] };
  for (const { name, value, text, inline } of words.flags) {
    if (CGO_FLAGS.has(name)) refuse('cgo', `go build -${name} needs cgo (or shared linking); a static scratch binary cannot have it`);
    switch (name) {
      case 'o':
        result.output = value;
        break;
      case 'mod':
        result.mod = value;
        break;
      case 'tags':
      case 'ldflags':
        break; // the model gives the effective values (command line over GOFLAGS)
      case 'buildmode':
        if (value !== 'exe' && value !== 'default' && value !== 'pie') {
          refuse('unsupported-build', `go build -buildmode=${value} does not build a service executable`);
        }
        if (value === 'pie') result.dropped.push(text);
        break;
      case 'compiler':
        if (value !== 'gc') refuse('cgo', `go build -compiler=${value} is not the gc toolchain of the golang image`);
        break;
      case 'trimpath':
        break; // the standard build has it too
      default:
        if (HARMLESS_FLAGS.has(name)) result.dropped.push(text);
        else refuse('unsupported-build', `go build flag ${inline || value === null ? text : text.split(' ')[0]} is not carried by the canonical build; fix this file by hand`);
    }
  }
  return result;
}

/** Splits an -ldflags value like the go command does; an unterminated quote is refused. */
export function splitQuoted(value: string): string[] {
  const { words, unterminated } = splitQuotedFlags(value);
  if (unterminated) refuse('unsupported-build', `unterminated quote in -ldflags ${JSON.stringify(value)}`);
  return words;
}

export interface LdflagsX {
  name: string;
  value: string;
}

/**
 * The `-X name=value` pairs of an -ldflags value; `-s`, `-w`, `-extldflags` and
 * `-linkmode=internal` are what the standard replaces. Anything else is refused.
 */
export function readLdflags(ldflags: string): { x: LdflagsX[]; dropped: string[] } {
  const words = splitQuoted(ldflags);
  const x: LdflagsX[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i].replace(/^--/, '-');
    let assignment: string | null = null;
    if (w === '-X') assignment = words[++i] ?? '';
    else if (w.startsWith('-X=')) assignment = w.slice(3);
    if (assignment !== null) {
      const eq = assignment.indexOf('=');
      if (eq <= 0) refuse('unsupported-build', `-ldflags -X ${JSON.stringify(assignment)} is not name=value`);
      const value = assignment.slice(eq + 1);
      if (/\$\(|`/.test(value)) {
        refuse('unsupported-build', `-ldflags -X ${assignment.slice(0, eq)} is computed by a shell command (${value}); set it from a build ARG instead`);
      }
      x.push({ name: assignment.slice(0, eq), value });
      continue;
    }
    if (w === '-s' || w === '-w' || w === '-s=true' || w === '-w=true') continue;
    if (w === '-extldflags') {
      dropped.push(`-extldflags ${words[++i] ?? ''}`);
      continue;
    }
    if (w.startsWith('-extldflags=')) {
      dropped.push(w);
      continue;
    }
    if (w === '-linkmode' || w.startsWith('-linkmode=')) {
      const mode = w === '-linkmode' ? words[++i] : w.slice('-linkmode='.length);
      if (mode === 'external') refuse('cgo', '-ldflags -linkmode=external links with the C toolchain (cgo)');
      dropped.push(`-linkmode=${mode}`);
      continue;
    }
    if (/\$\(|`/.test(w)) refuse('unsupported-build', `-ldflags contains a shell command (${w}); the canonical build cannot run it`);
    refuse('unsupported-build', `-ldflags ${w} is not carried by the canonical build (only -X name=value is)`);
  }
  return { x, dropped };
}
