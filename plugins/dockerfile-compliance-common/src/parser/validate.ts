/**
 * The checks of BuildKit's instructions layer (frontend/dockerfile/instructions/parse.go,
 * bflag.go, commands_run*.go): what `docker build` rejects before it runs anything,
 * although the parser accepted the line. Unknown keywords, unknown or repeated flags,
 * flags without values, wrong argument counts, invalid stage names, bad HEALTHCHECK
 * options, malformed --mount/--device values, instructions before the first FROM.
 * BuildKit stops at the first failing instruction; we report every failing instruction.
 */
import type { Instruction, ParseError } from './types';
import type { LineNode } from './lineParsers';
import { csvFields } from './csvFields';
import { goToLower, goEqualFoldAscii, goTrimSpace, parseGoBool } from './goText';
import { parseHeredocWord } from './heredoc';

type FlagKind = 'bool' | 'string' | 'strings';
type FlagDefs = Readonly<Record<string, FlagKind>>;

/** Parsed flag values: bool/string flags hold one value, strings flags every value. */
type FlagValues = Map<string, string[]>;

const NO_FLAGS: FlagDefs = {};
const COPY_FLAGS: FlagDefs = { chown: 'string', from: 'string', chmod: 'string', link: 'bool', exclude: 'strings', parents: 'bool' };
const ADD_FLAGS: FlagDefs = {
  chown: 'string',
  chmod: 'string',
  link: 'bool',
  'keep-git-dir': 'bool',
  checksum: 'string',
  unpack: 'bool',
  exclude: 'strings',
};
const RUN_FLAGS: FlagDefs = { device: 'strings', mount: 'strings', network: 'string', security: 'string' };
const FROM_FLAGS: FlagDefs = { platform: 'string' };
const HEALTHCHECK_FLAGS: FlagDefs = {
  interval: 'string',
  timeout: 'string',
  'start-period': 'string',
  'start-interval': 'string',
  retries: 'string',
};

/** BFlags.Parse: every flag must be defined for the instruction, with a valid value. */
const EMPTY_VALUES: FlagValues = new Map();

function parseFlags(words: string[], defs: FlagDefs): FlagValues | string {
  if (words.length === 0) return EMPTY_VALUES;
  const values: FlagValues = new Map();
  for (const a of words) {
    if (a === '--') return values;
    if (!a.startsWith('--')) return `arg should start with -- : ${a}`;
    const eq = a.indexOf('=');
    const flagName = eq < 0 ? a : a.slice(0, eq);
    const hasValue = eq >= 0;
    const value = hasValue ? a.slice(eq + 1) : '';
    const name = flagName.slice(2);
    const kind = Object.prototype.hasOwnProperty.call(defs, name) ? defs[name] : undefined;
    if (kind === undefined) return `unknown flag: ${flagName}`;
    const seen = values.get(name);
    if (seen && kind !== 'strings') return `duplicate flag specified: ${flagName}`;
    switch (kind) {
      case 'bool': {
        if (hasValue && value === '') return `missing a value on flag: ${flagName}`;
        const v = value.toLowerCase();
        if (v !== 'true' && v !== '' && v !== 'false') return `expecting boolean value for flag ${flagName}, not: ${value}`;
        values.set(name, [v === 'false' ? 'false' : 'true']);
        break;
      }
      case 'string':
        if (!hasValue) return `missing a value on flag: ${flagName}`;
        values.set(name, [value]);
        break;
      case 'strings':
        if (!hasValue) return `missing a value on flag: ${flagName}`;
        if (seen) seen.push(value);
        else values.set(name, [value]);
        break;
    }
  }
  return values;
}

/** The error of BFlags.Parse for these flags, or null. */
function flagError(flags: string[], defs: FlagDefs): string | null {
  if (flags.length === 0) return null;
  const r = parseFlags(flags, defs);
  return typeof r === 'string' ? r : null;
}

