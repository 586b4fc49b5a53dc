/**
 * The generated parts of the rule docs, as BuildKit generates its checks' pages: each page's
 * title, default severity, rationale ("Why") and related checks of other tools come from the
 * rule's metadata (what the UI, SARIF and pull-request bodies show), between markers; the
 * hand-written sections (What it checks, Bad, Good, Notes, Suppressing it) are kept as they
 * are. The rule tables of docs/rules/README.md and of the repository README are generated too.
 *
 * Pure (text in, text out): scripts/rule-docs.js (`npm run rule-docs`) writes the files and
 * src/rules/ruleDocPages.test.ts fails when one is out of date.
 */
import type { RelatedRules, Rule } from './rule';
import { ALL_RULES, RULES } from './index';

export const RULE_DOCS_COMMAND = 'npm run rule-docs';
export const END_MARKER = '<!-- end generated -->';
/** `<!-- generated from SOURCE by `npm run rule-docs`; do not edit -->`, SOURCE without spaces. */
const START_MARKER = /^<!-- generated from \S+ by `npm run rule-docs`; do not edit -->$/;

function startMarker(source: string): string {
  return `<!-- generated from ${source} by \`${RULE_DOCS_COMMAND}\`; do not edit -->`;
}

/** Whether a policy may change the rule's severity (the rule's own `configurable`). */
export function isConfigurable(rule: Rule): boolean {
  return rule.configurable !== false;
}

/** A rule that is not in the catalog (RULES) but can appear in findings: GDS-SUPPRESS. */
function isMetaRule(rule: Rule): boolean {
  return !RULES.includes(rule);
}

const TOOL_NAMES: Record<keyof RelatedRules, string> = { hadolint: 'hadolint', trivy: 'Trivy', checkov: 'Checkov', buildkit: 'BuildKit' };

/** `hadolint DL3006, DL3007; Trivy DS-0001.`, or the sentence for a rule no other tool has. */
export function describeRelated(related: RelatedRules): string {
  const parts = (Object.keys(TOOL_NAMES) as (keyof RelatedRules)[])
    .filter((tool) => related[tool].length > 0)
    .map((tool) => `${TOOL_NAMES[tool]} ${related[tool].join(', ')}`);
  if (parts.length === 0) return 'None: this is ground no common linter covers (hadolint, Trivy, Checkov, BuildKit checks).';
  return `${parts.join('; ')}.`;
}

function severityText(rule: Rule): string {
  return isConfigurable(rule) ? rule.defaultSeverity : `${rule.defaultSeverity} (not configurable)`;
}

function titleText(rule: Rule): string {
  return isMetaRule(rule) ? `${rule.title} (meta rule)` : rule.title;
}

/** The three generated blocks of a rule's page, in page order, without their markers. */
function pageBlocks(rule: Rule): { head: string[]; why: string[]; related: string[] } {
  const severity = isConfigurable(rule)
    ? `Default severity: **${rule.defaultSeverity}**. Configurable as \`hardenedGo.standard.rules.${rule.id}\` (\`severity\`, or rollout \`mode\` + \`enforceAfter\`).`
    : `Severity: **${severityText(rule)}**.`;
  return {
    head: [`# ${rule.id}: ${titleText(rule)}`, '', severity],
    why: ['## Why', '', rule.rationale],
    related: ['## Related checks in other tools', '', describeRelated(rule.related)],
  };
}

interface Segment {
  generated: boolean;
  lines: string[];
}

const isFence = (line: string) => /^\s*(?:```|~~~)/.test(line);

/** Splits markdown into hand-written and generated segments (markers inside code fences do not count). */
function segments(markdown: string, what: string): Segment[] {
  const out: Segment[] = [];
  let hand: string[] = [];
  let block: string[] | null = null;
  let fenced = false;
  for (const line of markdown.replace(/\r\n/g, '\n').split('\n')) {
    if (block !== null) {
      if (line.trim() === END_MARKER) {
        out.push({ generated: true, lines: block });
        block = null;
      } else {
        block.push(line);
      }
      continue;
    }
    if (!fenced && START_MARKER.test(line.trim())) {
      out.push({ generated: false, lines: hand });
      hand = [];
      block = [];
      continue;
    }
    if (isFence(line)) fenced = !fenced;
    hand.push(line);
  }
  if (block !== null) throw new Error(`${what}: a generated block has no "${END_MARKER}"`);
  out.push({ generated: false, lines: hand });
  return out;
}

/** Joins segments: hand-written text trimmed of blank lines at its ends, one blank line between segments. */
function join(parts: Segment[], source: string): string {
  const chunks: string[] = [];
  for (const p of parts) {
    if (p.generated) {
      chunks.push([startMarker(source), ...p.lines, END_MARKER].join('\n'));
      continue;
    }
    const lines = [...p.lines];
    while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
    while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
    if (lines.length > 0) chunks.push(lines.join('\n'));
  }
  return `${chunks.join('\n\n')}\n`;
}

/** Index of a `## heading` line (outside code fences) whose text starts with `heading`, or -1. */
function headingIndex(lines: string[], heading: string): number {
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isFence(line)) fenced = !fenced;
    else if (!fenced && line.startsWith(heading)) return i;
  }
  return -1;
}

/** Index just past the paragraph that starts at or after `from` (skipping blank lines first). */
function endOfParagraph(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.startsWith('#')) i++;
  return i;
}

