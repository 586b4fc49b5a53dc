/**
 * The view's colours, taken from Backstage UI's semantic theme tokens (@backstage/ui/css/styles.css)
 * so they follow the app's light or dark theme. Colour always comes with words: a tone is
 * never the only way a status or severity is shown.
 *
 * The tokens are the current families (`--bui-positive-*`, `--bui-negative-*`, ...), not the
 * older `--bui-bg-success` style ones, which BUI deprecates (lint rule @backstage/no-deprecated-bui-tokens).
 */
import type { CSSProperties } from 'react';
import type { ComplianceStatus, Severity } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { HardeningState } from '../data/hardeningProgress';

export type Tone = 'positive' | 'warning' | 'negative' | 'announcement' | 'neutral';

export const STATUS_TONE: Record<ComplianceStatus, Tone> = {
  compliant: 'positive',
  drifted: 'warning',
  unknown: 'neutral',
  error: 'negative',
};

export const SEVERITY_TONE: Record<Severity, Tone> = {
  error: 'negative',
  warning: 'warning',
  info: 'announcement',
};

/** A service's hardening run: merged is done, failed needs someone, a declined (closed) pull request is the owner's answer. */
export const HARDENING_TONE: Record<HardeningState, Tone> = {
  merged: 'positive',
  open: 'announcement',
  queued: 'neutral',
  running: 'announcement',
  completed: 'neutral',
  cancelled: 'neutral',
  skipped: 'neutral',
  closed: 'warning',
  unknown: 'neutral',
  failed: 'negative',
};

/**
 * Tinted surfaces. The text is the theme's primary text colour, not the tone's `fg-subdued`:
 * those pairs measured 2.8:1 to 3.7:1 in the light theme, below WCAG AA's 4.5:1 for small
 * text. The tint and the border carry the tone; the words carry the meaning.
 */
function surface(tone: Exclude<Tone, 'neutral'>): CSSProperties {
  return { backgroundColor: `var(--bui-${tone}-bg-subdued)`, color: 'var(--bui-fg-primary)', border: `1px solid var(--bui-${tone}-border)` };
}

const SURFACE: Record<Tone, CSSProperties> = {
  positive: surface('positive'),
  warning: surface('warning'),
  negative: surface('negative'),
  announcement: surface('announcement'),
  neutral: { backgroundColor: 'var(--bui-bg-neutral-3)', color: 'var(--bui-fg-primary)', border: '1px solid var(--bui-border-2)' },
};

/** Solid fills, for shapes without text (the bars of the per-rule chart). */
const FILL: Record<Tone, string> = {
  positive: 'var(--bui-positive-bg)',
  warning: 'var(--bui-warning-bg)',
  negative: 'var(--bui-negative-bg)',
  announcement: 'var(--bui-announcement-bg)',
  neutral: 'var(--bui-fg-secondary)',
};

export function toneSurface(tone: Tone): CSSProperties {
  return SURFACE[tone];
}

export function toneFill(tone: Tone): string {
  return FILL[tone];
}
