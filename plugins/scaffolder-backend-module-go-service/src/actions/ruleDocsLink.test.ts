import { ruleById } from '@hardened-go/plugin-dockerfile-compliance-common';
import { ruleDocsLinkFromConfig } from './ruleDocsLink';

/** The part of RootConfigService the link reads, over flat keys. */
function config(values: Record<string, string>) {
  return { getOptionalString: (key: string) => values[key] };
}

const GDS009 = ruleById('GDS009')!;
const DOCS = 'https://git.example/acme/hg/blob/main/plugins/dockerfile-compliance-common';

describe('ruleDocsLinkFromConfig', () => {
  it('resolves the rule docs against hardenedGo.ruleDocsBaseUrl, without a warning', () => {
    const logger = { warn: jest.fn() };
    const link = ruleDocsLinkFromConfig(config({ 'hardenedGo.ruleDocsBaseUrl': DOCS, 'app.baseUrl': 'https://portal.example' }), { logger });
    expect(link(GDS009)).toBe(`${DOCS}/docs/rules/GDS009.md`);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("links to the portal rule page under app.baseUrl when no docs URL is configured, else this project's rule page", () => {
    expect(ruleDocsLinkFromConfig(config({ 'app.baseUrl': 'https://portal.example/' }))(GDS009)).toBe('https://portal.example/dockerfile-compliance/rules/GDS009');
    expect(ruleDocsLinkFromConfig(config({}))(GDS009)).toBe('https://github.com/hardened-go/hardened-go/blob/main/plugins/dockerfile-compliance-common/docs/rules/GDS009.md');
  });

  it.each(['hardenedGo.docsBaseUrl', 'hardenedGo.complianceView.ruleDocsBaseUrl'])('still reads the 0.2.0 key %s and warns through the logger', key => {
    const logger = { warn: jest.fn() };
    const link = ruleDocsLinkFromConfig(config({ [key]: `${DOCS}/`, 'app.baseUrl': 'https://portal.example' }), { logger });
    expect(link(GDS009)).toBe(`${DOCS}/docs/rules/GDS009.md`);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      `The configuration key ${key} is deprecated and will not be read after this release; rename it to hardenedGo.ruleDocsBaseUrl (one key for the harden action, the CLI and the compliance view)`,
    );
  });

  it('prefers hardenedGo.ruleDocsBaseUrl and says the old key is ignored', () => {
    const logger = { warn: jest.fn() };
    const link = ruleDocsLinkFromConfig(config({ 'hardenedGo.ruleDocsBaseUrl': DOCS, 'hardenedGo.docsBaseUrl': 'https://old.example/' }), { logger });
    expect(link(GDS009)).toBe(`${DOCS}/docs/rules/GDS009.md`);
    expect(logger.warn).toHaveBeenCalledWith('The configuration key hardenedGo.docsBaseUrl is deprecated and ignored because hardenedGo.ruleDocsBaseUrl is set; remove it');
  });

  it('fails at startup on a value that is not an absolute http(s) URL, naming the key', () => {
    expect(() => ruleDocsLinkFromConfig(config({ 'hardenedGo.ruleDocsBaseUrl': 'docs/' }))).toThrow('hardenedGo.ruleDocsBaseUrl must be an absolute http(s) URL, got "docs/"');
    expect(() => ruleDocsLinkFromConfig(config({ 'hardenedGo.docsBaseUrl': 'ftp://docs.example/hg/' }))).toThrow(/^hardenedGo\.docsBaseUrl must be an absolute http\(s\) URL/);
    expect(() => ruleDocsLinkFromConfig(config({ 'app.baseUrl': 'portal' }))).toThrow(/^app\.baseUrl must be/);
  });
});
