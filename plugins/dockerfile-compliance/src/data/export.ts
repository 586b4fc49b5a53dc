/**
 * The filtered services as a file to take elsewhere (a spreadsheet, a script): CSV (RFC 4180)
 * or JSON, one record per service with what the list shows plus the rules it breaks.
 */
import type { ServiceRow } from './aggregate';
import { rulesOf } from './aggregate';

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
}

export function exportedServices(rows: readonly ServiceRow[]): ExportedService[] {
  return rows.map(row => ({
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

const CSV_COLUMNS: Array<keyof ExportedService> = ['entityRef', 'name', 'title', 'owner', 'system', 'status', 'errors', 'warnings', 'info', 'standardVersion', 'lastChecked', 'rules'];

/**
 * One CSV field. Entity titles are user text: a leading `=`, `+`, `-`, `@`, tab or carriage
 * return would run as a formula in a spreadsheet (CSV injection), so such a field gets a
 * leading apostrophe, the spreadsheet convention for "this is text".
 */
function csvField(value: string | number | string[]): string {
  let text = Array.isArray(value) ? value.join(' ') : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function servicesCsv(rows: readonly ServiceRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const service of exportedServices(rows)) lines.push(CSV_COLUMNS.map(c => csvField(service[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function servicesJson(rows: readonly ServiceRow[]): string {
  return `${JSON.stringify(exportedServices(rows), null, 2)}\n`;
}
