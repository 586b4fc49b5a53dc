import { viewStateFromSearch, viewStateToSearch } from './viewState';
import { sortServiceRows } from './sorting';
import { servicesCsv, servicesJson } from './export';
import { toServiceRows } from './aggregate';
import { hardeningDisplay } from './hardeningProgress';
import { compliantFile, driftedFile, serviceEntity, unknownFile } from '../__testUtils__/entities';

const rows = () => {
  const entities = [
    serviceEntity('b-service', { owner: 'team-b', outcomes: [driftedFile([['GDS001', 'error', 1], ['GDS009', 'error', 2]])] }),
    serviceEntity('a-service', { owner: 'team-a', outcomes: [compliantFile()] }),
    serviceEntity('c-service', { outcomes: [unknownFile()] }),
  ];
  entities[0]!.metadata.annotations!['hardened-go.io/last-checked'] = '2026-12-01T10:00:00.000Z';
  entities[1]!.metadata.annotations!['hardened-go.io/last-checked'] = '2026-12-02T10:00:00.000Z';
  entities[0]!.metadata.title = '=HYPERLINK("http://evil.example","click")';
  return toServiceRows(entities);
};

describe('view state in the URL', () => {
  it('round-trips filters and sort, keeping other parameters', () => {
    const state = { filters: { owner: 'group:default/team-a', status: 'drifted' as const, rule: 'GDS002' }, sort: { column: 'errors' as const, direction: 'descending' as const } };
    const params = viewStateToSearch(state, new URLSearchParams('tab=x&status=old'));
    expect(params.get('tab')).toBe('x');
    expect(viewStateFromSearch(params)).toEqual(state);
  });

  it('ignores values that are not a status, a column or a sane length', () => {
    const state = viewStateFromSearch(new URLSearchParams(`status=compliantish&sort=secret&rule=${'x'.repeat(501)}&owner=`));
    expect(state).toEqual({ filters: {} });
  });
});

describe('sortServiceRows', () => {
  it('sorts by a column either way; services without a value come last', () => {
    const byErrors = sortServiceRows(rows(), { column: 'errors', direction: 'descending' }).map(r => r.name);
    expect(byErrors).toEqual(['b-service', 'a-service', 'c-service']);
    const byChecked = sortServiceRows(rows(), { column: 'checked', direction: 'ascending' }).map(r => r.name);
    expect(byChecked).toEqual(['b-service', 'a-service', 'c-service']);
    const byCheckedDesc = sortServiceRows(rows(), { column: 'checked', direction: 'descending' }).map(r => r.name);
    expect(byCheckedDesc).toEqual(['a-service', 'b-service', 'c-service']);
    const byOwner = sortServiceRows(rows(), { column: 'owner', direction: 'descending' }).map(r => r.name);
    expect(byOwner).toEqual(['b-service', 'a-service', 'c-service']);
  });
});

describe('export', () => {
  it('writes CSV with quoting and a guard against spreadsheet formulas', () => {
    const csv = servicesCsv(rows());
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('entityRef,name,title,owner,system,status,errors,warnings,info,standardVersion,lastChecked,rules');
    expect(lines).toHaveLength(4);
    const b = lines.find(l => l.startsWith('component:default/b-service'))!;
    expect(b).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(b).toContain(',drifted,2,0,0,v1,2026-12-01T10:00:00.000Z,GDS001 GDS009');
  });

  it('writes JSON records with the same fields', () => {
    const json = JSON.parse(servicesJson(rows()));
    expect(json.map((s: { name: string }) => s.name)).toEqual(['a-service', 'b-service', 'c-service']);
    expect(json[1]).toMatchObject({ status: 'drifted', errors: 2, rules: ['GDS001', 'GDS009'], owner: 'group:default/team-b' });
  });

  // the page's Pull request column: b-service has an open one, a-service's task failed, c-service has none
  const hardening = () =>
    new Map([
      [
        'component:default/b-service',
        hardeningDisplay({ entityRef: 'component:default/b-service', taskId: 't1', taskStatus: 'completed', createdAt: '2026-12-02T10:00:00.000Z', pullRequest: { url: 'https://github.com/acme/b/pull/7', state: 'open' } }),
      ],
      ['component:default/a-service', hardeningDisplay({ entityRef: 'component:default/a-service', taskId: 't2', taskStatus: 'failed', createdAt: '2026-12-02T10:00:00.000Z', error: 'boom' })],
    ]);

  it('adds each service\'s pull request state and link when the page shows them', () => {
    const lines = servicesCsv(rows(), hardening()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('entityRef,name,title,owner,system,status,errors,warnings,info,standardVersion,lastChecked,rules,pullRequest,pullRequestUrl');
    expect(lines.find(l => l.startsWith('component:default/b-service'))).toMatch(/,GDS001 GDS009,open,https:\/\/github\.com\/acme\/b\/pull\/7$/);
    expect(lines.find(l => l.startsWith('component:default/a-service'))).toMatch(/,failed,$/);
    expect(lines.find(l => l.startsWith('component:default/c-service'))).toMatch(/,,$/);
    const json = JSON.parse(servicesJson(rows(), hardening()));
    expect(json.map((s: { pullRequest: string; pullRequestUrl: string }) => [s.pullRequest, s.pullRequestUrl])).toEqual([
      ['failed', ''],
      ['open', 'https://github.com/acme/b/pull/7'],
      ['', ''],
    ]);
  });

  it('leaves the pull request fields out when their states are not available (rather than claiming none)', () => {
    expect(servicesCsv(rows()).split('\r\n')[0]).not.toContain('pullRequest');
    expect(JSON.parse(servicesJson(rows()))[0]).not.toHaveProperty('pullRequest');
  });
});
