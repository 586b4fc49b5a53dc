/**
 * The filtered services as a file to take elsewhere (a spreadsheet, a script): CSV (RFC 4180)
 * or JSON, one record per service with what the list shows plus the rules it breaks, and,
 * when the page shows hardening pull requests, each service's pull request state and link.
 */
import type { ServiceRow } from './aggregate';
import { rulesOf } from './aggregate';
import { hardeningOf, type HardeningDisplay } from './hardeningProgress';

export interface ExportedService {
  entityRef: string;
  name: string;
  title: string;
  owner: string;
  system: string;
  status: string;
  errors: number;
  warnings: number;
  info: number;
  standardVersion: string;
  lastChecked: string;
  rules: string[];
  /** With the pull request states only: the hardening state (`open`, `merged`, `failed`, ...), '' for a service without a hardening task. */
  pullRequest?: string;
  /** With the pull request states only: the pull request's URL, '' when there is none (yet). */
  pullRequestUrl?: string;
}

/**
 * One record per row. `hardening` (each service's hardening state, as the page's Pull request
 * column shows it) adds `pullRequest` and `pullRequestUrl`; without it (the plugin that serves
 * them is absent or unreadable) the records leave them out rather than claim "none".
 */
export function exportedServices(rows: readonly ServiceRow[], hardening?: ReadonlyMap<string, HardeningDisplay>): ExportedService[] {
  return rows.map(row => withPullRequest(hardening, row.entityRef, {
    entityRef: row.entityRef,
    name: row.name,
    title: row.title,
    owner: row.owner,
    system: row.system ?? '',
    status: row.compliance.status,
    errors: row.compliance.counts.error,
    warnings: row.compliance.counts.warning,
    info: row.compliance.counts.info,
    standardVersion: row.compliance.standardVersion ?? '',
    lastChecked: row.compliance.lastChecked ?? '',
    rules: [...rulesOf(row)].sort(),
  }));
}

function withPullRequest(hardening: ReadonlyMap<string, HardeningDisplay> | undefined, entityRef: string, service: ExportedService): ExportedService {
  if (!hardening) return service;
  const display = hardeningOf(hardening, entityRef);
  return { ...service, pullRequest: display?.state ?? '', pullRequestUrl: display?.url ?? '' };
}

const CSV_COLUMNS: Array<keyof ExportedService> = ['entityRef', 'name', 'title', 'owner', 'system', 'status', 'errors', 'warnings', 'info', 'standardVersion', 'lastChecked', 'rules'];
const PULL_REQUEST_COLUMNS: Array<keyof ExportedService> = ['pullRequest', 'pullRequestUrl'];

/**
 * One CSV field. Entity titles are user text: a leading `=`, `+`, `-`, `@`, tab or carriage
 * return would run as a formula in a spreadsheet (CSV injection), so such a field gets a
 * leading apostrophe, the spreadsheet convention for "this is text".
 */
function csvField(value: string | number | string[] | undefined): string {
  if (value === undefined) return '';
  let text = Array.isArray(value) ? value.join(' ') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function servicesCsv(rows: readonly ServiceRow[], hardening?: ReadonlyMap<string, HardeningDisplay>): string {
  const columns = hardening ? [...CSV_COLUMNS, ...PULL_REQUEST_COLUMNS] : CSV_COLUMNS;
  const lines = [columns.join(',')];
  for (const service of exportedServices(rows, hardening)) lines.push(columns.map(c => csvField(service[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function servicesJson(rows: readonly ServiceRow[], hardening?: ReadonlyMap<string, HardeningDisplay>): string {
  return `${JSON.stringify(exportedServices(rows, hardening), null, 2)}\n`;
}
