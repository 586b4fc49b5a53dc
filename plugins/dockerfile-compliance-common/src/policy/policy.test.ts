import { DEFAULT_POLICY, PolicyError, policyDigestOf, policyToConfig } from './policy';
import { policyFromConfig } from '../policyFromConfig';
import { ALL_RULES } from '../rules';

/** The PolicyError a config value produces (fails the test if it is accepted). */
function errorOf(config: unknown): PolicyError {
  try {
    policyFromConfig(config);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return e as PolicyError;
  }
  throw new Error(`accepted ${JSON.stringify(config)}`);
}

describe('DEFAULT_POLICY', () => {
  it('is standard v1', () => {
    expect(DEFAULT_POLICY).toEqual({
      standardVersion: 'v1',
      goVersion: '1.26.8',
      alpineVersion: '3.23',
      supportedGoVersions: ['1.26.8'],
      finalBases: ['scratch'],
      user: '65534:65534',
      requireDigest: false,
      maxFileBytes: 1048576,
      rules: {},
    });
  });

  it('cannot be mutated by a consumer', () => {
    expect(() => {
      (DEFAULT_POLICY as { goVersion: string }).goVersion = '1.0.0';
    }).toThrow(TypeError);
    expect(() => DEFAULT_POLICY.finalBases.push('alpine:3.23')).toThrow(TypeError);
    expect(DEFAULT_POLICY.goVersion).toBe('1.26.8');
  });
});