/**
 * Puts the generated blocks into a page that has none yet (a new page, or one written before
 * the blocks existed): the title and severity replace a leading `# ` heading and severity line,
 * Why and Related replace their section's heading and first paragraph, or are added (Why
 * before `## Bad`, Related at the end).
 */
function insertBlocks(lines: string[], blocks: ReturnType<typeof pageBlocks>): Segment[] {
  let body = [...lines];
  let first = 0;
  while (first < body.length && body[first]!.trim() === '') first++;
  if (body[first]?.startsWith('# ')) {
    let end = first + 1;
    const next = endOfParagraph(body, end);
    const paragraph = body.slice(end, next).join('\n').trim();
    if (/^(?:Default severity|Severity):/.test(paragraph)) end = next;
    body = body.slice(end);
  }
  const cut = (heading: string, fallback: (b: string[]) => number): [string[], string[]] => {
    const at = headingIndex(body, heading);
    if (at >= 0) return [body.slice(0, at), body.slice(endOfParagraph(body, at + 1))];
    const pos = fallback(body);
    return [body.slice(0, pos), body.slice(pos)];
  };
  const [beforeWhy, afterWhy] = cut('## Why', (b) => {
    const bad = headingIndex(b, '## Bad');
    return bad >= 0 ? bad : b.length;
  });
  body = afterWhy;
  const [beforeRelated, afterRelated] = cut('## Related checks in other tools', (b) => b.length);
  return [
    { generated: true, lines: blocks.head },
    { generated: false, lines: beforeWhy },
    { generated: true, lines: blocks.why },
    { generated: false, lines: beforeRelated },
    { generated: true, lines: blocks.related },
    { generated: false, lines: afterRelated },
  ];
}

/**
 * The rule's page with its generated parts (title and severity, Why, Related checks) rendered
 * from the metadata; everything else stays as written. Idempotent.
 */
export function renderRuleDocs(rule: Rule, markdown: string): string {
  const what = rule.docsPath;
  const source = `src/rules/${rule.id}.ts`;
  const blocks = pageBlocks(rule);
  const parts = segments(markdown, what);
  const generated = parts.filter((p) => p.generated);
  if (generated.length === 0) {
    const only = parts[0]!.lines;
    return join(insertBlocks(only, blocks), source);
  }
  if (generated.length !== 3) {
    throw new Error(`${what} has ${generated.length} generated blocks, expected 3 (title and severity, Why, Related checks)`);
  }
  const fresh = [blocks.head, blocks.why, blocks.related];
  let n = 0;
  return join(
    parts.map((p) => (p.generated ? { generated: true, lines: fresh[n++]! } : p)),
    source,
  );
}

/** The rule table: ID (linked to its page), title, default severity; every rule of ALL_RULES. */
export function rulesTable(linkPrefix: string, rules: readonly Rule[] = ALL_RULES): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| ID | checks | default severity |',
    '|---|---|---|',
    ...rules.map((r) => `| [${r.id}](${linkPrefix}${r.docsPath.replace(/^docs\/rules\//, '')}) | ${cell(titleText(r))} | ${severityText(r)} |`),
  ];
}

/**
 * A markdown file with its rule table rendered (see rulesTable). The table is the one
 * generated block of the file; without one, the first table whose header starts with `| ID |`
 * becomes it.
 */
export function renderRulesIndex(markdown: string, options: { what: string; source: string; linkPrefix: string }): string {
  const table = rulesTable(options.linkPrefix);
  const parts = segments(markdown, options.what);
  const generated = parts.filter((p) => p.generated).length;
  if (generated > 1) throw new Error(`${options.what} has ${generated} generated blocks, expected one (the rule table)`);
  if (generated === 1) return join(parts.map((p) => (p.generated ? { generated: true, lines: table } : p)), options.source);
  const lines = parts[0]!.lines;
  const start = headingIndex(lines, '| ID |');
  if (start < 0) throw new Error(`${options.what} has no rule table (a table whose header starts with "| ID |")`);
  let end = start;
  while (end < lines.length && lines[end]!.startsWith('|')) end++;
  return join(
    [
      { generated: false, lines: lines.slice(0, start) },
      { generated: true, lines: table },
      { generated: false, lines: lines.slice(end) },
    ],
    options.source,
  );
}

/** One file with generated parts: its path from the repository root and how to render it. */
export interface RuleDocsFile {
  path: string;
  /** The file with its generated parts current; `current` is '' for a page that does not exist yet. */
  render(current: string): string;
}

/**
 * Every file with generated rule docs: each rule's page, the rules index of the package and
 * the rule table of the repository README.
 *
 * @param packageDir - this package's folder from the repository root (`plugins/dockerfile-compliance-common`)
 */
export function ruleDocsFiles(packageDir: string): RuleDocsFile[] {
  const pages: RuleDocsFile[] = ALL_RULES.map((rule) => ({
    path: `${packageDir}/${rule.docsPath}`,
    render: (current) => renderRuleDocs(rule, current),
  }));
  return [
    ...pages,
    {
      path: `${packageDir}/docs/rules/README.md`,
      render: (current) => renderRulesIndex(current, { what: 'docs/rules/README.md', source: 'src/rules/*.ts', linkPrefix: '' }),
    },
    {
      path: 'README.md',
      render: (current) =>
        renderRulesIndex(current, { what: 'README.md', source: `${packageDir}/src/rules/*.ts`, linkPrefix: `${packageDir}/docs/rules/` }),
    },
  ];
}
