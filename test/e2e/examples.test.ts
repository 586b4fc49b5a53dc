/**
 * The demo's sample services (examples/) stay true to what they claim: the compliant one is
 * byte for byte what the standard's renderer produces (regenerate with
 * `UPDATE_EXAMPLES=1 npx jest test/e2e/examples.test.ts`), each drifted one drifts for the
 * reasons its description gives, and app-config.yaml writes out exactly the default policy.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_POLICY, checkDockerfile, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile, renderDockerignore } from '@hardened-go/plugin-dockerfile-compliance-node';
import { listExampleServices } from '../../packages/backend/src/demo/exampleServices';
import { EXPECTED_EXAMPLES as EXPECTED } from './harness/expectedExamples';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const COMPLIANT_PARAMS = { binaryName: 'payments-api', port: 8080 };


async function expectFileContent(file: string, expected: string): Promise<void> {
  if (process.env.UPDATE_EXAMPLES === '1') await fs.writeFile(file, expected);
  expect(await fs.readFile(file, 'utf8')).toBe(expected);
}

describe('examples/', () => {
  it('the compliant example is exactly the rendered standard (Dockerfile and .dockerignore)', async () => {
    await expectFileContent(path.join(EXAMPLES, 'payments-api', 'Dockerfile'), renderDockerfile(DEFAULT_POLICY, COMPLIANT_PARAMS));
    await expectFileContent(
      path.join(EXAMPLES, 'payments-api', '.dockerignore'),
      renderDockerignore(DEFAULT_POLICY, COMPLIANT_PARAMS),
    );
  });

  it('the Location lists every example service, and only those', async () => {
    const services = await listExampleServices(EXAMPLES);
    expect(services.map(s => s.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s checks as described', async (name, expected) => {
    const bytes = await fs.readFile(path.join(EXAMPLES, name, expected.dockerfile));
    const result = checkDockerfile(new Uint8Array(bytes), DEFAULT_POLICY);
    const ruleIds = result.findings.filter(f => !f.suppressed).map(f => f.ruleId);
    expect(result.status).toBe(expected.status);
    if (expected.status === 'compliant') expect(result.findings).toEqual([]);
    expect(ruleIds).toEqual(expect.arrayContaining(expected.rules));
  });

  it('a custom Dockerfile path is declared with the hardened-go.io/dockerfile-path annotation', async () => {
    for (const [name, expected] of Object.entries(EXPECTED)) {
      const entity = parse(await fs.readFile(path.join(EXAMPLES, name, 'catalog-info.yaml'), 'utf8'));
      const annotation = entity.metadata.annotations?.['hardened-go.io/dockerfile-path'];
      expect(annotation ?? 'Dockerfile').toBe(expected.dockerfile);
    }
  });

  it('app-config.yaml writes out the default policy', async () => {
    const config = parse(await fs.readFile(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8'));
    expect(policyFromConfig(config.hardenedGo.standard)).toEqual(DEFAULT_POLICY);
  });
});
