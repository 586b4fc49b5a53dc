/**
 * Reads the compliance label of named Components through the catalog's public REST API,
 * and waits until all of them carry one: how the demo knows the drift check has run.
 */

import { ANNOTATION_FINDINGS, LABEL_COMPLIANCE } from '@hardened-go/plugin-catalog-backend-module-dockerfile-drift';

/** The label the drift processor writes: compliant | drifted | unknown | error (docs/drift.md). */
export const COMPLIANCE_LABEL = LABEL_COMPLIANCE;
/** The annotation with the findings per Dockerfile, compact JSON (docs/drift.md). */
export const FINDINGS_ANNOTATION = ANNOTATION_FINDINGS;

/** Component name → its compliance label (undefined: not in the catalog yet, or not checked yet). */
export type LabelsByService = Map<string, string | undefined>;

interface EntityFields {
  metadata?: { name?: string; labels?: Record<string, string> };
}

export async function fetchComplianceLabels(backendUrl: string, names: string[]): Promise<LabelsByService> {
  const query = new URLSearchParams();
  for (const name of names) query.append('filter', `kind=component,metadata.name=${name}`);
  query.set('fields', 'metadata.name,metadata.labels');
  query.set('limit', String(Math.max(names.length, 1) * 2));
  const response = await fetch(`${backendUrl}/api/catalog/entities/by-query?${query}`);
  if (!response.ok) {
    throw new Error(`catalog answered ${response.status} ${response.statusText}: ${(await response.text()).slice(0, 300)}`);
  }
  const body = (await response.json()) as { items?: EntityFields[] };
  const labels: LabelsByService = new Map(names.map(name => [name, undefined]));
  for (const item of body.items ?? []) {
    const name = item.metadata?.name;
    if (name && labels.has(name)) labels.set(name, item.metadata?.labels?.[COMPLIANCE_LABEL]);
  }
  return labels;
}

export interface WaitForLabelsOptions {
  backendUrl: string;
  names: string[];
  timeoutMs: number;
  pollMs?: number;
  /** Stops waiting early (Ctrl-C during startup). */
  signal?: AbortSignal;
}

/** Polls until every named Component has a label or the deadline passes; returns the last reading. */
export async function waitForComplianceLabels(options: WaitForLabelsOptions): Promise<LabelsByService> {
  const deadline = Date.now() + options.timeoutMs;
  let last: LabelsByService = new Map(options.names.map(name => [name, undefined]));
  for (;;) {
    try {
      last = await fetchComplianceLabels(options.backendUrl, options.names);
      if ([...last.values()].every(label => label !== undefined)) return last;
    } catch {
      // The catalog may still be starting its routes; keep polling until the deadline.
    }
    if (Date.now() >= deadline || options.signal?.aborted) return last;
    await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 500));
  }
}

/** The lines that describe how labels changed between two readings (`name: drifted -> compliant`). */
export function describeLabelChanges(before: LabelsByService, after: LabelsByService): string[] {
  const lines: string[] = [];
  for (const [name, label] of after) {
    const previous = before.get(name);
    if (label !== undefined && label !== previous) lines.push(`${name}: ${previous ?? 'not checked'} -> ${label}`);
  }
  return lines;
}

/**
 * Keeps reading the labels and reports every change (the demo prints them, so that editing an
 * example's Dockerfile visibly flips its label). Returns a function that stops watching.
 */
export function watchComplianceLabels(options: {
  backendUrl: string;
  names: string[];
  initial: LabelsByService;
  intervalMs: number;
  onChange: (lines: string[]) => void;
}): () => void {
  let current = options.initial;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      const next = await fetchComplianceLabels(options.backendUrl, options.names);
      const changes = describeLabelChanges(current, next);
      current = new Map([...current, ...[...next].filter(([, label]) => label !== undefined)]);
      if (changes.length > 0 && !stopped) options.onChange(changes);
    } catch {
      // The backend is stopping or briefly busy; the next tick tries again.
    }
    if (!stopped) timer = setTimeout(tick, options.intervalMs);
  };
  timer = setTimeout(tick, options.intervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
