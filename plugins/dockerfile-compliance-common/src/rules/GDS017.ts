import type { Instruction } from '../parser/types';
import type { Rule, RawFinding } from './rule';
import { at } from './util';

/** BuildKit's SecretsUsedInArgOrEnv tokens (dockerfile2llb/validations.go), matched as `_`-separated words. */
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
/** ... and its allow list: PUBLIC_KEY, *_FILE paths, *_VERSION. */
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

/** @public */
export function isSecretName(name: string): boolean {
  return SECRET.test(name) && !ALLOWED.test(name);
}

/** A value is literal unless it is only references to other variables (`$X`, `${X}`). */
export function isLiteralValue(raw: string): boolean {
  const v = raw.replace(/^(["'])(.*)\1$/s, '$2').trim();
  if (v === '') return false;
  return v.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '').trim() !== '';
}

/** Calls `visit` with each secret-looking `name`/`value` of an ENV or ARG whose value is literal, as parsed. */
function forEachSecretAssignment(ins: Instruction, visit: (name: string, value: string) => void): void {
  const args = ins.args;
  if (ins.keyword === 'ENV') {
    for (let i = 0; i + 1 < args.length; i += 2) if (isSecretName(args[i]!) && isLiteralValue(args[i + 1]!)) visit(args[i]!, args[i + 1]!);
    return;
  }
  for (const w of args) {
    const eq = w.indexOf('=');
    if (eq < 0) continue;
    const name = w.slice(0, eq);
    const value = w.slice(eq + 1);
    if (isSecretName(name) && isLiteralValue(value)) visit(name, value);
  }
}

/**
 * The secret-looking assignments of an ENV or ARG with a literal value: `[name, value]` as
 * parsed (what GDS017 reports, and what the fixer moves out).
 *
 * @public
 */
export function secretAssignments(ins: Instruction): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  forEachSecretAssignment(ins, (name, value) => out.push([name, value]));
  return out;
}

/** The findings of one ENV or ARG (no list of pairs: most have none). */
function check(ins: Instruction, out: RawFinding[]): void {
  forEachSecretAssignment(ins, (name) =>
    out.push(
      at(
        ins,
        `${ins.keyword} ${name} on line ${ins.line} has a literal value: it is stored in the image (history/config) for anyone who can pull it.`,
        'Pass secrets at build time with `RUN --mount=type=secret,id=...` and at run time from the environment or a mounted file (`*_FILE`).',
      ),
    ),
  );
}

export const GDS017: Rule = {
  id: 'GDS017',
  title: 'No secret-looking ENV/ARG with a literal value',
  defaultSeverity: 'error',
  rationale: 'ENV and ARG values are recorded in the image config and history: a password or token written there leaks to everyone who can pull the image.',
  fixHint: 'Use build secrets (`RUN --mount=type=secret`) and runtime configuration; `*_FILE` paths are fine.',
  docsPath: 'docs/rules/GDS017.md',
  related: { hadolint: ['DL3064'], trivy: ['DS-0031'], checkov: [], buildkit: ['SecretsUsedInArgOrEnv'] },
  check(model) {
    const out: RawFinding[] = [];
    for (const ins of model.parsed.instructions) {
      if (ins.keyword === 'ENV' || ins.keyword === 'ARG') check(ins, out);
    }
    return out;
  },
};
