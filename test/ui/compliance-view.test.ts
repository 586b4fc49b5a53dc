/**
 * The compliance view in a real browser, against the real demo backend, as a new user sees it:
 * `npm start`'s backend (packages/backend/dist/start.js with app-config.yaml and the example
 * services, on test ports), the dev app built with Vite and served with its /api proxy, and
 * Debian's Chromium driven headless by playwright-core.
 *
 * The expected counts come from checkDockerfile over examples/ (the same standard, computed
 * here independently of the backend and the UI). Screenshots: test/.artifacts/screenshots/.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { parse } from 'yaml';
import { checkDockerfile, policyFromConfig, type Finding } from '@hardened-go/plugin-dockerfile-compliance-common';
import { startBackendProcess, testOverrides, type BackendProcess } from '../e2e/harness/backendProcess';
import { EXPECTED_EXAMPLES } from '../e2e/harness/expectedExamples';
import { buildDevApp, REPO_ROOT, startDevAppServer, type DevAppServer } from './devApp';
import { freePort } from '../support/freePort';

const SCREENSHOTS = path.join(REPO_ROOT, 'test', '.artifacts', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

interface Expected {
  status: 'compliant' | 'drifted';
  counts: Record<'error' | 'warning' | 'info', number>;
  findings: Finding[];
  dockerfile: string;
}

/** What the standard says about each example, computed here from examples/ and app-config.yaml. */
async function expectedFromExamples(): Promise<Record<string, Expected>> {
  const appConfig = parse(await fs.readFile(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8'));
  const policy = policyFromConfig(appConfig.hardenedGo.standard);
  const result: Record<string, Expected> = {};
  for (const [name, example] of Object.entries(EXPECTED_EXAMPLES)) {
    const bytes = await fs.readFile(path.join(REPO_ROOT, 'examples', name, example.dockerfile));
    const check = checkDockerfile(new Uint8Array(bytes), policy);
    const open = check.findings.filter(f => !f.suppressed);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of open) counts[f.severity] += 1;
    result[name] = { status: check.status as Expected['status'], counts, findings: open, dockerfile: example.dockerfile };
  }
  return result;
}

/** Presses Tab until `target` has the focus (at most `max` times); true when it got there. */
async function tabTo(page: Page, target: Locator, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate(el => el === document.activeElement)) return true;
    await page.keyboard.press('Tab');
  }
  return target.evaluate(el => el === document.activeElement);
}

/**
 * Picks an option of a filter (a Backstage UI Select) with the keyboard only, its trigger
 * focused: Enter opens the list on the current option, ArrowDown moves, Enter picks.
 */
async function chooseWithKeyboard(page: Page, option: string): Promise<void> {
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent?.trim());
  await page.keyboard.press('Enter');
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  for (let i = 0; i < 100 && (await focusedText()) !== option; i++) await page.keyboard.press('ArrowDown');
  expect(await focusedText()).toBe(option);
  await page.keyboard.press('Enter');
  await listbox.waitFor({ state: 'hidden' });
}

