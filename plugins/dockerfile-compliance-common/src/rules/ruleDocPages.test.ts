import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, RULES } from './index';
import type { Rule } from './rule';
import { END_MARKER, describeRelated, isConfigurable, renderRuleDocs, renderRulesIndex, ruleDocsFiles } from './ruleDocPages';
import { resolveSeverity } from '../check/severity';
import { NOW, policy } from '../../test-fixtures/ruleKit';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const REPO_ROOT = path.resolve(PACKAGE_ROOT, '..', '..');
const PACKAGE_DIR = path.relative(REPO_ROOT, PACKAGE_ROOT).split(path.sep).join('/');
const DOCS = path.join(PACKAGE_ROOT, 'docs', 'rules');

const startMarker = (id: string) => `<!-- generated from src/rules/${id}.ts by \`npm run rule-docs\`; do not edit -->`;
const rule = (id: string) => ALL_RULES.find((r) => r.id === id)!;

describe('the rule docs are generated from the rule metadata', () => {
  it.each(ruleDocsFiles(PACKAGE_DIR).map((f) => [f.path, f] as const))('%s is current', (file, f) => {
    const full = path.join(REPO_ROOT, file);
    const current = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
    const fresh = f.render(current);
    expect(fresh === current ? 'current' : `${file} is out of date; run \`npm run rule-docs\``).toBe('current');
    // what the generator writes, it leaves alone
    expect(f.render(fresh)).toBe(fresh);
  });

  it('every rule has a page, named after it, with the hand-written sections; every page has a rule', () => {
    const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
    expect(pages).toEqual(ALL_RULES.map((r) => `${r.id}.md`).sort());
    for (const r of ALL_RULES) {
      expect(r.docsPath).toBe(`docs/rules/${r.id}.md`);
      // the source the page's markers name
      expect(fs.existsSync(path.join(__dirname, `${r.id}.ts`)) ? r.id : `no src/rules/${r.id}.ts`).toBe(r.id);
      const text = fs.readFileSync(path.join(PACKAGE_ROOT, r.docsPath), 'utf8');
      for (const section of ['## What it checks', '## Why', '## Bad', '## Good', '## Related checks in other tools']) {
        expect(text.includes(`\n${section}\n`) ? section : `${r.docsPath} has no "${section}"`).toBe(section);
      }
    }
  });

  it('the pages ship in the npm package', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('docs');
  });

  it('"not configurable" is what the checker does: only those rules ignore a policy that turns them off', () => {
    for (const r of ALL_RULES) {
      const off = resolveSeverity(r, policy({ rules: { [r.id]: { severity: 'off' } } }), NOW);
      expect([r.id, off === null]).toEqual([r.id, isConfigurable(r)]);
    }
    expect(ALL_RULES.filter((r) => !isConfigurable(r)).map((r) => r.id)).toEqual(['GDS000']);
  });

  it("docs/standard.md's rule catalog names the same rules with the same default severities", () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'standard.md'), 'utf8');
    const rows = [...text.matchAll(/^\| (GDS\d{3}) \| .* \| (\w+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(RULES.map((r) => [r.id, r.defaultSeverity]));
  });
});