describe('policyFromConfig', () => {
  it('returns the defaults for a missing or empty block', () => {
    expect(policyFromConfig(undefined)).toEqual(DEFAULT_POLICY);
    expect(policyFromConfig(null)).toEqual(DEFAULT_POLICY);
    expect(policyFromConfig({})).toEqual(DEFAULT_POLICY);
  });

  it('reads every key', () => {
    const policy = policyFromConfig({
      version: 'v2',
      goVersion: '1.26.8',
      alpineVersion: '3.22',
      supportedGoVersions: ['1.26.8', '1.27.1'],
      finalBases: ['scratch', 'gcr.io/distroless/static-debian12:nonroot'],
      user: '10001:10001',
      requireDigest: true,
      maxFileBytes: 2048,
      rules: {
        GDS011: { severity: 'off' },
        GDS009: { mode: 'enforce', enforceAfter: '2027-01-31' },
        GDS016: { mode: 'inform' },
      },
    });
    expect(policy).toEqual({
      standardVersion: 'v2',
      goVersion: '1.26.8',
      alpineVersion: '3.22',
      supportedGoVersions: ['1.26.8', '1.27.1'],
      finalBases: ['scratch', 'gcr.io/distroless/static-debian12:nonroot'],
      user: '10001:10001',
      requireDigest: true,
      maxFileBytes: 2048,
      rules: {
        GDS011: { severity: 'off' },
        GDS009: { mode: 'enforce', enforceAfter: '2027-01-31' },
        GDS016: { mode: 'inform' },
      },
    });
  });

  it('defaults supportedGoVersions to the configured goVersion', () => {
    expect(policyFromConfig({ goVersion: '1.27.0' }).supportedGoVersions).toEqual(['1.27.0']);
  });

  it('accepts every rule of the catalog except GDS000, every severity and every mode', () => {
    for (const rule of ALL_RULES.filter(r => r.id !== 'GDS000')) {
      for (const severity of ['error', 'warning', 'info', 'off']) {
        expect(policyFromConfig({ rules: { [rule.id]: { severity } } }).rules[rule.id]).toEqual({ severity });
      }
      for (const mode of ['off', 'inform', 'warn', 'enforce']) {
        expect(policyFromConfig({ rules: { [rule.id]: { mode } } }).rules[rule.id]).toEqual({ mode });
      }
    }
  });

  it('accepts image references with registry ports and digests as final bases', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const finalBases = ['registry.example.com:5000/base/static:1.2.3', `gcr.io/distroless/static@${digest}`];
    expect(policyFromConfig({ finalBases }).finalBases).toEqual(finalBases);
  });

  it('returns a fresh, mutable policy even for the defaults', () => {
    const policy = policyFromConfig(undefined);
    expect(policy).not.toBe(DEFAULT_POLICY);
    policy.rules.GDS011 = { severity: 'off' };
    expect(DEFAULT_POLICY.rules).toEqual({});
  });

  it('does not share arrays with DEFAULT_POLICY', () => {
    const policy = policyFromConfig({ user: '1000:1000' });
    policy.finalBases.push('alpine:3.23.0');
    expect(DEFAULT_POLICY.finalBases).toEqual(['scratch']);
  });

  const bad: Array<[string, unknown, string, RegExp]> = [
    ['not an object', 'v1', 'hardenedGo.standard', /must be an object, got "v1"/],
    ['a list', [], 'hardenedGo.standard', /must be an object/],
    ['an unknown key', { goversion: '1.26.8' }, 'hardenedGo.standard.goversion', /is not a known key/],
    ['standardVersion instead of version', { standardVersion: 'v1' }, 'hardenedGo.standard.standardVersion', /is not a known key/],
    ['a numeric version', { version: 1 }, 'hardenedGo.standard.version', /must be a string, got number 1/],
    ['a version with spaces', { version: 'v 1' }, 'hardenedGo.standard.version', /short version name/],
    ['a floating Go version', { goVersion: '1.26' }, 'hardenedGo.standard.goVersion', /^hardenedGo\.standard\.goVersion must be an exact Go version like 1\.26\.8, got "1\.26"$/],
    ['a go-prefixed Go version', { goVersion: 'go1.26.8' }, 'hardenedGo.standard.goVersion', /exact Go version/],
    ['a numeric Go version', { goVersion: 1.26 }, 'hardenedGo.standard.goVersion', /must be a string, got number 1.26 \(quote versions in YAML: '1.26'\)/],
    ['an unquoted YAML Alpine version (3.20 reads as 3.2)', { alpineVersion: 3.2 }, 'hardenedGo.standard.alpineVersion', /got number 3.2 \(quote versions/],
    ['an rc Go version', { goVersion: '1.27rc1' }, 'hardenedGo.standard.goVersion', /exact Go version/],
    ['a patch Alpine version', { alpineVersion: '3.23.2' }, 'hardenedGo.standard.alpineVersion', /major\.minor/],
    ['an Alpine name', { alpineVersion: 'edge' }, 'hardenedGo.standard.alpineVersion', /got "edge"/],
    ['supportedGoVersions not a list', { supportedGoVersions: '1.26.8' }, 'hardenedGo.standard.supportedGoVersions', /must be a list/],
    ['empty supportedGoVersions', { supportedGoVersions: [] }, 'hardenedGo.standard.supportedGoVersions', /must not be empty/],
    ['a floating supported version', { supportedGoVersions: ['1.26.8', '1.27'] }, 'hardenedGo.standard.supportedGoVersions[1]', /exact Go version/],
    ['a duplicate supported version', { supportedGoVersions: ['1.26.8', '1.26.8'] }, 'hardenedGo.standard.supportedGoVersions', /twice/],
    ['a supported version older than goVersion', { supportedGoVersions: ['1.26.8', '1.25.9'] }, 'hardenedGo.standard.supportedGoVersions[1]', /older than goVersion 1\.26\.8.*GDS003/],
    ['an old supported default after raising goVersion', { goVersion: '1.27.0', supportedGoVersions: ['1.26.8'] }, 'hardenedGo.standard.supportedGoVersions[0]', /older than goVersion 1\.27\.0/],
    ['empty finalBases', { finalBases: [] }, 'hardenedGo.standard.finalBases', /must not be empty/],
    ['a final base with spaces', { finalBases: ['scratch', 'alpine 3'] }, 'hardenedGo.standard.finalBases[1]', /image reference/],
    ['a final base with upper case', { finalBases: ['Alpine:3.23'] }, 'hardenedGo.standard.finalBases[0]', /image reference/],
    ['a named user', { user: 'nobody' }, 'hardenedGo.standard.user', /numeric uid:gid.*runAsNonRoot.*got "nobody"/],
    ['a uid without gid', { user: '65534' }, 'hardenedGo.standard.user', /numeric uid:gid/],
    ['root', { user: '0:0' }, 'hardenedGo.standard.user', /must not be root/],
    ['root with another group', { user: '0:65534' }, 'hardenedGo.standard.user', /must not be root/],
    ['leading zeros', { user: '065534:65534' }, 'hardenedGo.standard.user', /numeric uid:gid/],
    ['a uid beyond 32 bits', { user: '4294967295:1' }, 'hardenedGo.standard.user', /above 4294967294/],
    ['a numeric user', { user: 65534 }, 'hardenedGo.standard.user', /must be a string/],
    ['requireDigest as a string', { requireDigest: 'true' }, 'hardenedGo.standard.requireDigest', /must be true or false, got "true"/],
    ['imageDigests as a map', { imageDigests: { 'golang:1.26.8-alpine3.23': 'sha256:00' } }, 'hardenedGo.standard.imageDigests', /must be a list of \{ image, digest \}/],
    ['an imageDigests image without a tag', { imageDigests: [{ image: 'golang', digest: `sha256:${'a'.repeat(64)}` }] }, 'hardenedGo.standard.imageDigests[0].image', /with a tag/],
    ['an imageDigests image with a registry port but no tag', { imageDigests: [{ image: 'registry:5000/golang', digest: `sha256:${'a'.repeat(64)}` }] }, 'hardenedGo.standard.imageDigests[0].image', /with a tag/],
    ['an imageDigests image with a digest', { imageDigests: [{ image: `golang:1.26.8@sha256:${'a'.repeat(64)}`, digest: `sha256:${'a'.repeat(64)}` }] }, 'hardenedGo.standard.imageDigests[0].image', /without a digest/],
    ['a short digest', { imageDigests: [{ image: 'golang:1.26.8-alpine3.23', digest: 'sha256:abc' }] }, 'hardenedGo.standard.imageDigests[0].digest', /64 lower-case hex/],
    ['an upper-case digest', { imageDigests: [{ image: 'golang:1.26.8-alpine3.23', digest: `sha256:${'A'.repeat(64)}` }] }, 'hardenedGo.standard.imageDigests[0].digest', /64 lower-case hex/],
    ['an image listed twice', { imageDigests: [{ image: 'golang:1.26.8', digest: `sha256:${'a'.repeat(64)}` }, { image: 'golang:1.26.8', digest: `sha256:${'b'.repeat(64)}` }] }, 'hardenedGo.standard.imageDigests[1].image', /twice/],
    ['an unknown imageDigests key', { imageDigests: [{ image: 'golang:1.26.8', digest: `sha256:${'a'.repeat(64)}`, platform: 'linux/amd64' }] }, 'hardenedGo.standard.imageDigests[0].platform', /not a known key/],
    ['maxFileBytes as a string', { maxFileBytes: '1MiB' }, 'hardenedGo.standard.maxFileBytes', /whole number of bytes/],
    ['a zero maxFileBytes', { maxFileBytes: 0 }, 'hardenedGo.standard.maxFileBytes', /between 1 and/],
    ['a fractional maxFileBytes', { maxFileBytes: 10.5 }, 'hardenedGo.standard.maxFileBytes', /whole number/],
    ['a huge maxFileBytes', { maxFileBytes: 1e12 }, 'hardenedGo.standard.maxFileBytes', /between 1 and 67108864/],
    ['rules as a list', { rules: ['GDS001'] }, 'hardenedGo.standard.rules', /keyed by rule ID/],
    ['an unknown rule', { rules: { GDS999: { severity: 'off' } } }, 'hardenedGo.standard.rules.GDS999', /is not a rule of the standard/],
    ['a lower-case rule ID', { rules: { gds001: { severity: 'off' } } }, 'hardenedGo.standard.rules.gds001', /is not a rule of the standard/],
    ['GDS000', { rules: { GDS000: { severity: 'off' } } }, 'hardenedGo.standard.rules.GDS000', /cannot be configured/],
    ['a rule set to a string', { rules: { GDS001: 'off' } }, 'hardenedGo.standard.rules.GDS001', /must be an object/],
    ['an unknown rule key', { rules: { GDS001: { level: 'off' } } }, 'hardenedGo.standard.rules.GDS001.level', /is not a known key \(allowed: severity, mode, enforceAfter\)/],
    ['an unknown severity', { rules: { GDS001: { severity: 'critical' } } }, 'hardenedGo.standard.rules.GDS001.severity', /one of error, warning, info, off, got "critical"/],
    ['an upper-case severity', { rules: { GDS001: { severity: 'ERROR' } } }, 'hardenedGo.standard.rules.GDS001.severity', /one of error/],
    ['an unknown mode', { rules: { GDS001: { mode: 'block' } } }, 'hardenedGo.standard.rules.GDS001.mode', /one of off, inform, warn, enforce, got "block"/],
    ['both severity and mode', { rules: { GDS001: { severity: 'error', mode: 'warn' } } }, 'hardenedGo.standard.rules.GDS001', /both severity and mode/],
    ['an impossible date', { rules: { GDS001: { mode: 'enforce', enforceAfter: '2026-02-30' } } }, 'hardenedGo.standard.rules.GDS001.enforceAfter', /real date written YYYY-MM-DD, got "2026-02-30"/],
    ['a date with time', { rules: { GDS001: { mode: 'enforce', enforceAfter: '2026-02-01T00:00:00Z' } } }, 'hardenedGo.standard.rules.GDS001.enforceAfter', /YYYY-MM-DD/],
    ['a YAML date object', { rules: { GDS001: { mode: 'enforce', enforceAfter: new Date('2026-02-01') } } }, 'hardenedGo.standard.rules.GDS001.enforceAfter', /must be a string/],
    ['a month 13', { rules: { GDS001: { mode: 'enforce', enforceAfter: '2026-13-01' } } }, 'hardenedGo.standard.rules.GDS001.enforceAfter', /real date/],
    ['enforceAfter without enforce', { rules: { GDS001: { mode: 'warn', enforceAfter: '2026-12-01' } } }, 'hardenedGo.standard.rules.GDS001.enforceAfter', /only applies with mode: enforce/],
    ['enforceAfter alone', { rules: { GDS001: { enforceAfter: '2026-12-01' } } }, 'hardenedGo.standard.rules.GDS001.enforceAfter', /only applies with mode: enforce/],
  ];

  it.each(bad)('rejects %s, naming the key', (_label, config, key, message) => {
    const error = errorOf(config);
    expect(error.key).toBe(key);
    expect(error.message.startsWith(`${key} `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('accepts a leap day', () => {
    expect(policyFromConfig({ rules: { GDS001: { mode: 'enforce', enforceAfter: '2028-02-29' } } }).rules.GDS001).toEqual({
      mode: 'enforce',
      enforceAfter: '2028-02-29',
    });
    expect(errorOf({ rules: { GDS001: { mode: 'enforce', enforceAfter: '2027-02-29' } } }).key).toBe(
      'hardenedGo.standard.rules.GDS001.enforceAfter',
    );
  });

  it('anchors errors at another key path when asked', () => {
    expect(() => policyFromConfig({ user: 'root' }, 'standard')).toThrow(/^standard\.user must be a numeric/);
  });
});

describe('policyToConfig', () => {
  it('reads back as the same policy, for the defaults and for a policy that sets every key', () => {
    const full = policyFromConfig({
      version: 'v2',
      goVersion: '1.26.8',
      alpineVersion: '3.22',
      supportedGoVersions: ['1.26.8', '1.27.1'],
      finalBases: ['scratch', 'gcr.io/distroless/static-debian12:nonroot'],
      user: '10001:10001',
      requireDigest: true,
      maxFileBytes: 4096,
      rules: { GDS007: { mode: 'enforce', enforceAfter: '2027-01-01' }, GDS009: { severity: 'off' }, GDS002: { mode: 'inform' } },
      suppressionMaxDays: 30,
      knownFinalBases: [{ image: 'registry.acme.io/base/static:*', user: '65532:65532', names: ['nonroot'], caBundle: true, zoneinfo: false }],
      imageDigests: [{ image: 'golang:1.26.8-alpine3.22', digest: `sha256:${'0a'.repeat(32)}` }],
    });
    expect(policyDigestOf(full, 'golang:1.26.8-alpine3.22')).toBe(`sha256:${'0a'.repeat(32)}`);
    expect(policyDigestOf(full, 'golang:1.26.8-alpine3.23')).toBeUndefined();
    for (const policy of [DEFAULT_POLICY, full]) {
      const config = policyToConfig(policy);
      expect(config.version).toBe(policy.standardVersion);
      expect(config).not.toHaveProperty('standardVersion');
      expect(policyFromConfig(config)).toEqual(policy);
    }
  });

  it('returns a plain copy: changing it leaves the (frozen) policy alone', () => {
    const config = policyToConfig(DEFAULT_POLICY);
    (config.finalBases as string[]).push('alpine:3.23');
    expect(DEFAULT_POLICY.finalBases).toEqual(['scratch']);
  });
});
