/** Catalog entities as the drift processor leaves them, built with the processor's own writer. */
import type { Entity } from '@backstage/catalog-model';
// The processor's own annotation writer: the view is tested against exactly what the backend writes.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { driftMetadata, type FileOutcome } from '@hardened-go/plugin-catalog-backend-module-dockerfile-drift';

export function serviceEntity(name: string, options: { owner?: string; system?: string; outcomes?: FileOutcome[]; version?: string } = {}): Entity {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: {} },
    spec: { type: 'service', lifecycle: 'production', owner: options.owner ?? 'team-a', ...(options.system ? { system: options.system } : {}) },
  };
  if (options.outcomes) {
    const drift = driftMetadata(options.outcomes, options.version ?? 'v1');
    entity.metadata.labels = drift.labels;
    entity.metadata.annotations = { ...entity.metadata.annotations, ...drift.annotations };
  }
  return entity;
}

const ZERO = { error: 0, warning: 0, info: 0 };

export function compliantFile(path = 'Dockerfile'): FileOutcome {
  return { path, url: `http://git.example/repo/${path}`, status: 'compliant', counts: { ...ZERO }, findings: [], more: 0 };
}

export function driftedFile(findings: Array<[rule: string, severity: 'error' | 'warning' | 'info', line: number]>, path = 'Dockerfile'): FileOutcome {
  const counts = { ...ZERO };
  for (const [, severity] of findings) counts[severity] += 1;
  return {
    path,
    url: `http://git.example/repo/${path}`,
    status: counts.error + counts.warning > 0 ? 'drifted' : 'compliant',
    counts,
    findings: findings.map(([rule, severity, line]) => ({ rule, severity, line, message: `${rule} finding on line ${line}` })),
    more: 0,
  };
}

export function unknownFile(path = 'Dockerfile'): FileOutcome {
  return { path, url: `http://git.example/repo/${path}`, status: 'unknown', counts: { ...ZERO }, findings: [], more: 0, reasonCode: 'not-found', reason: 'no Dockerfile at this location (HTTP 404)' };
}
