/** Fixes in the final stage: a non-root numeric USER (GDS009), exec-form CMD/ENTRYPOINT (GDS014), the CA bundle (GDS012) and time zones (GDS013). */
import { isRootUser, type DockerfileModel, type StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { bare } from './lineEdits';
import type { FixProposal, InPlaceFix } from './types';

export const nonRootUser: InPlaceFix = {
  ruleIds: ['GDS009'],
  propose({ model, lines, policy }): FixProposal {
    const final = model.finalStage;
    const own = final.instructions;
    const user = model.effectiveUser(final);
    const runsAfter = (line: number) => own.some((si) => si.instruction.keyword === 'RUN' && si.instruction.line > line);
    const what = `\`USER ${policy.user}\` in the final stage`;
    if (user && isRootUser(user.user) && user.at.stage === final) {
      const ins = user.at.instruction;
      if (ins.line !== ins.endLine) return { unfixed: `the root USER on line ${ins.line} spans several lines` };
      if (runsAfter(ins.line)) return { unfixed: `RUN steps after USER on line ${ins.line} may need root; set a non-root USER after them by hand` };
      const indent = /^\s*/.exec(lines[ins.line - 1]!)![0];
      return { edits: [{ line: ins.line, replace: `${indent}USER ${policy.user}` }], what: `${what} instead of root` };
    }
    // after the last RUN of the final stage (the steps before it keep running as root), else before it starts
    const lastRun = [...own].reverse().find((si) => si.instruction.keyword === 'RUN');
    const start = own.find((si) => si.instruction.keyword === 'CMD' || si.instruction.keyword === 'ENTRYPOINT');
    let line: number;
    if (lastRun) line = lastRun.instruction.endLine + 1;
    else if (start) line = start.instruction.line;
    else line = (own.length > 0 ? own[own.length - 1]!.instruction.endLine : final.from.endLine) + 1;
    return { edits: [{ line, insertBefore: [`USER ${policy.user}`] }], what };
  },
};

/**
 * Users every common base names in its /etc/passwd, as numbers: `nobody` is 65534 in Alpine,
 * Debian, Ubuntu, BusyBox and distroless (its group `nobody` or Debian's `nogroup`, also 65534).
 */
export const WELL_KNOWN_USERS: ReadonlyMap<string, string> = new Map([
  ['nobody', '65534:65534'],
  ['nobody:nobody', '65534:65534'],
  ['nobody:nogroup', '65534:65534'],
]);

/**
 * A well-known named USER as its numbers (GDS010): scratch has no /etc/passwd to resolve
 * `nobody`, and `65534:65534` is the same identity without one.
 */
export const numericUser: InPlaceFix = {
  ruleIds: ['GDS010'],
  propose({ model, lines }): FixProposal {
    const u = model.effectiveUser(model.finalStage);
    if (!u) return { unfixed: 'no USER to resolve' };
    const ins = u.at.instruction;
    const written = ins.args[0] ?? '';
    const numeric = WELL_KNOWN_USERS.get(written);
    if (!numeric) return { unfixed: `USER ${written} is not a name every base resolves to the same numbers; copy /etc/passwd (and /etc/group) in, or use a numeric USER, by hand` };
    if (ins.line !== ins.endLine) return { unfixed: `the USER on line ${ins.line} spans several lines` };
    const line = bare(lines[ins.line - 1]!);
    const at = line.lastIndexOf(written);
    if (at < 0) return { unfixed: `USER ${written} on line ${ins.line} is written through a variable` };
    return { edits: [{ line: ins.line, replace: `${line.slice(0, at)}${numeric}${line.slice(at + written.length)}` }], what: `USER ${written} as its numbers ${numeric}` };
  },
};

/** Words that mean the same to /bin/sh -c and to exec: no quotes, variables, globs or operators. */
const PLAIN_WORD = /^[A-Za-z0-9_./:=,@%+-]+$/;

function execFormOf(at: StageInstruction, line: string): string | null {
  const ins = at.instruction;
  if (ins.json || ins.line !== ins.endLine || ins.args.length !== 1) return null;
  const words = ins.args[0]!.trim().split(/[ \t]+/);
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w))) return null;
  const keywordAt = line.search(/\S/);
  const keyword = line.slice(keywordAt, keywordAt + ins.keyword.length);
  return `${line.slice(0, keywordAt)}${keyword} [${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

export const execForm: InPlaceFix = {
  ruleIds: ['GDS014'],
  propose({ model, lines, findings }): FixProposal {
    const final = model.finalStage;
    const chain = model.chainInstructions(final);
    const entrypoint = model.lastInChain(final, 'ENTRYPOINT');
    const edits = [];
    for (const f of findings) {
      const at = chain.find((si) => si.instruction.line === f.line && (si.instruction.keyword === 'CMD' || si.instruction.keyword === 'ENTRYPOINT'));
      if (!at || at.stage !== final) return { unfixed: `the command on line ${f.line} is not written in the final stage` };
      // a shell-form ENTRYPOINT ignores CMD; in exec form it would take CMD as arguments
      if (at.instruction.keyword === 'ENTRYPOINT' && model.lastInChain(final, 'CMD')) return { unfixed: 'exec-form ENTRYPOINT would take the CMD as arguments; decide by hand' };
      if (at.instruction.keyword === 'CMD' && entrypoint && !entrypoint.instruction.json) return { unfixed: 'the shell-form ENTRYPOINT decides how CMD runs' };
      const replaced = execFormOf(at, bare(lines[at.instruction.line - 1]!));
      if (replaced === null) return { unfixed: `line ${f.line} uses shell syntax (quotes, variables, operators or globs) that exec form would change` };
      edits.push({ line: at.instruction.line, replace: replaced });
    }
    return { edits, what: 'exec (JSON) form for the start command' };
  },
};

/** The golang stage the first go build runs in, as `COPY --from` names it, or null. */
function golangBuildStage(model: DockerfileModel): string | null {
  const build = model.goBuilds[0]?.at.stage;
  const root = build ? model.rootBase(build) : null;
  if (!build || !root || root.kind !== 'image' || root.repository !== 'golang') return null;
  return build.name ?? String(build.index);
}

/**
 * The CA bundle copied into a scratch final stage from the golang build stage (GDS012): the
 * golang images (Alpine and Debian) carry it at /etc/ssl/certs/ca-certificates.crt.
 */
export const caBundle: InPlaceFix = {
  ruleIds: ['GDS012'],
  propose({ model }): FixProposal {
    const ref = golangBuildStage(model);
    if (ref === null) return { unfixed: 'no golang build stage to take the CA bundle from; copy one in by hand' };
    const from = model.finalStage.from;
    return { edits: [{ line: from.endLine + 1, insertBefore: [`COPY --from=${ref} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`] }], what: 'the CA bundle copied from the build stage' };
  },
};

/**
 * Time-zone data for a scratch final stage (GDS013): Go's own zoneinfo.zip, which every golang
 * image has at $GOROOT/lib/time (no tzdata package needed in the build stage), and ZONEINFO
 * pointing at it, the first place Go's time package looks.
 */
export const zoneinfo: InPlaceFix = {
  ruleIds: ['GDS013'],
  propose({ model }): FixProposal {
    const final = model.finalStage;
    if (!model.lastInChain(final, 'ENTRYPOINT') && !model.lastInChain(final, 'CMD')) {
      return { unfixed: 'the final stage has no start command: it exports files rather than running a service; add time-zone data by hand if a program needs it' };
    }
    const ref = golangBuildStage(model);
    if (ref === null) return { unfixed: 'no golang build stage to take time-zone data from; copy /usr/share/zoneinfo in or build with -tags timetzdata by hand' };
    return {
      edits: [{ line: final.from.endLine + 1, insertBefore: [`COPY --from=${ref} /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip`, 'ENV ZONEINFO=/zoneinfo.zip'] }],
      what: "Go's time-zone data copied from the build stage (ZONEINFO)",
    };
  },
};
