import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { goStringLiteral, isUnsafeForSource, markdownText, yamlString } from './escape';

/** Decodes the Go literal with JSON.parse after rewriting Go's \U escapes (the only non-JSON one we emit). */
function decodeGoLiteral(literal: string): string {
  const jsonish = literal.replace(/\\U([0-9a-f]{8})/g, (_, hex: string) => {
    const code = parseInt(hex, 16);
    return String.fromCodePoint(code)
      .split('')
      .map(unit => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
  });
  return JSON.parse(jsonish) as string;
}

const hostile = [
  'He said "hi"',
  'back\\slash',
  'line\nbreak',
  'tab\tand\rreturn',
  '`raw` */ // /*',
  '"); os.Exit(1); ("',
  'bidi \u202e override \u2066 isolate',
  'nul \u0000 del \u007f',
  'emoji 🚀 and \u2028 separator',
  'key: value\n- item\n? complex',
  '*alias &anchor !!python/object:os.system',
  '{{ 7*7 }} {% raw %} ${{ secrets.TOKEN }}',
  '[click](javascript:alert(1)) <script>alert(1)</script> ![img](x)',
];

describe('goStringLiteral', () => {
  it.each(hostile)('round-trips %j and keeps it on one line', value => {
    const literal = goStringLiteral(value);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029\u202a-\u202e\u2066-\u2069\u0000]/);
    expect(decodeGoLiteral(literal)).toBe(value);
  });

  it('round-trips any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), value => {
        const literal = goStringLiteral(value);
        expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
        expect([...literal].every(ch => !isUnsafeForSource(ch.codePointAt(0)!))).toBe(true);
        expect(decodeGoLiteral(literal)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('yamlString', () => {
  it.each(hostile)('is one inert scalar for %j', value => {
    const doc = YAML.parse(`a: ${yamlString(value)}\nb: after\n`);
    expect(doc).toEqual({ a: value, b: 'after' });
  });

  it('parses back to the same string, never another type (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('true', 'null', '~', '1e3', '0x1F', 'yes', '- a', '? b', '&x', '*x', '!!str')), value => {
        const scalar = yamlString(value);
        expect(scalar).not.toContain('\n');
        expect(YAML.parse(`k: ${scalar}\n`)).toEqual({ k: value });
      }),
      { numRuns: 500 },
    );
  });
});

describe('markdownText', () => {
  // markdown-it (CommonMark, here a transitive dependency of @backstage/backend-defaults) renders
  // the escaped text as exactly the original characters: no link, image, HTML, code or emphasis.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MarkdownIt = require('markdown-it');
  const md = new MarkdownIt({ html: true, linkify: true });
  const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

  it.each(hostile.filter(v => !/[\n\r\t\u0000\u007f\u2028]/.test(v)))('renders %j literally', value => {
    expect(md.render(markdownText(value))).toBe(`<p>${htmlEscape(value)}</p>\n`);
  });

  it('renders any single-line printable text literally (property)', () => {
    const printable = fc
      .string({ unit: fc.oneof(fc.constantFrom(...'`*_{}[]()#+-.!|<>~&"\'=:$%@^\\/;,? 1aZ'.split('')), fc.constantFrom('é', '🚀', 'www.x.com', 'http://a.b')) })
      .map(s => s.trim().replace(/ {2,}/g, ' '))
      .filter(s => s.length > 0);
    fc.assert(
      fc.property(printable, value => {
        expect(md.render(markdownText(value))).toBe(`<p>${htmlEscape(value)}</p>\n`);
      }),
      { numRuns: 500 },
    );
  });
});
