/**
 * Pinning a golang build image to the policy's exact Go (and Alpine) release, on the FROM
 * line itself: fixes a floating or missing tag (GDS002) and a Go or Alpine older than the
 * policy (GDS003) together. Other images are left for a human: their exact release cannot be
 * known without asking the registry.
 */
import { parseGoVersion, parseGolangTag, type Instruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { bare, type LineEdit } from './lineEdits';
import type { FixProposal, InPlaceFix } from './types';

export const pinnedGolang: InPlaceFix = {
  ruleIds: ['GDS002', 'GDS003'],
  propose({ model, lines, policy, findings, goVersion }): FixProposal {
    if ('refused' in goVersion) return { unfixed: goVersion.refused };
    const go = goVersion.version;
    const edits: LineEdit[] = [];
    const left: string[] = [];
    const stagesByFromLine = new Map(model.stages.map((s) => [s.from.line, s]));
    let argDeclarations: Map<string, Instruction[]> | undefined;
    for (const line of new Set(findings.map((f) => f.line))) {
      const why = pinOne(line);
      if (why !== null) left.push(why);
    }
    if (edits.length === 0) return { unfixed: left.join('; ') };
    return { edits, what: `golang build images pinned to ${go}`, ...(left.length > 0 ? { left: left.join('; ') } : {}) };

    function pinOne(line: number): string | null {
      const stage = stagesByFromLine.get(line);
      if (!stage || stage.base.kind !== 'image') return `line ${line} is not a FROM of an external image`;
      const base = stage.base;
      const word = stage.from.args[0] ?? '';
      if (base.repository !== 'golang') return `${base.repository} has no exact release the fixer can know without the registry; pin it by hand`;
      if (word.includes('$')) return pinArgDefault(line, word, base.tag);
      if (base.digest !== null) return `the image on line ${line} is pinned by digest`;
      if (policy.requireDigest) return 'the policy requires digests, which the fixer cannot look up';
      const variant = base.tag === null ? null : (parseGolangTag(base.tag)?.variant ?? null);
      const tag = `${go}${variant === 'alpine' ? `-alpine${policy.alpineVersion}` : variant ? `-${variant}` : ''}`;
      const slash = word.lastIndexOf('/');
      const colon = word.lastIndexOf(':');
      const name = colon > slash ? word.slice(0, colon) : word;
      const text = bare(lines[line - 1]!);
      const at = text.indexOf(word);
      if (stage.from.endLine !== line || at < 0 || text.indexOf(word, at + 1) >= 0) return `the FROM on line ${line} is not one line naming the image once`;
      edits.push({ line, replace: `${text.slice(0, at)}${name}:${tag}${text.slice(at + word.length)}` });
      return null;
    }

    /** Every ARG instruction by the names it declares, built once for all the FROM lines. */
    function argsDeclaring(): Map<string, Instruction[]> {
      if (argDeclarations) return argDeclarations;
      argDeclarations = new Map();
      for (const i of model.parsed.instructions) {
        if (i.keyword !== 'ARG') continue;
        for (const a of i.args) {
          const eq = a.indexOf('=');
          const n = eq < 0 ? a : a.slice(0, eq);
          const list = argDeclarations.get(n) ?? [];
          if (list[list.length - 1] !== i) list.push(i);
          argDeclarations.set(n, list);
        }
      }
      return argDeclarations;
    }

    /**
     * `FROM golang:${GO_VERSION}-alpine` with `ARG GO_VERSION=1.22` before the first FROM:
     * the default is the version, so the edit is the ARG line (`--build-arg` still overrides).
     */
    function pinArgDefault(line: number, word: string, tag: string | null): string | null {
      const why = `the image on line ${line} comes from a build argument the fixer cannot pin; pin its default by hand`;
      const m = /^[^:$]+:\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?((?:-[a-z][a-z0-9.]*)?)$/.exec(word);
      if (!m || tag === null) return why;
      const name = m[1]!;
      const declarations = argsDeclaring().get(name) ?? [];
      const global = declarations[0];
      const current = model.globalArgs.get(name);
      if (!global || declarations.length !== 1 || global.line !== global.endLine || current === undefined || !parseGoVersion(current)) return why;
      const text = bare(lines[global.line - 1]!);
      const assignment = `${name}=${current}`;
      const at = text.indexOf(assignment);
      if (at < 0 || text.indexOf(assignment, at + 1) >= 0) return why;
      edits.push({ line: global.line, replace: `${text.slice(0, at)}${name}=${go}${text.slice(at + assignment.length)}` });
      return null;
    }
  },
};
