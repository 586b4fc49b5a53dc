/**
 * What the browser tests check on every page of the compliance view: axe-core's findings
 * (WCAG 2.2 AA rules and best practices, as a user's audit tool runs them) and the geometry
 * of table cells (no word squeezed into a column so narrow that it wraps letter by letter).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** axe-core over the whole document; only serious and critical violations are returned. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[]; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations
      .filter(v => v.impact === 'serious' || v.impact === 'critical')
      .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) }));
  });
}

/**
 * Words in table cells (and the stacked findings and chart rows) that the layout broke over
 * more lines than their length allows: a word of n characters may take at most ceil(n / 12)
 * lines (a long digest may wrap; "legacy-billing" one letter per line may not). Words are
 * split at spaces, hyphens, slashes, dots, colons and underscores, where breaking is fine.
 */
export async function squeezedWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const squeezed: string[] = [];
    const cells = document.querySelectorAll('td, th, [data-testid="finding-row"], [data-testid="rule-bar"], [data-testid="breaking-service"]');
    for (const cell of cells) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const words = /[^\s\-/_.:·]+/g;
        for (let m = words.exec(text); m; m = words.exec(text)) {
          if (m[0].length < 2) continue;
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
          if (lines.size > Math.max(1, Math.ceil(m[0].length / 12))) squeezed.push(`"${m[0]}" on ${lines.size} lines`);
        }
      }
    }
    return squeezed;
  });
}

/** Our tables (by test ID); Backstage's own cards on the entity page are not ours to lay out. */
const OUR_TABLES = ['services-table', 'owner-adoption', 'findings-table', 'breaking-services'].map(id => `[data-testid="${id}"] th`).join(', ');

/** Column headings of our tables cut off with an ellipsis ("Warn…"): a label wider than its column. */
export async function truncatedHeadings(page: Page): Promise<string[]> {
  return page.evaluate(selector =>
    [...document.querySelectorAll(selector)]
      .flatMap(th => [...th.querySelectorAll<HTMLElement>('[class*="TableHeadLabel"]')])
      .filter(label => label.scrollWidth > label.clientWidth + 1)
      .map(label => `"${label.textContent}" (${label.clientWidth}px of ${label.scrollWidth}px)`),
    OUR_TABLES,
  );
}
