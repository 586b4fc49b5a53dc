/** What every extraction step shares: the model, policy and context, the notes, and how to name places and values. */
import type { DockerfileModel, Instruction, Policy, SimpleCommand, StageInstruction, Vars } from '@hardened-go/plugin-dockerfile-compliance-common';
import { dockerWord } from './quoting';
import type { KeptArg } from './serviceSpec';
import type { HardenContext } from './types';

export interface Scope {
  model: DockerfileModel;
  policy: Policy;
  context: HardenContext;
  /** What the rewrite dropped or changed on purpose, in the order it was found. */
  notes: string[];
}

/** Where an instruction is, for notes and refusals. */
export function at(si: StageInstruction): string {
  return `line ${si.instruction.line}`;
}

/** A command, shortened for a message. */
export function excerpt(cmd: SimpleCommand): string {
  const text = cmd.words.join(' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The ARG `name` as the rewrite declares it: its default (as a Dockerfile word) where one is set. */
export function keptArg(vars: Vars, name: string): KeptArg {
  const def = vars.args.get(name);
  return { name, default: def === undefined || def === '' ? undefined : dockerWord(def) };
}

/** Variable references in a raw value that are ARGs visible at the instruction. */
export function argRefs(si: StageInstruction, raw: string): KeptArg[] {
  const out: KeptArg[] = [];
  for (const m of raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const name = m[1];
    if (!si.vars.args.has(name) || out.some((a) => a.name === name)) continue;
    out.push(keptArg(si.vars, name));
  }
  return out;
}

/** The key/value pairs of an ENV or LABEL. */
export function pairsOf(instruction: Instruction): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < instruction.args.length; i += 2) out.push([instruction.args[i], instruction.args[i + 1]]);
  return out;
}
