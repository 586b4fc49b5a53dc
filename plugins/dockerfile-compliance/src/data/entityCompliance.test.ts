import { ANNOTATION_FINDINGS, LABEL_COMPLIANCE } from '@hardened-go/plugin-dockerfile-compliance-common';
import { compliantFile, driftedFile, serviceEntity, unknownFile } from '../__testUtils__/entities';
import { readEntityCompliance } from './entityCompliance';

describe('readEntityCompliance (over what the drift processor writes)', () => {
  it('is undefined for an entity the processor does not cover', () => {
    expect(readEntityCompliance(serviceEntity('plain'))).toBeUndefined();
  });

  it('reads status, standard version, files and summed counts of a drifted service', () => {
    const entity = serviceEntity('orders', {
      version: 'v2',
      outcomes: [compliantFile(), driftedFile([['GDS001', 'error', 1], ['GDS007', 'warning', 7], ['GDS009', 'warning', 9]], 'deploy/worker.Dockerfile')],
    });
    const c = readEntityCompliance(entity)!;
    expect(c.status).toBe('drifted');
    expect(c.standardVersion).toBe('v2');
    expect(c.files.map(f => f.path)).toEqual(['Dockerfile', 'deploy/worker.Dockerfile']);
    expect(c.counts).toEqual({ error: 1, warning: 2, info: 0 });
    expect(c.files[1]!.findings[1]).toEqual({ rule: 'GDS007', severity: 'warning', line: 7, message: 'GDS007 finding on line 7' });
    expect(c.problem).toBeUndefined();
  });

  it('carries the reason of an unknown service', () => {
    const c = readEntityCompliance(serviceEntity('lost', { outcomes: [unknownFile()] }))!;
    expect(c.status).toBe('unknown');
    expect(c.reason).toBe('Dockerfile: no Dockerfile at this location (HTTP 404)');
  });

  it('never reports compliant when the findings annotation cannot be read', () => {
    const entity = serviceEntity('tampered', { outcomes: [compliantFile()] });
    entity.metadata.annotations![ANNOTATION_FINDINGS] = '{broken';
    const c = readEntityCompliance(entity)!;
    expect(c.status).toBe('unknown');
    expect(c.problem).toMatch(/not JSON/);
  });

  it('treats an unrecognised label value as unknown and says so', () => {
    const entity = serviceEntity('odd', { outcomes: [compliantFile()] });
    entity.metadata.labels![LABEL_COMPLIANCE] = 'green';
    const c = readEntityCompliance(entity)!;
    expect(c.status).toBe('unknown');
    expect(c.problem).toMatch(/unrecognised value "green"/);
  });
});
