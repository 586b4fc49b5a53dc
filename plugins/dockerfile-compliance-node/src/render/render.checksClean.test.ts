/**
 * The renderer and the checker are two halves of one standard: whatever the renderer
 * produces for a policy must check with ZERO findings (info included) under that policy.
 */
import fc from 'fast-check';
import { checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile, type ServiceImageParams } from './render';

const NOW = { now: new Date('2026-11-26T00:00:00Z') };
const DIGEST = `sha256:${'9f'.repeat(32)}`;

const POLICIES: Array<[string, Policy]> = [
  ['the defaults', policyFromConfig(undefined)],
  ['a newer Go and an older Alpine', policyFromConfig({ goVersion: '1.27.1', alpineVersion: '3.22' })],
  ['several supported Go versions', policyFromConfig({ supportedGoVersions: ['1.26.8', '1.26.10', '1.27.0'] })],
  ['another unprivileged user', policyFromConfig({ user: '10001:10001' })],
  ['a user in the root group', policyFromConfig({ user: '1000:0' })],
  ['required digests', policyFromConfig({ requireDigest: true })],
  ['another standard version', policyFromConfig({ version: '2026.1' })],
  ['a pinned non-scratch final base', policyFromConfig({ finalBases: ['gcr.io/distroless/static-debian12:1.0.0'] })],
  ['a digest-pinned non-scratch final base with required digests', policyFromConfig({ requireDigest: true, finalBases: [`gcr.io/distroless/static-debian12@${DIGEST}`] })],
  ['every rule forced to error', policyFromConfig({ rules: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`GDS${String(i + 1).padStart(3, '0')}`, { severity: 'error' }])) })],
  ['a rollout already enforced', policyFromConfig({ rules: { GDS011: { mode: 'enforce', enforceAfter: '2026-01-01' } } })],
];

const PARAMS: Array<[string, ServiceImageParams]> = [
  ['a root package without a port', { binaryName: 'worker' }],
  ['a cmd package with a port', { binaryName: 'orders-api', mainPackage: './cmd/orders-api', port: 8080 }],
  ['tzdata embedded by build tag', { binaryName: 'tz', buildTags: ['timetzdata'], port: 443 }],
  ['several build tags and -X variables', { binaryName: 'svc.v2', mainPackage: 'internal/app', buildTags: ['netgo', 'osusergo'], ldflagsX: { 'main.version': '1.2.3', 'main.commit': 'abcdef0' }, port: 65535 }],
];

function paramsFor(policy: Policy, params: ServiceImageParams): ServiceImageParams {
  return policy.requireDigest ? { ...params, buildImageDigest: DIGEST } : params;
}

describe('a rendered Dockerfile checks clean under the policy it was rendered for', () => {
  describe.each(POLICIES)('%s', (_name, policy) => {
    it.each(PARAMS)('%s', (_label, params) => {
      for (const goVersion of policy.supportedGoVersions) {
        const text = renderDockerfile(policy, { ...paramsFor(policy, params), goVersion });
        const result = checkDockerfile(text, policy, NOW);
        expect({ goVersion, findings: result.findings }).toEqual({ goVersion, findings: [] });
        expect(result.status).toBe('compliant');
        expect(result.standardVersion).toBe(policy.standardVersion);
      }
    });
  });

  it('for any valid parameters (property)', () => {
    const segment = fc.stringMatching(/^[a-z0-9_][a-z0-9._-]{0,8}$/);
    fc.assert(
      fc.property(
        fc.record({
          binaryName: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
          mainPackage: fc.oneof(fc.constant('.'), fc.array(segment, { minLength: 1, maxLength: 3 }).map(s => `./${s.join('/')}`)),
          buildTags: fc.array(fc.stringMatching(/^[A-Za-z0-9_.]{1,10}$/), { maxLength: 3 }),
          port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        }),
        fc.constantFrom(...POLICIES.map(([, p]) => p)),
        (params, policy) => {
          const result = checkDockerfile(renderDockerfile(policy, paramsFor(policy, params)), policy, NOW);
          expect(result.findings).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
