/**
 * The pull request the harden action proposes: title, commit message and a Markdown body that
 * says, per Dockerfile, what changed and why: each edit with its rule (linked to its
 * documentation), line and the standard's reason, or for a whole-file rewrite the rules it
 * fixed and what it dropped on purpose; what was left for a human and why; why a file was not
 * touched. Everything that comes from the repository (paths, messages, reasons) is
 * data: escaped so it renders as text and can neither inject Markdown/HTML nor break a table.
 */
import { RULES, type Rule, type Severity } from '@hardened-go/plugin-dockerfile-compliance-common';

/** @public */
export type FileOutcomeKind = 'fixed' | 'compliant' | 'refused' | 'missing';

/** @public */
export interface RemainingFinding {
  ruleId: string;
  severity: Severity;
  line: number;
  message: string;
}

/**
 * What the action did to one Dockerfile (also its `files` output).
 *
 * @public
 */
export interface FileHardening {
  /** The path relative to the workspace. */
  path: string;
  outcome: FileOutcomeKind;
  /** Rule IDs the rewrite fixed (empty unless `fixed`). */
  fixed: string[];
  /** Changes the rewrite made on purpose (dropped secrets, changed base, ...). */
  notes: string[];
  /** Unsuppressed findings of the file after the action (info ones for a fixed file). */
  remaining: RemainingFinding[];
  /** For `refused` and `missing`: why, in one sentence. */
  reason?: string;
  /** For `refused`: the fixer's refusal class (`cgo`, `needs-shell`, ...). */
  refusalCode?: string;
  /** For a `fixed` file: by minimal edits of its lines, or by the whole-file rewrite. */
  method?: 'edits' | 'rewrite';
  /** For a file fixed by edits: each edit (rules, lines of the fixed file, what changed). */
  edits?: { ruleIds: string[]; lines: number[]; what: string }[];
  /** For a `fixed` file fixed in part, or a refused one: each error or warning left for a human, and why. */
  unfixed?: { ruleId: string; line: number; reason: string }[];
}

/** @public */
export interface PullRequestText {
  title: string;
  commitMessage: string;
  body: string;
}

/**
 * Links a rule ID to its documentation.
 *
 * @public
 */
export type RuleDocsLink = (rule: Rule) => string;

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#!|~&]/g;

/**
 * Inline Markdown text from untrusted data: one line, every Markdown/HTML metacharacter escaped.
 *
 * @public
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(MARKDOWN_SPECIAL, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

const RULE_BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

/** Items listed per file and list, and line numbers per edit: a body stays within what a Git host accepts (GitHub: 65,536 characters). */
const MAX_ITEMS = 50;
const MAX_LINES = 10;

/** The first MAX_ITEMS of `items`, then one line saying how many more. */
function capped<T>(items: readonly T[], line: (item: T) => string, more: (n: number) => string): string[] {
  const out = items.slice(0, MAX_ITEMS).map(line);
  if (items.length > MAX_ITEMS) out.push(more(items.length - MAX_ITEMS));
  return out;
}

function lineList(lines: readonly number[]): string {
  const more = lines.length - MAX_LINES;
  return `${lines.slice(0, MAX_LINES).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** A URL as a Markdown link target: no space or parenthesis can end it early. */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function ruleRef(ruleId: string, link: RuleDocsLink): string {
  const rule = RULE_BY_ID.get(ruleId);
  return rule ? `[${escapeMarkdown(rule.id)}](${linkTarget(link(rule))})` : escapeMarkdown(ruleId);
}

function remainingLines(findings: readonly RemainingFinding[], link: RuleDocsLink): string[] {
  return capped(findings, (f) => `- ${ruleRef(f.ruleId, link)} (${f.severity}, line ${f.line}): ${escapeMarkdown(f.message)}`, (n) => `- ... and ${n} more (\`hardened-go check\` lists them all)`);
}

/** One row per edit: the rules (linked), the lines of the fixed file, what changed and the standard's reason. */
function editedSection(file: FileHardening, name: string, inPart: boolean, link: RuleDocsLink): string[] {
  const lines = [`### ${name}: ${inPart ? 'fixed in part, ' : 'fixed '}by minimal edits`, '', 'Only the lines each rule needs changed; the rest of the file is as it was.', '', '| Rule | Line | What changed | Why |', '|---|---|---|---|'];
  const row = (e: NonNullable<FileHardening['edits']>[number]) => {
    const why = e.ruleIds.map((id) => RULE_BY_ID.get(id)?.rationale ?? '').filter((r) => r !== '').join(' ');
    return `| ${e.ruleIds.map((id) => ruleRef(id, link)).join(', ')} | ${lineList(e.lines)} | ${escapeMarkdown(e.what)} | ${escapeMarkdown(why)} |`;
  };
  lines.push(...capped(file.edits ?? [], row, (n) => `| ... | | and ${n} more edits (see the diff) | |`));
  return lines;
}

