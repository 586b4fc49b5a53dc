/**
 * config.d.ts is loaded by the Backstage backend at startup (configSchema in package.json):
 * compile it with Backstage's own schema loader and check it accepts the repository's
 * app-config.yaml and rejects wrong types, so a broken schema cannot stop the portal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigSchema } from '@backstage/config-loader';
import { parse } from 'yaml';

const APP_CONFIG = path.resolve(__dirname, '../../../../app-config.yaml');

describe('config.d.ts (Backstage config schema of hardenedGo.standard)', () => {
  let schema: Awaited<ReturnType<typeof loadConfigSchema>>;

  beforeAll(async () => {
    schema = await loadConfigSchema({ dependencies: ['@hardened-go/plugin-dockerfile-compliance-common'], excludePackageDependencies: true });
  }, 120_000);

  const validate = (standard: unknown) => schema.process([{ data: { hardenedGo: { standard } } as never, context: 'test.yaml' }]);

  it('is found through the package and declares hardenedGo.standard', () => {
    const serialized = JSON.stringify(schema.serialize());
    expect(serialized).toContain('plugins/dockerfile-compliance-common/config.d.ts');
    for (const key of ['version', 'goVersion', 'alpineVersion', 'supportedGoVersions', 'finalBases', 'user', 'requireDigest', 'maxFileBytes', 'rules', 'suppressionMaxDays', 'knownFinalBases']) {
      expect(serialized).toContain(`"${key}"`);
    }
  });

  it("accepts the repository's app-config.yaml and a full example", () => {
    const appConfig = parse(fs.readFileSync(APP_CONFIG, 'utf8'));
    expect(() => schema.process([{ data: { hardenedGo: { standard: appConfig.hardenedGo.standard } }, context: 'app-config.yaml' }])).not.toThrow();
    expect(() =>
      validate({ version: 'v2', user: '1:1', requireDigest: true, maxFileBytes: 10, suppressionMaxDays: 180, knownFinalBases: [{ image: 'registry.acme.io/base/static', user: '10001:10001', names: ['svc'], caBundle: true, zoneinfo: true }], rules: { GDS009: { mode: 'enforce', enforceAfter: '2027-01-01' }, GDS011: { severity: 'off' } } }),
    ).not.toThrow();
  });

  it.each([
    ['requireDigest as a string', { requireDigest: 'yes' }],
    ['maxFileBytes as a string', { maxFileBytes: '1MiB' }],
    ['finalBases as a string', { finalBases: 'scratch' }],
    ['an unknown severity', { rules: { GDS009: { severity: 'fatal' } } }],
    ['an unknown mode', { rules: { GDS009: { mode: 'block' } } }],
  ])('rejects %s', (_label, standard) => {
    expect(() => validate(standard)).toThrow();
  });
});