describe('compliance view in Chromium against the demo backend', () => {
  let backend: BackendProcess;
  let app: DevAppServer;
  let browser: BrowserContext;
  let profileDir: string;
  let page: Page;
  let expected: Record<string, Expected>;
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    await fs.access(CHROMIUM).catch(() => {
      throw new Error(`${CHROMIUM} is missing: run scripts/test-prerequisites.sh (installs Debian's chromium)`);
    });
    const [port, examplesPort] = [await freePort(), await freePort()];
    expected = await expectedFromExamples();
    // Build the app while the backend starts and checks the examples.
    const [started] = await Promise.all([
      startBackendProcess({
        name: 'compliance-view',
        entry: 'start',
        overrides: testOverrides({ port }),
        env: { HARDENED_GO_EXAMPLES_PORT: String(examplesPort) },
      }),
      buildDevApp(),
    ]);
    backend = started;
    await backend.waitForOutput(/hardened-go ready in/, 120_000);
    app = await startDevAppServer(`http://localhost:${port}`);
    await fs.mkdir(SCREENSHOTS, { recursive: true });
    // A fresh profile (user data dir) per run: no state from any earlier browser session.
    profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'hardened-go-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1000 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', message => {
      if (message.type() === 'error') consoleProblems.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', error => consoleProblems.push(`page error: ${error.message}`));
    page.on('response', response => {
      if (response.status() >= 400) consoleProblems.push(`HTTP ${response.status()} ${response.url()}`);
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await backend?.stop();
    if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
  }, 60_000);

  it('the organisation page lists every example with its status and counts, adoption and what drifts most', async () => {
    await page.goto(`${app.url}/dockerfile-compliance`);
    const rows = page.getByTestId('service-row');
    await rows.first().waitFor({ timeout: 60_000 });
    const names = Object.keys(expected).sort();
    expect(await rows.count()).toBe(names.length);

    for (const name of names) {
      const row = page.locator(`[data-testid="service-row"][data-entity="component:default/${name}"]`);
      expect(await row.getAttribute('data-status')).toBe(expected[name]!.status);
      const counts = expected[name]!.counts;
      expect({
        error: Number(await row.getByTestId('count-error').textContent()),
        warning: Number(await row.getByTestId('count-warning').textContent()),
        info: Number(await row.getByTestId('count-info').textContent()),
      }).toEqual(counts);
      expect(await row.getByRole('link', { name }).count()).toBe(1);
    }

    const compliant = names.filter(n => expected[n]!.status === 'compliant').length;
    expect(await page.getByTestId('adoption-overall').getAttribute('data-percent')).toBe(String(Math.floor((compliant * 100) / names.length)));
    expect(await page.getByText(`${compliant} of ${names.length} services compliant with standard v1`).count()).toBe(1);

    // What drifts most: per rule, the number of examples with a finding of it.
    const servicesPerRule = new Map<string, number>();
    for (const name of names) for (const rule of new Set(expected[name]!.findings.map(f => f.ruleId))) servicesPerRule.set(rule, (servicesPerRule.get(rule) ?? 0) + 1);
    const bars = page.getByTestId('rule-bar');
    expect(await bars.count()).toBe(servicesPerRule.size);
    for (const [rule, services] of servicesPerRule) {
      expect(await page.locator(`[data-testid="rule-bar"][data-rule="${rule}"]`).getAttribute('data-services')).toBe(String(services));
    }

    await page.screenshot({ path: path.join(SCREENSHOTS, 'compliance-organisation.png'), fullPage: true });
  }, 120_000);

  it('filters by status and by rule, with the keyboard', async () => {
    // The filters' triggers carry the ids; each names itself by its value and label ("All Status").
    const status = page.locator('#compliance-filter-status');
    const rule = page.locator('#compliance-filter-rule');
    expect(await status.getAttribute('aria-haspopup')).toBe('listbox');
    // Tab from the page start reaches the filters (keyboard access, no mouse).
    await page.locator('body').focus();
    expect(await tabTo(page, status)).toBe(true);
    await chooseWithKeyboard(page, 'Drifted');
    expect(await status.textContent()).toContain('Drifted');
    const drifted = Object.keys(expected).filter(n => expected[n]!.status === 'drifted');
    await page.waitForFunction(n => document.querySelectorAll('[data-testid="service-row"]').length === n, drifted.length);
    const shown = await page.getByTestId('service-row').evaluateAll(els => els.map(e => e.getAttribute('data-entity')));
    expect(shown.sort()).toEqual(drifted.map(n => `component:default/${n}`).sort());

    expect(await tabTo(page, rule, 5)).toBe(true);
    await chooseWithKeyboard(page, 'GDS017');
    const withRule = drifted.filter(n => expected[n]!.findings.some(f => f.ruleId === 'GDS017'));
    await page.waitForFunction(n => document.querySelectorAll('[data-testid="service-row"]').length === n, withRule.length);

    const clear = page.getByRole('button', { name: 'Clear filters' });
    expect(await tabTo(page, clear, 5)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(n => document.querySelectorAll('[data-testid="service-row"]').length === n, Object.keys(expected).length);
  }, 60_000);

  it("a service's page shows its findings with the Dockerfile line linked to the source, and the harden button", async () => {
    const name = 'legacy-billing';
    await page.getByRole('link', { name, exact: true }).click();
    await page.waitForURL(/\/catalog\/default\/component\/legacy-billing/);
    const card = page.getByTestId('dockerfile-compliance');
    await card.waitFor({ timeout: 60_000 });
    expect(await card.getByTestId('compliance-status').textContent()).toBe('Drifted');
    expect(await card.getByTestId('standard-version').textContent()).toBe('Standard v1');

    const first = expected[name]!.findings.find(f => f.ruleId === 'GDS001')!;
    const row = card.locator(`[data-testid="finding-row"][data-rule="${first.ruleId}"]`).first();
    const lineLink = row.getByTestId('finding-line').getByRole('link');
    expect(await lineLink.innerText()).toMatch(new RegExp(`^Dockerfile:${first.line}\\b`));
    expect(await lineLink.getAttribute('href')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/.*legacy-billing.*/Dockerfile#L${first.line}$`));
    expect(await row.getByRole('link', { name: first.ruleId }).getAttribute('href')).toBe(`/dockerfile-compliance/rules/${first.ruleId}`);
    expect(await card.getByTestId('finding-row').count()).toBe(expected[name]!.findings.length);

    // A link styled as a button (it navigates to the scaffolder page).
    const harden = card.getByRole('link', { name: 'Harden via pull request' });
    expect(decodeURIComponent((await harden.getAttribute('href'))!)).toBe(
      '/create/templates/default/harden-dockerfile?formData={"entity":"component:default/legacy-billing"}',
    );
    await page.evaluate(() => window.scrollTo(0, 0)); // the sidebar is sticky: a full-page shot starts at the top
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compliance-entity-card.png'), fullPage: true });

    // The rule link opens the rule's page, from the standard's own rule metadata.
    await row.getByRole('link', { name: first.ruleId }).click();
    await page.getByText(`${first.ruleId}:`, { exact: false }).first().waitFor();
    expect(page.url()).toMatch(/\/dockerfile-compliance\/rules\/GDS001$/);
  }, 120_000);

  it('logged no console error, page error or failed request', () => {
    expect(consoleProblems).toEqual([]);
  });
});
