import { chooseGoVersion, goModRequiredVersion } from './goVersion';

describe('Go version of the hardened build image', () => {
  it('reads go.mod go and toolchain lines, taking the higher', () => {
    expect(goModRequiredVersion('module x\n\ngo 1.26.3\n')).toBe('1.26.3');
    expect(goModRequiredVersion('module x\ngo 1.26\ntoolchain go1.26.9\n')).toBe('1.26.9');
    expect(goModRequiredVersion('module x\ngo 1.27.1 // newest\ntoolchain go1.26.9\n')).toBe('1.27.1');
    expect(goModRequiredVersion('module x\n')).toBeUndefined();
  });

  it("keeps the policy's version when go.mod asks for the same or older", () => {
    expect(chooseGoVersion('1.26.8', ['1.26.8'], undefined)).toEqual({ version: '1.26.8' });
    expect(chooseGoVersion('1.26.8', ['1.26.8'], '1.22')).toEqual({ version: '1.26.8' });
    expect(chooseGoVersion('1.26.8', ['1.26.8'], '1.26.8')).toEqual({ version: '1.26.8' });
  });

  it('raises to the smallest supported version that satisfies a newer go.mod (numeric, not lexical)', () => {
    expect(chooseGoVersion('1.26.8', ['1.26.8', '1.26.10', '1.27.2'], '1.26.9')).toEqual({ version: '1.26.10' });
    expect(chooseGoVersion('1.26.8', ['1.27.2', '1.26.8'], '1.27')).toEqual({ version: '1.27.2' });
  });

  it('refuses a go.mod newer than every supported version, naming the key to change', () => {
    const choice = chooseGoVersion('1.26.8', ['1.26.8'], '1.27.0');
    expect(choice).toEqual({ refused: expect.stringContaining('hardenedGo.standard.supportedGoVersions') });
    expect(chooseGoVersion('1.26.8', ['1.26.8'], 'banana')).toEqual({ refused: expect.stringContaining('unreadable') });
  });
});
