import { describeIssues } from './issues';

describe('describeIssues', () => {
  it('names each issue by its path and joins them with "; "', () => {
    expect(
      describeIssues([
        { path: ['name'], message: 'must be a DNS label' },
        { path: ['files', 0, 'path'], message: 'is empty' },
        { path: [], message: 'must be an object' },
      ]),
    ).toBe('name must be a DNS label; files.0.path is empty; input must be an object');
  });

  it('lets the caller name the fields (a CLI names its flags)', () => {
    const flags: Record<string, string> = { modulePath: '--module-path' };
    expect(describeIssues([{ path: ['modulePath'], message: 'is required' }, { path: ['port'], message: 'is not a number' }], f => flags[f] ?? f)).toBe(
      '--module-path is required; port is not a number',
    );
    expect(describeIssues([])).toBe('');
  });
});
