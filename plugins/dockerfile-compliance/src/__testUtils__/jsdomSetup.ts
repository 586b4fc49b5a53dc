/**
 * Import first in every component test: what jsdom lacks and a browser has, which Backstage's
 * frontend packages use (TextEncoder for hashing, ResizeObserver/matchMedia for layout,
 * CSS.escape for the selectors React Aria builds when it moves focus in lists and tables), and
 * the time limit of Testing Library's waits.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import { configure } from '@testing-library/react';

// findBy* and waitFor give up after 1 s by default. Jest runs two suites at a time and CI
// machines are shared, so a first render can take longer there; a passing wait ends as soon
// as its condition holds, so the longer limit costs nothing.
configure({ asyncUtilTimeout: 10_000 });

const g = globalThis as Record<string, unknown>;
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;
g.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
g.CSS ??= { escape: cssEscape };
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false }) as MediaQueryList;
}

// jsdom's CSS parser does not understand the nested CSS that @backstage/ui injects; browsers do.
// Only that one jsdom complaint is dropped: every other console.error still shows.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const first = args[0];
  // Duck-typed: jsdom's Error comes from another realm, so instanceof would miss it.
  if ((first as { message?: unknown } | null)?.message === 'Could not parse CSS stylesheet') return;
  consoleError(...args);
};

/** CSS.escape as the CSSOM spec defines it (https://drafts.csswg.org/cssom/#serialize-an-identifier). */
function cssEscape(value: string): string {
  const text = String(value);
  let result = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text.charAt(i);
    const isDigit = code >= 0x30 && code <= 0x39;
    const leadingDigit = isDigit && (i === 0 || (i === 1 && text.charCodeAt(0) === 0x2d));
    if (code === 0) result += '\uFFFD';
    else if ((code >= 0x01 && code <= 0x1f) || code === 0x7f || leadingDigit) result += `\\${code.toString(16)} `;
    else if (i === 0 && code === 0x2d && text.length === 1) result += `\\${char}`;
    else if (code >= 0x80 || code === 0x2d || code === 0x5f || isDigit || /[A-Za-z]/.test(char)) result += char;
    else result += `\\${char}`;
  }
  return result;
}
