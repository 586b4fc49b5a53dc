import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { ServiceParamsError, resolveServiceParams, validateServiceRequest, type ServiceRequest } from './params';

const base: ServiceRequest = {
  name: 'payments-api',
  description: 'Takes payments.',
  owner: 'group:default/team-a',
  repoUrl: 'github.com?owner=acme&repo=payments-api',
};

function issuesOf(request: ServiceRequest, policy: Policy = DEFAULT_POLICY) {
  const result = validateServiceRequest(request, policy);
  return result.ok ? [] : result.issues;
}

function messageFor(field: keyof ServiceRequest, value: unknown): string | undefined {
  return issuesOf({ ...base, [field]: value }).find(i => i.field === field)?.message;
}

describe('validateServiceRequest', () => {
  it('applies the defaults: module path from repoUrl, first supported Go, port 8080, GitHub Actions', () => {
    expect(resolveServiceParams(base, DEFAULT_POLICY)).toEqual({
      name: 'payments-api',
      description: 'Takes payments.',
      owner: 'group:default/team-a',
      modulePath: 'github.com/acme/payments-api',
      goVersion: '1.26.8',
      port: 8080,
      ci: 'github-actions',
      repoWebUrl: 'https://github.com/acme/payments-api',
    });
  });

  it('keeps explicit values', () => {
    const params = resolveServiceParams(
      { ...base, modulePath: 'example.com/pay/v2', port: 9090, ci: 'gitlab-ci', system: 'system:default/money', goVersion: '1.26.8' },
      DEFAULT_POLICY,
    );
    expect(params).toMatchObject({ modulePath: 'example.com/pay/v2', port: 9090, ci: 'gitlab-ci', system: 'system:default/money' });
  });

  it.each([
    ['a', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['', false],
    ['Payments', false],
    ['-payments', false],
    ['payments-', false],
    ['pay_ments', false],
    ['pay.ments', false],
    ['pay"ments', false],
    ['../etc', false],
    ['{{name}}', false],
    ['9lives', true],
  ])('name %j valid=%s', (name, valid) => {
    expect(messageFor('name', name) === undefined).toBe(valid);
  });

  it('explains a bad name in words a form user understands', () => {
    expect(messageFor('name', 'Payments_API')).toBe(
      `may only contain lower-case letters, digits and '-', and must start and end with a letter or digit (a DNS label like payments-api), got "Payments_API"`,
    );
    expect(messageFor('name', 'a'.repeat(64))).toBe('must be at most 63 characters (got 64)');
    expect(messageFor('name', undefined)).toMatch(/^is required/);
  });

  it.each([
    ['line\nbreak', /single line/],
    ['nul\u0000', /single line/],
    ['bidi \u202e', /bidirectional/],
    ['{{ 7*7 }}', /template syntax/],
    ['{% if x %}', /template syntax/],
    ['{# c #}', /template syntax/],
    ['${{ secrets.GITHUB_TOKEN }}', /template syntax/],
    ['${HOME}', /template syntax/],
    ['   ', /is required/],
    ['x'.repeat(301), /at most 300/],
  ])('refuses description %j', (description, message) => {
    expect(messageFor('description', description)).toMatch(message);
  });

  it('accepts quotes, backslashes, Markdown and YAML punctuation in a description (they are escaped per file)', () => {
    expect(messageFor('description', `He said "hi" \\ 'x' *bold* [a](b) key: value # not a comment & <b>`)).toBeUndefined();
  });

  it.each([
    ['team-a', true],
    ['group:default/team-a', true],
    ['user:default/jane.doe', true],
    ['Group:team-a', true],
    ['system:default/x', false],
    ['component:team', false],
    ['group:Default/team', false],
    ['team a', false],
    ['team"a', false],
    ['', false],
  ])('owner %j valid=%s', (owner, valid) => {
    expect(messageFor('owner', owner) === undefined).toBe(valid);
  });

  it('explains a bad owner', () => {
    expect(messageFor('owner', 'component:x')).toBe('must refer to a group or user, not a component, like team-a or group:default/team-a (got "component:x")');
  });

  it.each([
    [undefined, true],
    ['', true],
    ['payments', true],
    ['system:default/payments', true],
    ['group:default/payments', false],
    ['pay ments', false],
  ])('system %j valid=%s', (system, valid) => {
    expect(messageFor('system', system) === undefined).toBe(valid);
  });

  it.each([
    [1024, true],
    [65535, true],
    [8080, true],
    [80, false],
    [0, false],
    [65536, false],
    [80.5, false],
    ['8080', false],
  ])('port %j valid=%s', (port, valid) => {
    expect(messageFor('port', port) === undefined).toBe(valid);
  });

  it('explains the port range', () => {
    expect(messageFor('port', 80)).toMatch(/from 1024 to 65535 \(the service runs unprivileged/);
  });

  it('accepts only the CI providers it can generate', () => {
    expect(messageFor('ci', 'jenkins')).toBe('must be one of github-actions, gitlab-ci, got "jenkins"');
  });

  it('accepts only the policy supported Go versions', () => {
    const policy: Policy = { ...DEFAULT_POLICY, supportedGoVersions: ['1.26.8', '1.25.9'] };
    expect(issuesOf({ ...base, goVersion: '1.25.9' }, policy)).toEqual([]);
    expect(issuesOf({ ...base, goVersion: '1.24.0' }, policy)).toEqual([
      { field: 'goVersion', message: 'must be one of the Go versions the platform supports (1.26.8, 1.25.9), got "1.24.0"' },
    ]);
  });

  it('needs a module path or a repoUrl', () => {
    expect(issuesOf({ ...base, repoUrl: undefined })).toEqual([
      { field: 'modulePath', message: 'is required when no repoUrl is given (it defaults to host/owner/repo of the repository)' },
    ]);
    expect(issuesOf({ ...base, repoUrl: undefined, modulePath: 'example.com/x' })).toEqual([]);
  });

  it('refuses a repoUrl that is not a picker value', () => {
    expect(messageFor('repoUrl', 'https://github.com/acme/x')).toMatch(/must look like github.com\?owner=acme&repo=payments/);
  });

  it('reports every bad field at once, and ServiceParamsError lists them', () => {
    const bad = { name: 'X', description: '{{x}}', owner: '', port: 1, ci: 'nope', modulePath: 'nodot' };
    expect(issuesOf(bad).map(i => i.field)).toEqual(['name', 'description', 'owner', 'modulePath', 'port', 'ci']);
    expect(() => resolveServiceParams(bad, DEFAULT_POLICY)).toThrow(ServiceParamsError);
    expect(() => resolveServiceParams(bad, DEFAULT_POLICY)).toThrow(/^name: may only contain .*; port: must be a whole number/);
  });
});
