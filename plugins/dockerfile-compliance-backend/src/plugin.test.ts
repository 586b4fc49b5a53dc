import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readPolicyDocument } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { AddressInfo } from 'node:net';
import { matchesETag, requestedDays, requestedEntityRef } from './router';
import { dockerfileCompliancePlugin } from './plugin';

// The real plugin in a real (test) backend over HTTP; only the config and credentials are Backstage's mocks.
async function start(standard: object, catalog = catalogServiceMock.mock(), more: object = {}) {
  const { server } = await startTestBackend({
    features: [
      dockerfileCompliancePlugin,
      catalog.factory,
      // the test backend lets anonymous requests in as a user by default; a real backend does not
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      // the history (its tables, its task) is tested on SQLite and PostgreSQL in history.test.ts and
      // test/history; off here, where Backstage's mock database would leave its SQLite pool open
      mockServices.rootConfig.factory({ data: { hardenedGo: { standard, ruleDocsBaseUrl: 'https://portal.example.com/docs/rules/', history: { enabled: false }, ...more } } }),
    ],
  });
  return `http://localhost:${(server.address() as AddressInfo).port}/api/dockerfile-compliance/policy`;
}

describe('GET /api/dockerfile-compliance/policy', () => {
  it('serves the effective policy to a user or a service, with an ETag, and 304 to a matching If-None-Match', async () => {
    const url = await start({ rules: { GDS007: { mode: 'enforce', enforceAfter: '2027-01-01' } } });
    const res = await fetch(url, { headers: { Authorization: mockCredentials.service.header() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // parsed here, as the CLI does (a body parsed by fetch belongs to another realm under Jest)
    const body = JSON.parse(await res.text());
    const { policy, document } = readPolicyDocument(body);
    expect(policy.rules).toEqual({ GDS007: { mode: 'enforce', enforceAfter: '2027-01-01' } });
    expect(document.ruleDocsBaseUrl).toBe('https://portal.example.com/docs/rules/');
    expect(res.headers.get('etag')).toBe(`"${document.policyVersion}"`);

    const again = await fetch(url, { headers: { Authorization: mockCredentials.user.header(), 'If-None-Match': `W/"other", "${document.policyVersion}"` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(`"${document.policyVersion}"`);

    const stale = await fetch(url, { headers: { Authorization: mockCredentials.user.header(), 'If-None-Match': '"0000000000000000"' } });
    expect(stale.status).toBe(200);
  });

  it('refuses a caller without credentials or with a bad token', async () => {
    const url = await start({});
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { Authorization: mockCredentials.user.invalidHeader() } })).status).toBe(401);
  });

  it('fails startup on an invalid policy, naming the key', async () => {
    await expect(start({ user: 'root' })).rejects.toThrow(/hardenedGo\.standard\.user/);
  });

  it('fails startup on an invalid reminder setting, naming the key (reminders: test/notifications)', async () => {
    await expect(start({}, undefined, { notifications: { enabled: true, deadlineWarningDays: 0 } })).rejects.toThrow(/hardenedGo\.notifications\.deadlineWarningDays/);
  });
});

describe('GET /api/dockerfile-compliance/history', () => {
  it('answers 404, saying why, when the history is switched off', async () => {
    const url = (await start({})).replace(/\/policy$/, '/history');
    const res = await fetch(url, { headers: { Authorization: mockCredentials.user.header() } });
    expect(res.status).toBe(404);
    expect(JSON.parse(await res.text()).error.message).toMatch(/hardenedGo\.history\.enabled: false/);
    expect((await fetch(url)).status).toBe(401);
  });
});

describe('POST /api/dockerfile-compliance/refresh', () => {
  it('refreshes the entity with the caller\'s credentials, and refuses anonymous callers and what is not an entity', async () => {
    const catalog = catalogServiceMock.mock();
    const url = (await start({}, catalog)).replace(/\/policy$/, '/refresh');
    const post = (body: unknown, headers: Record<string, string> = { Authorization: mockCredentials.user.header('user:default/ops') }) =>
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post({ entityRef: 'component:default/api' }, {})).status).toBe(401);
    expect((await post({ entityRef: ':' })).status).toBe(400);
    expect((await post({ name: 'api' })).status).toBe(400);
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
    const ok = await post({ entityRef: 'Component:default/API' });
    expect(ok.status).toBe(202);
    expect(catalog.refreshEntity).toHaveBeenCalledWith('component:default/api', { credentials: expect.objectContaining({ principal: expect.objectContaining({ userEntityRef: 'user:default/ops' }) }) });
  });
});

describe('requestedEntityRef', () => {
  it('normalises a reference and defaults kind and namespace', () => {
    expect(requestedEntityRef({ entityRef: 'payments-api' })).toBe('component:default/payments-api');
    expect(() => requestedEntityRef({ entityRef: 'x'.repeat(600) })).toThrow(/give the entity/);
  });
});

describe('matchesETag', () => {
  it('compares weakly, accepts lists and *, and nothing else', () => {
    expect(matchesETag('"a"', '"a"')).toBe(true);
    expect(matchesETag('W/"a"', '"a"')).toBe(true);
    expect(matchesETag(' "b" , "a"', '"a"')).toBe(true);
    expect(matchesETag('*', '"a"')).toBe(true);
    expect(matchesETag('"ab"', '"a"')).toBe(false);
    expect(matchesETag(undefined, '"a"')).toBe(false);
    expect(matchesETag('', '"a"')).toBe(false);
  });
});

describe('requestedDays', () => {
  it('defaults to 90 (or the retention when shorter) and takes 1 to the retention, nothing else', () => {
    expect(requestedDays(undefined, 400)).toBe(90);
    expect(requestedDays(undefined, 30)).toBe(30);
    expect(requestedDays('400', 400)).toBe(400);
    for (const bad of ['0', '401', '1.5', '-3', '1e3', 'x', '', ['7', '8']]) expect(() => requestedDays(bad, 400)).toThrow(/days must be a whole number from 1 to 400/);
  });
});
