import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCheckPool } from '@hardened-go/plugin-dockerfile-compliance-node';
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { catalogApiRoot, fetchDriftedEntities, MAX_RESPONSE_BYTES } from './catalogClient';
import { buildPlan, normalizeOwnerRef, previewFix, recordedFiles, selectServices } from './plan';
import { rawFileUrl } from './readRemoteFile';

describe('rawFileUrl', () => {
  it.each([
    ['https://github.com/acme/orders/blob/main/deploy/Dockerfile', 'https://raw.githubusercontent.com/acme/orders/main/deploy/Dockerfile'],
    ['https://github.com/acme/orders/tree/main/Dockerfile', 'https://raw.githubusercontent.com/acme/orders/main/Dockerfile'],
    ['https://ghe.acme.io/acme/orders/blob/main/Dockerfile', 'https://ghe.acme.io/acme/orders/raw/main/Dockerfile'],
    ['https://gitlab.com/acme/team/orders/-/blob/main/Dockerfile', 'https://gitlab.com/acme/team/orders/-/raw/main/Dockerfile'],
    ['http://127.0.0.1:3000/acme/orders/src/branch/main/Dockerfile', 'http://127.0.0.1:3000/acme/orders/raw/branch/main/Dockerfile'],
    ['https://bitbucket.org/acme/orders/src/main/Dockerfile', 'https://bitbucket.org/acme/orders/raw/main/Dockerfile'],
    ['http://127.0.0.1:7008/repos/svc/Dockerfile', 'http://127.0.0.1:7008/repos/svc/Dockerfile'],
  ])('%s', (web, raw) => expect(rawFileUrl(web)).toBe(raw));
});

describe('owners', () => {
  it('normalises owner refs the way the catalog resolves them (kind group, the entity namespace)', () => {
    expect(normalizeOwnerRef('team-a')).toBe('group:default/team-a');
    expect(normalizeOwnerRef('Group:Default/Team-A')).toBe('group:default/team-a');
    expect(normalizeOwnerRef('user:jane')).toBe('user:default/jane');
    expect(normalizeOwnerRef('team-a', 'payments')).toBe('group:payments/team-a');
  });
  it('filters services by normalised owner', () => {
    const e = (name: string, owner?: string) => ({ kind: 'Component', metadata: { name }, spec: owner === undefined ? {} : { owner } });
    const picked = selectServices([e('a', 'team-a'), e('b', 'group:default/team-b'), e('c')], ['group:team-a']);
    expect(picked.map((p) => [p.entity.metadata.name, p.owner])).toEqual([['a', 'group:default/team-a']]);
    expect(selectServices([e('c')], []).map((p) => p.owner)).toEqual(['(no owner)']);
  });
});

describe('plan pieces', () => {
  it('a malformed findings annotation is named, and the URL list still gives the files', () => {
    const r = recordedFiles({ kind: 'Component', metadata: { name: 'x', annotations: { 'hardened-go.io/dockerfile-findings': '{', 'hardened-go.io/dockerfile-url': 'http://h/a/Dockerfile' } } });
    expect(r.problem).toContain('not JSON');
    expect(r.files.map((f) => f.url)).toEqual(['http://h/a/Dockerfile']);
  });
  it('previewFix: unreadable text is unavailable, never a verdict', async () => {
    const pool = createCheckPool();
    try {
      expect(await previewFix('Dockerfile', { ok: false, reason: 'answered 404' }, DEFAULT_POLICY, {}, pool)).toEqual({ outcome: 'unavailable', reason: 'answered 404' });
      expect((await previewFix('Dockerfile', { ok: true, text: 'FROM node:20\nCMD ["node"]\n' }, DEFAULT_POLICY, {}, pool)).outcome).toBe('refused');
    } finally {
      await pool.close();
    }
  });
  it('buildPlan sorts owners and services and records version mismatches', () => {
    const entity = (name: string, version: string) => ({ kind: 'Component', metadata: { name, annotations: { 'hardened-go.io/standard-version': version } } });
    const plan = buildPlan('http://c', DEFAULT_POLICY, [
      { entity: entity('z', 'v1'), owner: 'group:default/b', files: [] },
      { entity: entity('y', 'v0'), owner: 'group:default/a', files: [] },
    ]);
    expect(plan.owners.map((o) => o.owner)).toEqual(['group:default/a', 'group:default/b']);
    expect(plan.versionMismatches).toEqual(['component:default/y (v0)']);
  });
  it('catalogApiRoot accepts the backend or the catalog URL only', () => {
    expect(catalogApiRoot('http://localhost:7007/')).toBe('http://localhost:7007/api/catalog');
    expect(catalogApiRoot('https://b.acme.io/api/catalog')).toBe('https://b.acme.io/api/catalog');
    expect(() => catalogApiRoot('localhost:7007')).toThrow(/--catalog must be an http\(s\) URL/);
  });
});

describe('reading the catalog is bounded (a real loopback server playing a broken catalog)', () => {
  let server: http.Server;
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => undefined;
  let requests = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests++;
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (requests = 0));
  const query = () => ({ catalogUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 5000, maxEntities: 1000 });

  it('stops when the catalog repeats a cursor', async () => {
    handler = (_req, res) => res.end(JSON.stringify({ items: [], pageInfo: { nextCursor: 'same' } }));
    await expect(fetchDriftedEntities(query())).rejects.toThrow(/cursor it had already given/);
    expect(requests).toBe(2);
  });

  it('stops when the catalog keeps inventing cursors for empty pages', async () => {
    handler = (_req, res) => res.end(JSON.stringify({ items: [], pageInfo: { nextCursor: `c${requests}` } }));
    await expect(fetchDriftedEntities(query())).rejects.toThrow(/kept paginating past 15 pages/);
    expect(requests).toBe(15);
  });

  it('refuses an answer larger than the bound without reading it whole', async () => {
    handler = (_req, res) => {
      res.write('{"items":[');
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < MAX_RESPONSE_BYTES / chunk.length + 4) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end(']}');
      };
      res.on('error', () => undefined);
      pump();
    };
    await expect(fetchDriftedEntities(query())).rejects.toThrow(/larger than 33554432 bytes/);
  });
});
