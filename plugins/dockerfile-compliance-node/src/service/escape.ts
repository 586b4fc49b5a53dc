/**
 * Escapers that turn a user value into an inert literal of the language it is written into.
 * The service templates use them as nunjucks filters; a value never becomes template source.
 * Values are validated first (see params.ts); these make even a hostile value harmless.
 */
import * as YAML from 'yaml';

/**
 * A Go interpreted string literal ("..."). Quotes and backslashes are escaped, control
 * characters, DEL, line/paragraph separators and bidirectional-override characters are
 * written as `\u` escapes (no line breaks, no Trojan-Source reordering in the source file).
 *
 * @public
 */
export function goStringLiteral(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (isUnsafeForSource(code)) out += code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
    else out += ch;
  }
  return `${out}"`;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Characters that must not appear raw in generated source or config files. */
export function isUnsafeForSource(code: number): boolean {
  return (
    code < 0x20 ||
    code === 0x7f ||
    (code >= 0x80 && code < 0xa0) || // C1 controls
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) || // bidi embeddings and overrides
    (code >= 0x2066 && code <= 0x2069) || // bidi isolates
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c ||
    code === 0xfeff ||
    (code >= 0xd800 && code <= 0xdfff) // lone surrogates
  );
}

/**
 * A YAML flow scalar that parses back to exactly `value` as a string (never a number,
 * boolean, null, alias, tag or a second key): always double-quoted, JSON-style escapes.
 *
 * @public
 */
export function yamlString(value: string): string {
  const scalar = new YAML.Scalar(value);
  scalar.type = 'QUOTE_DOUBLE';
  return YAML.stringify(scalar, { lineWidth: 0 }).trimEnd();
}

/**
 * Plain text inside Markdown: every ASCII punctuation character CommonMark could read as
 * markup is backslash-escaped (CommonMark allows escaping any of them), so the text renders
 * literally and cannot open links, images, HTML, code spans or emphasis.
 *
 * @public
 */
export function markdownText(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:$%@^]/g, ch => `\\${ch}`);
}
