/**
 * Import first in every component test: what jsdom lacks and a browser has, which Backstage's
 * frontend packages use (TextEncoder for hashing, ResizeObserver/matchMedia for layout).
 */
import { TextDecoder, TextEncoder } from 'node:util';

const g = globalThis as Record<string, unknown>;
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;
g.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
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