/** The whole-file rewrite: the rules it fixed, and what it changed or dropped on purpose. */
function rewrittenSection(file: FileHardening, name: string, link: RuleDocsLink): string[] {
  const lines = [`### ${name}: rewritten to the standard`, '', '| Rule | What it checks | Why |', '|---|---|---|'];
  for (const id of file.fixed) {
    const rule = RULE_BY_ID.get(id);
    lines.push(`| ${ruleRef(id, link)} | ${escapeMarkdown(rule?.title ?? '')} | ${escapeMarkdown(rule?.rationale ?? '')} |`);
  }
  if (file.notes.length > 0) lines.push('', 'Changed on purpose (check these in the diff):', '', ...file.notes.map((n) => `- ${escapeMarkdown(n)}`));
  return lines;
}

function leftLines(unfixed: NonNullable<FileHardening['unfixed']>, link: RuleDocsLink): string[] {
  return [
    'Left for a human (the fixer had no safe edit):',
    '',
    ...capped(unfixed, (u) => `- ${ruleRef(u.ruleId, link)} (line ${u.line}): ${escapeMarkdown(u.reason)}`, (n) => `- ... and ${n} more (\`hardened-go fix\` lists them all)`),
  ];
}

function fileSection(file: FileHardening, link: RuleDocsLink): string[] {
  const name = escapeMarkdown(file.path);
  switch (file.outcome) {
    case 'fixed': {
      const inPart = file.unfixed !== undefined && file.unfixed.length > 0;
      const lines = file.method === 'edits' ? editedSection(file, name, inPart, link) : rewrittenSection(file, name, link);
      if (inPart) lines.push('', ...leftLines(file.unfixed!, link));
      const informational = inPart ? file.remaining.filter((f) => f.severity === 'info') : file.remaining;
      if (informational.length > 0) {
        lines.push('', 'Still reported (informational, not drift):', '', ...remainingLines(informational, link));
      }
      return lines;
    }
    case 'compliant':
      return [`### ${name}: already compliant`, '', 'Left unchanged.'];
    case 'refused': {
      const lines = [
        `### ${name}: not changed (the fixer refused${file.refusalCode ? `: ${escapeMarkdown(file.refusalCode)}` : ''})`,
        '',
        escapeMarkdown(file.reason ?? 'no reason given'),
        '',
      ];
      if (file.unfixed !== undefined && file.unfixed.length > 0) lines.push(...leftLines(file.unfixed, link));
      else lines.push('This file needs a hand-made change; its findings:', '', ...(file.remaining.length > 0 ? remainingLines(file.remaining, link) : ['- none listed']));
      return lines;
    }
    case 'missing':
      return [`### ${name}: not changed`, '', escapeMarkdown(file.reason ?? 'the file was not found')];
  }
}

/** @public */
export function pullRequestText(
  files: readonly FileHardening[],
  standardVersion: string,
  link: RuleDocsLink,
  checkWorkflow?: { outcome: 'added' | 'present' | 'skipped'; path?: string; reason?: string },
): PullRequestText {
  const fixed = files.filter((f) => f.outcome === 'fixed');
  const version = escapeMarkdown(standardVersion);
  const title =
    fixed.length === 1
      ? `Harden ${fixed[0]!.path} to the hardened Go standard ${standardVersion}`
      : `Harden ${fixed.length} Dockerfiles to the hardened Go standard ${standardVersion}`;
  const rules = [...new Set(fixed.flatMap((f) => f.fixed))].sort();
  const commitMessage = `${title}\n\nFixes ${rules.join(', ') || 'no rule'}. Generated by hardened-go:dockerfile:harden.`;

  const body: string[] = [
    `## Harden the container image to the hardened Go standard ${version}`,
    '',
    'This pull request was generated by the `hardened-go:dockerfile:harden` scaffolder action. ' +
      'It moves the service\'s Dockerfile toward the hardened standard: a pinned Go build image, a static binary ' +
      '(`CGO_ENABLED=0`, `-trimpath`, `-ldflags="-s -w"`) with verified modules, and a `scratch` final image that ' +
      'carries only the binary, CA certificates and time-zone data, runs as an unprivileged numeric user and starts ' +
      'in exec form. Where it can, it edits only the lines each rule needs and leaves the rest of the file as it was; ' +
      'each edit below names its rule and line. What it could not fix safely is listed for a human, with the reason.',
    '',
    `Fixed: ${rules.map((id) => ruleRef(id, link)).join(', ') || 'nothing'}.`,
    '',
  ];
  for (const file of files) body.push(...fileSection(file, link), '');
  if (checkWorkflow?.outcome === 'added' && checkWorkflow.path) {
    body.push(
      `### ${escapeMarkdown(checkWorkflow.path)}: the check on every pull request`,
      '',
      'This repository\'s workflows did not run the hardened-go check, so drift was found only after it merged. ' +
        'The new workflow checks the Dockerfiles on every pull request against the platform\'s policy and shows the findings as annotations on the diff. ' +
        'Make its `dockerfile` job a required status check of the default branch; the organisation\'s `HARDENED_GO_POLICY_URL` variable and ' +
        '`HARDENED_GO_TOKEN` secret make it apply the portal\'s policy.',
      '',
    );
  }
  body.push(
    '### Before merging',
    '',
    '- Build the image and run the service once: the final image has no shell and no package manager, so anything the service ran from a shell at start-up is gone.',
    '- `npx hardened-go check <Dockerfile>` verifies the file still meets the standard after any edit.',
  );
  return { title, commitMessage, body: `${body.join('\n')}\n` };
}
