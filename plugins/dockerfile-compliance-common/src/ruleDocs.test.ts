import * as path from 'node:path';
import { loadConfigSchema } from '@backstage/config-loader';
import { ruleById } from './rules';
import { RULE_DOCS_BASE_URL_KEY, readRuleDocsBaseUrl, ruleDocsUrl } from './ruleDocs';

/** The part of a Backstage Config the reader uses, over flat keys. */
function config(values: Record<string, string>) {
  return { getOptionalString: (key: string) => values[key] };
}

const DOCS = 'https://git.example/acme/hg/blob/main/plugins/dockerfile-compliance-common';

describe('ruleDocsUrl', () => {
  it("resolves the rule's docsPath against the package folder, with or without its trailing slash", () => {
    const rule = ruleById('GDS009')!;
    expect(ruleDocsUrl(DOCS, rule)).toBe(`${DOCS}/docs/rules/GDS009.md`);
    expect(ruleDocsUrl(`${DOCS}/`, rule)).toBe(`${DOCS}/docs/rules/GDS009.md`);
    expect(ruleDocsUrl('https://docs.example/hg/', { docsPath: '/docs/rules/GDS001.md' })).toBe('https://docs.example/hg/docs/rules/GDS001.md');
    expect(ruleDocsUrl('https://docs.example/a b/', rule)).toBe('https://docs.example/a%20b/docs/rules/GDS009.md');
  });
});

describe('readRuleDocsBaseUrl', () => {
  it('reads hardenedGo.ruleDocsBaseUrl; unset is undefined', () => {
    const warn = jest.fn();
    expect(RULE_DOCS_BASE_URL_KEY).toBe('hardenedGo.ruleDocsBaseUrl');
    expect(readRuleDocsBaseUrl(config({ 'hardenedGo.ruleDocsBaseUrl': DOCS }), { warn })).toBe(DOCS);
    expect(readRuleDocsBaseUrl(config({}), { warn })).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  it.each(['hardenedGo.docsBaseUrl', 'hardenedGo.complianceView.ruleDocsBaseUrl'])('falls back to the 0.2.0 key %s, with a deprecation warning', key => {
    const warn = jest.fn();
    expect(readRuleDocsBaseUrl(config({ [key]: DOCS }), { warn })).toBe(DOCS);
    expect(warn.mock.calls).toEqual([
      [
        `The configuration key ${key} is deprecated and will not be read after this release; ` +
          'rename it to hardenedGo.ruleDocsBaseUrl (one key for the harden action, the CLI and the compliance view)',
      ],
    ]);
    // no warn callback: still read
    expect(readRuleDocsBaseUrl(config({ [key]: DOCS }))).toBe(DOCS);
  });

  it('prefers the new key, then the action key over the view key, and says which old keys are ignored', () => {
    const warn = jest.fn();
    const all = { 'hardenedGo.ruleDocsBaseUrl': DOCS, 'hardenedGo.docsBaseUrl': 'https://a.example/', 'hardenedGo.complianceView.ruleDocsBaseUrl': 'https://b.example/' };
    expect(readRuleDocsBaseUrl(config(all), { warn })).toBe(DOCS);
    expect(warn.mock.calls.map(([m]) => m)).toEqual([
      'The configuration key hardenedGo.docsBaseUrl is deprecated and ignored because hardenedGo.ruleDocsBaseUrl is set; remove it',
      'The configuration key hardenedGo.complianceView.ruleDocsBaseUrl is deprecated and ignored because hardenedGo.ruleDocsBaseUrl is set; remove it',
    ]);
    const { 'hardenedGo.ruleDocsBaseUrl': _, ...old } = all;
    expect(readRuleDocsBaseUrl(config(old))).toBe('https://a.example/');
  });

  it.each([
    ['a relative path', 'docs/rules/'],
    ['a data: URL', 'data:text/html,x'],
    ['an ftp URL', 'ftp://docs.example/hg/'],
    ['an empty string', ''],
  ])('refuses %s, naming the key it came from', (_label, value) => {
    expect(() => readRuleDocsBaseUrl(config({ 'hardenedGo.ruleDocsBaseUrl': value }))).toThrow(
      `hardenedGo.ruleDocsBaseUrl must be an absolute http(s) URL, got ${JSON.stringify(value)}`,
    );
    expect(() => readRuleDocsBaseUrl(config({ 'hardenedGo.complianceView.ruleDocsBaseUrl': value }))).toThrow(/^hardenedGo\.complianceView\.ruleDocsBaseUrl must be/);
  });
});

describe('the configuration schema of the rule docs keys', () => {
  let schema: Awaited<ReturnType<typeof loadConfigSchema>>;
  beforeAll(async () => {
    // The three packages that declare one of the keys; the apps and backends load them the same way.
    schema = await loadConfigSchema({
      dependencies: [
        '@hardened-go/plugin-dockerfile-compliance-common',
        '@hardened-go/plugin-dockerfile-compliance',
        '@hardened-go/plugin-scaffolder-backend-module-go-service',
      ],
      excludePackageDependencies: true,
    });
  }, 120_000);

  const data = {
    hardenedGo: { ruleDocsBaseUrl: DOCS, docsBaseUrl: DOCS, complianceView: { ruleDocsBaseUrl: DOCS } },
  };

  it('declares hardenedGo.ruleDocsBaseUrl in this package, visible to the frontend (the view reads it)', () => {
    expect(JSON.stringify(schema.serialize())).toContain(path.join('plugins', 'dockerfile-compliance-common', 'config.d.ts'));
    const [frontend] = schema.process([{ data: data as never, context: 'app-config.yaml' }], { visibility: ['frontend'] });
    expect(frontend!.data).toEqual({ hardenedGo: { ruleDocsBaseUrl: DOCS, complianceView: { ruleDocsBaseUrl: DOCS } } });
  });

  it('marks both 0.2.0 keys deprecated', () => {
    const [processed] = schema.process([{ data: data as never, context: 'app-config.yaml' }], {
      visibility: ['frontend', 'backend', 'secret'],
      withDeprecatedKeys: true,
    });
    expect(processed!.deprecatedKeys?.map(k => k.key).sort()).toEqual(['hardenedGo.complianceView.ruleDocsBaseUrl', 'hardenedGo.docsBaseUrl']);
  });
});
