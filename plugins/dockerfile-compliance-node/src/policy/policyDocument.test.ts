import { DEFAULT_POLICY, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { PolicyDocumentError, policyVersionOf, readPolicyDocument, toPolicyDocument } from './policyDocument';

const withModes = policyFromConfig({ rules: { GDS007: { mode: 'enforce', enforceAfter: '2027-01-01' }, GDS002: { mode: 'inform' } } });

describe('policy documents', () => {
  it('read back as the same policy and version, through JSON', () => {
    for (const policy of [DEFAULT_POLICY, withModes]) {
      const sent = toPolicyDocument(policy, { ruleDocsBaseUrl: 'https://portal.example.com/docs/rules/' });
      const { document, policy: read } = readPolicyDocument(JSON.parse(JSON.stringify(sent)));
      expect(read).toEqual(policy);
      expect(document).toEqual(sent);
    }
  });

  it('version the content: a changed mode or deadline is a new version, key order is not', () => {
    const v = policyVersionOf(withModes);
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(policyVersionOf(DEFAULT_POLICY)).not.toBe(v);
    expect(policyVersionOf(policyFromConfig({ rules: { GDS007: { mode: 'enforce', enforceAfter: '2027-01-02' }, GDS002: { mode: 'inform' } } }))).not.toBe(v);
    expect(policyVersionOf(policyFromConfig({ rules: { GDS002: { mode: 'inform' }, GDS007: { enforceAfter: '2027-01-01', mode: 'enforce' } } }))).toBe(v);
  });

  it('refuse another format, an invalid standard, and a version that does not match the content', () => {
    const good = JSON.parse(JSON.stringify(toPolicyDocument(withModes)));
    const bad: Array<[unknown, RegExp]> = [
      [null, /not a JSON object/],
      [[good], /not a JSON object/],
      [{ ...good, apiVersion: 'hardened-go.io/v2' }, /not a hardened-go.io\/v1 Policy/],
      [{ ...good, standard: 'v1' }, /no standard object/],
      [{ ...good, standard: { ...good.standard, rules: { GDS999: { mode: 'warn' } } } }, /standard\.rules\.GDS999 is not a rule/],
      [{ ...good, standard: { ...good.standard, user: '0:0' } }, /standard\.user must not be root/],
      [{ ...good, standard: { ...good.standard, rules: {} } }, /do not match its content/],
      [{ ...good, standardVersion: 'v9' }, /do not match its content/],
      [{ ...good, ruleDocsBaseUrl: 'not a url' }, /ruleDocsBaseUrl/],
    ];
    for (const [value, message] of bad) {
      expect(() => readPolicyDocument(value)).toThrow(PolicyDocumentError);
      expect(() => readPolicyDocument(value)).toThrow(message);
    }
  });
});
