/**
 * The human report: per file its status, then each finding with the offending source
 * lines and the fix. Colour only when the caller asks (the CLI decides from the TTY).
 * Everything printed from a file is made visible-safe: a Dockerfile must not be able to
 * send escape sequences to the reader's terminal.
 */
import type { FileStatus, Severity } from '../check/types';
import type { FileReport } from './types';

/** @public */
export interface TextOptions {
  /** ANSI colours. */
  color?: boolean;
  /** At most this many source lines per finding (default 5). */
  maxExcerptLines?: number;
}

const ANSI = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1 } as const;
type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };
const STATUS_STYLE: Record<FileStatus, Style> = { compliant: 'green', drifted: 'yellow', error: 'red' };

/** C0/C1 controls (except tab), DEL and bidirectional overrides, shown as \u{..} escapes. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** @public */
export function visible(text: string): string {
  return text.replace(UNSAFE, c => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** The source's lines (a BOM dropped, CRLF or LF), or undefined without a source. */
export function sourceLines(source: string | Uint8Array | undefined): string[] | undefined {
  if (source === undefined) return undefined;
  const text = typeof source === 'string' ? source.replace(/^\uFEFF/, '') : new TextDecoder('utf-8').decode(source);
  return text.split(/\r?\n/);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** @public */
export function formatText(files: readonly FileReport[], options: TextOptions = {}): string {
  const paint = (style: Style, text: string) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const maxLines = options.maxExcerptLines ?? 5;
  const out: string[] = [];
  const statusCount: Record<FileStatus, number> = { compliant: 0, drifted: 0, error: 0 };
  const severityCount: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressedCount = 0;

  for (const file of files) {
    const { result } = file;
    statusCount[result.status]++;
    const active = result.findings.filter(f => !f.suppressed).length;
    const suffix = result.findings.length === 0 ? '' : ` (${plural(active, 'finding')}${active === result.findings.length ? '' : `, ${result.findings.length - active} suppressed`})`;
    out.push(`${paint('bold', visible(file.path))}: ${paint(STATUS_STYLE[result.status], result.status)}${suffix}`);
    const lines = sourceLines(file.source);
    const findings = [...result.findings].sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
    for (const f of findings) {
      if (f.suppressed) suppressedCount++;
      else severityCount[f.severity]++;
      const where = f.endLine > f.line ? `${f.line}-${f.endLine}` : `${f.line}`;
      const label = paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(7));
      const note = f.suppressed ? paint('dim', ` (suppressed${f.suppressionReason ? `: ${visible(f.suppressionReason)}` : ''})`) : '';
      out.push(`  ${visible(file.path)}:${where}  ${label} ${f.ruleId}  ${visible(f.message)}${note}`);
      if (lines) {
        const last = Math.min(f.endLine, lines.length);
        const shown = Math.min(last, f.line + maxLines - 1);
        const width = String(last).length;
        for (let n = f.line; n <= shown; n++) {
          out.push(paint('dim', `    ${String(n).padStart(width)} | `) + visible(lines[n - 1] ?? ''));
        }
        if (last > shown) out.push(paint('dim', `    ${' '.repeat(width)} | ... ${plural(last - shown, 'more line')}`));
      }
      if (!f.suppressed && f.fixHint) out.push(`    fix: ${visible(f.fixHint)}`);
    }
  }

  out.push(
    '',
    `${plural(files.length, 'file')} checked: ${statusCount.compliant} compliant, ${statusCount.drifted} drifted, ${statusCount.error} error. ` +
      `Findings: ${plural(severityCount.error, 'error')}, ${plural(severityCount.warning, 'warning')}, ${severityCount.info} info` +
      (suppressedCount ? `, ${suppressedCount} suppressed.` : '.'),
  );
  return `${out.join('\n')}\n`;
}
