/**
 * Pinning a golang build image to the policy's exact Go (and Alpine) release, on the FROM
 * line itself: fixes a floating or missing tag (GDS002) and a Go or Alpine older than the
 * policy (GDS003) together. Other images are left for a human: their exact release cannot be
 * known without asking the registry.
 */
import { compareVersions, parseGoVersion, parseGolangTag, policyDigestOf, type Instruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { bare, type LineEdit } from './lineEdits';
import type { FixProposal, InPlaceFix } from './types';

export const pinnedGolang: InPlaceFix = {
  ruleIds: ['GDS002', 'GDS003', 'GDS018'],
  propose({ model, lines, policy, findings, goVersion }): FixProposal {
    if ('refused' in goVersion) return { unfixed: goVersion.refused };
    const go = goVersion.version;
    const edits: LineEdit[] = [];
    const left = new Map<number, string>();
    const stagesByFromLine = new Map(model.stages.map((s) => [s.from.line, s]));
    let argDeclarations: Map<string, Instruction[]> | undefined;
    for (const line of new Set(findings.map((f) => f.line))) {
      const why = pinOne(line);
      if (why !== null) left.set(line, why);
    }
    if (edits.length === 0) return { unfixed: left };
    return { edits, what: `golang build images pinned to ${go}`, ...(left.size > 0 ? { left } : {}) };

    function pinOne(line: number): string | null {
      const stage = stagesByFromLine.get(line);
      if (!stage || stage.base.kind !== 'image') return `line ${line} is not a FROM of an external image`;
      const base = stage.base;
      const word = stage.from.args[0] ?? '';
      if (base.repository !== 'golang') return `${base.repository} has no exact release the fixer can know without the registry; pin it by hand`;
      if (word.includes('$')) return pinArgDefault(word, base.tag);
      if (base.digest !== null) return `the image on line ${line} is pinned by digest`;
      const tag = pinnedTag(base.tag);
      const digest = policyDigestOf(policy, `golang:${tag}`);
      if (policy.requireDigest && digest === undefined) return `the policy requires digests and lists none for golang:${tag} in hardenedGo.standard.imageDigests`;
      const newer = newerThanPolicy(base.tag);
      if (newer) return newer;
      const name = imageName(word);
      const text = bare(lines[line - 1]!);
      const at = text.indexOf(word);
      if (stage.from.endLine !== line || at < 0 || text.indexOf(word, at + 1) >= 0) return `the FROM on line ${line} is not one line naming the image once`;
      edits.push({ line, replace: `${text.slice(0, at)}${name}:${tag}${digest === undefined ? '' : `@${digest}`}${text.slice(at + word.length)}` });
      return null;
    }

    /** The policy's exact tag in the tag's variant: `1.26.8-alpine3.23`, `1.26.8-bookworm`, `1.26.8`. */
    function pinnedTag(tag: string | null): string {
      const variant = tag === null ? null : (parseGolangTag(tag)?.variant ?? null);
      return `${go}${variant === 'alpine' ? `-alpine${policy.alpineVersion}` : variant ? `-${variant}` : ''}`;
    }

    /** Why pinning `tag` to the policy's Go would downgrade it, or null. */
    function newerThanPolicy(tag: string | null): string | null {
      const v = tag === null ? null : (parseGolangTag(tag)?.go ?? null);
      if (v === null || compareVersions(go.split('.').slice(0, v.split('.').length).join('.'), v) >= 0) return null;
      return `golang ${v} is newer than the policy's Go ${go}; pinning would downgrade it, so pin its exact release by hand`;
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
     * `FROM golang:${GO_VERSION}-alpine${ALPINE_VERSION}` with `ARG GO_VERSION=1.26` before the
     * first FROM, or `FROM ${BUILDER_IMAGE}` with `ARG BUILDER_IMAGE=golang:alpine`: the default
     * is what is built, so the edit is the ARG line (`--build-arg` still overrides).
     */
    function pinArgDefault(word: string, tag: string | null): string | null {
      const why = 'the image comes from a build argument whose default the fixer cannot pin (not one ARG before the first FROM with a Go version or golang image as its default); pin it by hand';
      const whole = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word);
      const version = /^[^:$]+:\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?(?:-[a-z][a-z0-9.]*|-[a-z]+\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)?$/.exec(word);
      const name = (whole ?? version)?.[1];
      if (name === undefined || tag === null) return why;
      const declarations = argsDeclaring().get(name) ?? [];
      const global = declarations[0];
      const current = model.globalArgs.get(name);
      if (!global || declarations.length !== 1 || global.line !== global.endLine || current === undefined) return why;
      let pinned: string;
      if (whole) {
        const colon = current.lastIndexOf(':');
        if (current.includes('@') || current.includes('$') || !/^(?:(?:docker\.io\/)?library\/)?golang(?::|$)/.test(current)) return why;
        const pinnedImageTag = pinnedTag(colon > current.lastIndexOf('/') ? current.slice(colon + 1) : null);
        const digest = policyDigestOf(policy, `golang:${pinnedImageTag}`);
        if (policy.requireDigest && digest === undefined) return `the policy requires digests and lists none for golang:${pinnedImageTag} in hardenedGo.standard.imageDigests`;
        pinned = `${imageName(current)}:${pinnedImageTag}${digest === undefined ? '' : `@${digest}`}`;
      } else {
        if (policy.requireDigest) return 'the policy requires digests and the image is built from a version argument, which cannot carry one; pin it by hand';
        if (!parseGoVersion(current)) return why;
        pinned = go;
      }
      const newer = newerThanPolicy(tag);
      if (newer) return newer;
      const text = bare(lines[global.line - 1]!);
      for (const quote of ['', '"']) {
        const assignment = `${name}=${quote}${current}${quote}`;
        const at = text.indexOf(assignment);
        if (at < 0 || text.indexOf(assignment, at + 1) >= 0) continue;
        edits.push({ line: global.line, replace: `${text.slice(0, at)}${name}=${quote}${pinned}${quote}${text.slice(at + assignment.length)}` });
        return null;
      }
      return why;
    }
  },
};

/** The image without its tag: `golang`, `docker.io/library/golang`. */
function imageName(ref: string): string {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(0, colon) : ref;
}