/** The error BuildKit's instructions layer gives for one instruction, or null. */
export function instructionError(ins: Instruction, node: LineNode): string | null {
  const args = ins.args;
  const flags = node.flags;
  switch (node.known) {
    case 'env':
    case 'label': {
      const f = flagError(flags, NO_FLAGS);
      if (f) return f;
      if (args.length === 0) return `${ins.keyword} requires at least one argument`;
      for (let i = 0; i < args.length; i += 2) if (args[i] === '') return `${ins.keyword} names can not be blank`;
      return null;
    }
    case 'maintainer':
    case 'workdir':
    case 'user':
      if (args.length !== 1) return `${ins.keyword} requires exactly one argument`;
      return flagError(flags, NO_FLAGS);
    case 'add':
    case 'copy': {
      if (args.length < 2) {
        return `${ins.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`;
      }
      const f = flagError(flags, node.known === 'add' ? ADD_FLAGS : COPY_FLAGS);
      if (f) return f;
      const dest = parseHeredocWord(args[args.length - 1]);
      if (dest !== null && !('error' in dest)) return `${ins.keyword} cannot accept a heredoc as a destination`;
      return null;
    }
    case 'from': {
      if (args.length === 3 && goEqualFoldAscii(args[1], 'as')) {
        if (!isValidStageName(goToLower(args[2]))) {
          return `invalid name for build stage: ${JSON.stringify(args[2])}, name can't start with a number or contain symbols`;
        }
      } else if (args.length !== 1) {
        return 'FROM requires either one or three arguments';
      }
      return flagError(flags, FROM_FLAGS);
    }
    case 'onbuild': {
      if (args.length === 0) return 'ONBUILD requires at least one argument';
      const f = flagError(flags, NO_FLAGS);
      if (f) return f;
      const trigger = goTrimSpace(args[0]).toUpperCase();
      if (trigger === 'ONBUILD') return 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed';
      if (trigger === 'MAINTAINER' || trigger === 'FROM') return `${trigger} isn't allowed as an ONBUILD trigger`;
      return null;
    }
    case 'run':
      return runError(flags);
    case 'cmd':
    case 'entrypoint':
      return flagError(flags, NO_FLAGS);
    case 'healthcheck':
      return healthcheckError(ins, flags);
    case 'expose':
      if (args.length === 0) return 'EXPOSE requires at least one argument';
      return flagError(flags, NO_FLAGS);
    case 'volume': {
      if (args.length === 0) return 'VOLUME requires at least one argument';
      const f = flagError(flags, NO_FLAGS);
      if (f) return f;
      if (args.some((v) => goTrimSpace(v) === '')) return 'VOLUME specified can not be an empty string';
      return null;
    }
    case 'stopsignal':
      // flags are not parsed for STOPSIGNAL
      return args.length !== 1 ? 'STOPSIGNAL requires exactly one argument' : null;
    case 'arg':
      // flags are not parsed for ARG
      if (args.length < 1) return 'ARG requires at least one argument';
      for (const a of args) if (a.startsWith('=')) return 'ARG names can not be blank';
      return null;
    case 'shell': {
      const f = flagError(flags, NO_FLAGS);
      if (f) return f;
      if (args.length === 0) return 'SHELL requires at least one argument';
      if (!ins.json) return 'SHELL requires the arguments to be in JSON form';
      return null;
    }
    case null:
      return `unknown instruction: ${node.cmd}`;
  }
}

/** ^[a-z][a-z0-9-_.]*$ */
function isValidStageName(name: string): boolean {
  if (name.length === 0) return false;
  const c0 = name.charCodeAt(0);
  if (c0 < 0x61 || c0 > 0x7a) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e;
    if (!ok) return false;
  }
  return true;
}

function runError(flags: string[]): string | null {
  // most RUNs have no flags: the defaults below are valid (network default, security sandbox)
  if (flags.length === 0) return null;
  const values = parseFlags(flags, RUN_FLAGS);
  if (typeof values === 'string') return values;
  for (const d of values.get('device') ?? []) {
    const e = deviceError(d);
    if (e) return e;
  }
  for (const m of values.get('mount') ?? []) {
    const e = mountError(m);
    if (e) return e;
  }
  const network = values.get('network')?.[0] ?? 'default';
  if (network !== 'default' && network !== 'none' && network !== 'host') return `invalid network mode ${JSON.stringify(network)}`;
  const security = values.get('security')?.[0] ?? 'sandbox';
  if (security !== 'insecure' && security !== 'sandbox') return `security ${JSON.stringify(security)} is not valid`;
  return null;
}

/**
 * parseMount without an expander (what the instructions layer runs): only the CSV syntax
 * and `from=` with a variable are checked; the other keys are checked at build time.
 */
function mountError(value: string): string | null {
  const fields = csvFields(value);
  if (fields === null) return `failed to parse csv mounts: ${JSON.stringify(value)}`;
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq < 0) continue;
    if (goToLower(field.slice(0, eq)) !== 'from') continue;
    const v = field.slice(eq + 1);
    const idx = v.indexOf('$');
    if (idx !== -1 && idx !== v.length - 1) return "'from' doesn't support variable expansion, define alias stage instead";
  }
  return null;
}

