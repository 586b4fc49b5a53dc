import { etagOf, ifNoneMatchHits, sendFile, startLoopbackServer, type LoopbackServer } from './repositoryHttp';

const FILE = Buffer.from('FROM scratch\n');

describe('repositoryHttp', () => {
  let server: LoopbackServer;
  let etags = true;

  beforeAll(async () => {
    server = await startLoopbackServer(async (req, res) => {
      if (req.url === '/throws') throw new Error('boom');
      sendFile(req, res, req.url === '/Dockerfile' ? FILE : undefined, { etags });
    });
  });
  afterAll(() => server.close());

  it('answers like a raw-file endpoint: ETag, 304 (weak comparison and *), HEAD, 404, 405', async () => {
    const first = await fetch(`${server.baseUrl}/Dockerfile`);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('FROM scratch\n');
    expect(first.headers.get('etag')).toBe(etagOf(FILE));
    expect(etagOf(FILE)).toMatch(/^"[0-9a-f]{64}"$/);
    for (const tag of [etagOf(FILE), `W/${etagOf(FILE)}`, `"x", ${etagOf(FILE)}`, '*']) {
      expect((await fetch(`${server.baseUrl}/Dockerfile`, { headers: { 'if-none-match': tag } })).status).toBe(304);
    }
    expect((await fetch(`${server.baseUrl}/Dockerfile`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    const head = await fetch(`${server.baseUrl}/Dockerfile`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, String(FILE.length), '']);
    expect((await fetch(`${server.baseUrl}/missing`)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/Dockerfile`, { method: 'PUT', body: 'x' })).status).toBe(405);
  });

  it('can answer without ETags', async () => {
    etags = false;
    try {
      const r = await fetch(`${server.baseUrl}/Dockerfile`, { headers: { 'if-none-match': etagOf(FILE) } });
      expect([r.status, r.headers.get('etag')]).toEqual([200, null]);
    } finally {
      etags = true;
    }
  });

  it('answers 500 when the handler throws, and listens again on the same port after close', async () => {
    expect((await fetch(`${server.baseUrl}/throws`)).status).toBe(500);
    await server.close();
    await expect(fetch(`${server.baseUrl}/Dockerfile`)).rejects.toThrow();
    await server.reopen();
    expect((await fetch(`${server.baseUrl}/Dockerfile`)).status).toBe(200);
  });

  it('reads If-None-Match lists', () => {
    expect(ifNoneMatchHits(undefined, '"a"')).toBe(false);
    expect(ifNoneMatchHits(' W/"a" ', '"a"')).toBe(true);
    expect(ifNoneMatchHits('"b"', '"a"')).toBe(false);
  });
});
