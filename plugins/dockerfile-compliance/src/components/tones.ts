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

/** Tinted surfaces with readable text on them (the `subdued` pairs are made to contrast). */
const SURFACE: Record<Tone, CSSProperties> = {
  positive: { backgroundColor: 'var(--bui-positive-bg-subdued)', color: 'var(--bui-positive-fg-subdued)', border: '1px solid var(--bui-positive-border)' },
  warning: { backgroundColor: 'var(--bui-warning-bg-subdued)', color: 'var(--bui-warning-fg-subdued)', border: '1px solid var(--bui-warning-border)' },
  negative: { backgroundColor: 'var(--bui-negative-bg-subdued)', color: 'var(--bui-negative-fg-subdued)', border: '1px solid var(--bui-negative-border)' },
  announcement: {
    backgroundColor: 'var(--bui-announcement-bg-subdued)',
    color: 'var(--bui-announcement-fg-subdued)',
    border: '1px solid var(--bui-announcement-border)',
  },
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