/** ParseDevice. */
function deviceError(value: string): string | null {
  const fields = csvFields(value);
  if (fields === null) return `failed to parse csv devices: ${JSON.stringify(value)}`;
  let name = '';
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = goToLower(eq < 0 ? field : field.slice(0, eq));
    if (eq < 0) {
      if (key === 'required') continue;
      if (name === '') {
        name = field;
        continue;
      }
      return `invalid field '${field}' must be a key=value pair`;
    }
    const v = field.slice(eq + 1);
    if (key === 'name') {
      if (name !== '') return `device name already set to ${name}`;
      name = v;
    } else if (key === 'required') {
      if (parseGoBool(v) === null) return `invalid value for ${key}: ${v}`;
    } else if (name === '') {
      name = field;
    } else {
      return `unexpected key '${key}' in '${field}'`;
    }
  }
  return null;
}


function healthcheckError(ins: Instruction, flags: string[]): string | null {
  const args = ins.args;
  if (args.length === 0) return 'HEALTHCHECK requires at least one argument';
  const typ = args[0].toUpperCase();
  if (typ === 'NONE') {
    // flags are not parsed for HEALTHCHECK NONE
    return args.length !== 1 ? 'HEALTHCHECK NONE takes no arguments' : null;
  }
  const values = parseFlags(flags, HEALTHCHECK_FLAGS);
  if (typeof values === 'string') return values;
  if (typ !== 'CMD') return `Unknown type ${JSON.stringify(typ)} in HEALTHCHECK (try CMD)`;
  if (args.length < 2) return 'Missing command after HEALTHCHECK CMD';
  for (const name of ['interval', 'timeout', 'start-period', 'start-interval']) {
    const v = values.get(name)?.[0] ?? '';
    if (v === '') continue;
    const d = parseGoDuration(v);
    if (d === null) return `time: invalid duration ${JSON.stringify(v)}`;
    if (d !== 0n && d < 1_000_000n) return `Interval ${JSON.stringify(name)} cannot be less than 1ms`;
  }
  const retries = values.get('retries')?.[0] ?? '';
  if (retries !== '') {
    const r = parseGoInt32(retries);
    if (r === null) return `strconv.ParseInt: parsing ${JSON.stringify(retries)}: invalid syntax`;
    if (r < 0) return `--retries cannot be negative (${r})`;
  }
  return null;
}

/** strconv.ParseInt(s, 10, 32). */
function parseGoInt32(s: string): number | null {
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i = 1;
  if (i === s.length) return null;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 0x30 || c > 0x39) return null;
  }
  const n = Number(BigInt(s));
  return n < -2147483648 || n > 2147483647 ? null : n;
}

const MAX_U63 = 1n << 63n;
const DURATION_UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n,
  '\u03bcs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.ParseDuration, in nanoseconds; null when Go rejects it. */
export function parseGoDuration(input: string): bigint | null {
  let s = input;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return null;
  let d = 0n;
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return null;
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      if (v > MAX_U63 / 10n) return null;
      v = v * 10n + BigInt(s.charCodeAt(i) - 0x30);
      if (v > MAX_U63) return null;
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          if (f > (MAX_U63 - 1n) / 10n) overflow = true;
          else {
            const y = f * 10n + BigInt(s.charCodeAt(j) - 0x30);
            if (y > MAX_U63) overflow = true;
            else {
              f = y;
              scale *= 10;
            }
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return null;
    let u = 0;
    while (u < s.length && !(s[u] === '.' || isDigit(s[u]))) u++;
    if (u === 0) return null;
    const unit = DURATION_UNITS[s.slice(0, u)];
    s = s.slice(u);
    if (unit === undefined) return null;
    if (v > MAX_U63 / unit) return null;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX_U63) return null;
    }
    d += v;
    if (d > MAX_U63) return null;
  }
  if (neg) return -d;
  if (d > MAX_U63 - 1n) return null;
  return d;
}

/**
 * Checks instructions one by one as the parser produces them: instructionError, plus
 * BuildKit's "no build stage in current context" for an instruction other than ARG
 * before the first FROM.
 */
export class InstructionChecker {
  private inStage = false;

  check(ins: Instruction, node: LineNode, errors: ParseError[]): void {
    const message = instructionError(ins, node);
    if (message !== null) errors.push({ line: ins.line, endLine: ins.endLine, message });
    // a FROM starts a stage even when it is faulty: no cascade of errors after it
    if (node.known === 'from') this.inStage = true;
    else if (message === null && !this.inStage && node.known !== 'arg') {
      errors.push({ line: ins.line, endLine: ins.endLine, message: 'no build stage in current context' });
    }
  }
}
