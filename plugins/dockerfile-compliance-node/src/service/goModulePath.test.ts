import { goModulePathProblem, modulePathFromRepo, parseRepoUrl } from './goModulePath';

describe('goModulePathProblem', () => {
  // Expectations recorded from golang.org/x/mod@v0.42.0 module.CheckPath (valid = true).
  // Deliberately stricter than Go in one place: a host must end in a letter or digit.
  const cases: Array<[string, boolean]> = [
    ['example.com', true],
    ['github.com/acme/payments', true],
    ['github.com/Acme/Pay.ments', true],
    ['example.com/foo/v2', true],
    ['example.com/foo/v10', true],
    ['example.com/v2', true],
    ['example.com/x_y', true],
    ['example.com/a~', true],
    ['example.com/A~B', true],
    ['example.com/x.v0', true],
    ['gopkg.in/yaml.v3', true],
    ['a.b/c/d/e', true],
    ['example.com/foo/v1', false],
    ['example.com/foo/v0', false],
    ['example.com/foo/v01', false],
    ['example.com/foo/v2.0', false],
    ['example.com/v1', false],
    ['Example.com/x', false],
    ['example.com/x~1', false],
    ['example.com/.x', false],
    ['example.com/x.', false],
    ['-example.com/x', false],
    ['example.com/con', false],
    ['example.com/con.txt', false],
    ['example.com/aux.go', false],
    ['example.com/com1', false],
    ['example.com/x+y', false],
    ['localhost/x', false],
    ['example.com:8080/x', false],
    ['example.com/a b', false],
    ['example.com/a/', false],
    ['example.com/é', false],
    // break-out attempts
    ['example.com/x"\nrequire evil v1.0.0', false],
    ['example.com/../etc', false],
    ['example.com/{{ 7*7 }}', false],
    ['', false],
  ];

  it.each(cases)('%j valid=%s', (path, valid) => {
    expect(goModulePathProblem(path) === undefined).toBe(valid);
  });

  it('explains what is wrong', () => {
    expect(goModulePathProblem('payments')).toMatch(/host name containing a dot, like github.com\/acme\/payments/);
    expect(goModulePathProblem('example.com/foo/v1')).toMatch(/major version suffix of v2 or higher/);
  });
});

describe('repoUrl', () => {
  it('derives host/owner/repo', () => {
    const parsed = parseRepoUrl('github.com?owner=acme&repo=payments');
    expect(parsed).toEqual({ host: 'github.com', owner: 'acme', repo: 'payments' });
    expect(modulePathFromRepo(parsed as never)).toBe('github.com/acme/payments');
  });

  it('supports a host with a port and a repo without owner', () => {
    const parsed = parseRepoUrl('git.example.com:8443?repo=payments');
    expect(modulePathFromRepo(parsed as never)).toBe('git.example.com/payments');
  });

  it.each(['github.com', 'github.com?owner=acme', 'github.com/x?repo=y', 'github.com?owner=a&repo=..', 'github.com?owner=a b&repo=y', 'u:p@github.com?repo=x'])(
    'refuses %j',
    value => {
      expect(typeof parseRepoUrl(value)).toBe('string');
    },
  );
});