describe('renderRuleDocs', () => {
  const gds005 = rule('GDS005');
  const blocks = (text: string) => text.split('\n').filter((l) => l === startMarker('GDS005') || l === END_MARKER);

  it('renders the title, severity, Why and related checks of a new page from the metadata, in that order', () => {
    const page = renderRuleDocs(gds005, '');
    expect(blocks(page)).toEqual([startMarker('GDS005'), END_MARKER, startMarker('GDS005'), END_MARKER, startMarker('GDS005'), END_MARKER]);
    const title = page.indexOf(`# GDS005: ${gds005.title}\n`);
    const severity = page.indexOf('Default severity: **warning**. Configurable as `hardenedGo.standard.rules.GDS005`');
    const why = page.indexOf(`## Why\n\n${gds005.rationale}\n`);
    const related = page.indexOf(`## Related checks in other tools\n\n${describeRelated(gds005.related)}\n`);
    expect([title, severity, why, related].every((i) => i >= 0)).toBe(true);
    expect(title < severity && severity < why && why < related).toBe(true);
  });

  it('GDS000 says it is not configurable, GDS-SUPPRESS that it is the meta rule', () => {
    expect(renderRuleDocs(rule('GDS000'), '')).toContain('\nSeverity: **error (not configurable)**.\n');
    expect(renderRuleDocs(rule('GDS-SUPPRESS'), '')).toContain(`# GDS-SUPPRESS: ${rule('GDS-SUPPRESS').title} (meta rule)\n`);
  });

  it('turns a hand-written page into one with generated parts, keeping every hand-written section and extra paragraph', () => {
    const written = [
      '# GDS005: an old title',
      '',
      'Default severity: **error**.',
      '',
      '## What it checks',
      '',
      'Some RUN runs `go mod verify`.',
      '',
      '## Why',
      '',
      'An old rationale.',
      '',
      'A second paragraph the rationale has no room for.',
      '',
      '## Bad',
      '',
      '```dockerfile',
      '## Why inside a code block is not a heading',
      'RUN go mod download',
      '```',
      '',
      '## Related checks in other tools',
      '',
      'hadolint DL9999.',
      '',
      'A note on them.',
      '',
    ].join('\n');
    const page = renderRuleDocs(gds005, written);
    expect(page).not.toContain('an old title');
    expect(page).not.toContain('**error**');
    expect(page).not.toContain('An old rationale.');
    expect(page).not.toContain('DL9999');
    for (const kept of ['Some RUN runs `go mod verify`.', 'A second paragraph the rationale has no room for.', '## Why inside a code block is not a heading', 'A note on them.']) {
      expect(page).toContain(kept);
    }
    expect(page.indexOf(gds005.rationale)).toBeLessThan(page.indexOf('A second paragraph'));
    expect(page.indexOf('## What it checks')).toBeLessThan(page.indexOf('## Why'));
    expect(blocks(page)).toHaveLength(6);
    expect(renderRuleDocs(gds005, page)).toBe(page);
  });

  it('restores an edited generated part and keeps an edited hand-written part', () => {
    const page = renderRuleDocs(gds005, '## What it checks\n\nv1\n\n## Bad\n\nx\n');
    const edited = page.replace(gds005.rationale, 'Someone edited the rationale here.').replace('v1', 'v2');
    expect(renderRuleDocs(gds005, edited)).toBe(page.replace('v1', 'v2'));
  });

  it('the Why section stands before Bad when a page has none', () => {
    const page = renderRuleDocs(gds005, '## What it checks\n\nv1\n\n## Bad\n\nx\n');
    expect(page.indexOf('## What it checks')).toBeLessThan(page.indexOf('## Why'));
    expect(page.indexOf('## Why')).toBeLessThan(page.indexOf('## Bad'));
  });

  it('refuses a page whose generated blocks are broken', () => {
    const page = renderRuleDocs(gds005, '');
    const lastEnd = page.lastIndexOf(END_MARKER);
    expect(() => renderRuleDocs(gds005, page.slice(0, lastEnd))).toThrow('docs/rules/GDS005.md: a generated block has no "<!-- end generated -->"');
    const twoBlocks = page.slice(0, page.indexOf(startMarker('GDS005'), 1));
    expect(() => renderRuleDocs(gds005, twoBlocks)).toThrow('docs/rules/GDS005.md has 1 generated blocks, expected 3');
  });
});

describe('describeRelated', () => {
  it('names each tool with its rules, or says that no tool covers the rule', () => {
    expect(describeRelated({ hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'], checkov: [], buildkit: ['JSONArgsRecommended'] })).toBe(
      'hadolint DL3006, DL3007; Trivy DS-0001; BuildKit JSONArgsRecommended.',
    );
    expect(describeRelated({ hadolint: [], trivy: [], checkov: [], buildkit: [] })).toMatch(/^None: /);
  });
});

describe('renderRulesIndex', () => {
  const options = { what: 'README.md', source: 'src/rules/*.ts', linkPrefix: 'rules/' };
  const row = (r: Rule) => `| [${r.id}](rules/${r.id}.md) |`;

  it('replaces the first `| ID |` table with the generated table of every rule', () => {
    const text = '# Rules\n\n| ID | what |\n|---|---|\n| GDS001 | stale |\n\nAfter the table.\n';
    const out = renderRulesIndex(text, options);
    expect(out).not.toContain('stale');
    expect(out).toContain('# Rules\n\n<!-- generated from src/rules/*.ts by `npm run rule-docs`; do not edit -->\n| ID | checks | default severity |');
    expect(out).toContain(`${END_MARKER}\n\nAfter the table.\n`);
    for (const r of ALL_RULES) expect(out).toContain(row(r));
    expect(out).toContain(`${row(rule('GDS000'))} ${rule('GDS000').title} | error (not configurable) |`);
    expect(out).toContain(`${row(rule('GDS016'))} ${rule('GDS016').title} | info |`);
    expect(renderRulesIndex(out, options)).toBe(out);
  });

  it('refuses a file without a rule table', () => {
    expect(() => renderRulesIndex('# Rules\n\nNo table.\n', options)).toThrow('README.md has no rule table');
  });
});
