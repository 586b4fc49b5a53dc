import { Readable } from 'node:stream';
import { startRepoServer, RepoServer, etagOf } from '../../../../test/support/repoServer';
import { realReader } from '../__testUtils__/realReader';
import { readCapped, readDockerfile } from './readDockerfile';

let repo: RepoServer;
let reader: ReturnType<typeof realReader>;
const opts = { maxBytes: 1024, timeoutMs: 2000 };

beforeAll(async () => {
  repo = await startRepoServer({ 'a/Dockerfile': 'FROM scratch\n', 'big/Dockerfile': Buffer.alloc(3 * 1024 * 1024, 0x41) });
  reader = realReader([repo.host]);
});
afterAll(() => repo.close());
beforeEach(async () => {
  await repo.setMode('up');
  repo.setDelay(0);
  repo.resetRequests();
});

describe('readDockerfile through the real UrlReader', () => {
  it('returns the content and the ETag, then 304 for the same ETag', async () => {
    const first = await readDockerfile(reader, repo.url('a/Dockerfile'), opts);
    expect(first).toEqual({ kind: 'content', data: Buffer.from('FROM scratch\n'), etag: etagOf(Buffer.from('FROM scratch\n')), truncated: false });
    const second = await readDockerfile(reader, repo.url('a/Dockerfile'), { ...opts, etag: (first as { etag: string }).etag });
    expect(second).toEqual({ kind: 'not-modified' });
    expect(repo.requests.map(r => [r.status, r.conditional])).toEqual([[200, false], [304, true]]);
  });

  it('reads in full when the ETag no longer matches', async () => {
    expect(await readDockerfile(reader, repo.url('a/Dockerfile'), { ...opts, etag: '"stale"' })).toMatchObject({ kind: 'content' });
  });

  it('reports 404, 500, a refused connection and a URL outside backend.reading.allow as data', async () => {
    expect(await readDockerfile(reader, repo.url('nope/Dockerfile'), opts)).toEqual({ kind: 'not-found', message: `no file at ${repo.url('nope/Dockerfile')}` });
    expect(await readDockerfile(reader, 'http://127.0.0.2:1/Dockerfile', opts)).toMatchObject({ kind: 'failed' });
    await repo.setMode('error500');
    expect(await readDockerfile(reader, repo.url('a/Dockerfile'), opts)).toEqual({ kind: 'failed', message: expect.stringContaining('500') });
    await repo.setMode('down');
    expect(await readDockerfile(reader, repo.url('a/Dockerfile'), opts)).toEqual({ kind: 'failed', message: expect.stringContaining('Unable to read') });
  });

  it('gives up after the timeout', async () => {
    repo.setDelay(1500);
    const started = Date.now();
    expect(await readDockerfile(reader, repo.url('a/Dockerfile'), { ...opts, timeoutMs: 200 })).toEqual({
      kind: 'timeout',
      message: `reading ${repo.url('a/Dockerfile')} took longer than 200 ms`,
    });
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it('stops reading one byte past the cap', async () => {
    const out = await readDockerfile(reader, repo.url('big/Dockerfile'), opts);
    expect(out).toMatchObject({ kind: 'content', truncated: true });
    expect((out as { data: Buffer }).data.length).toBe(1025);
  });
});

describe('readCapped', () => {
  it('keeps a stream at exactly the cap whole', async () => {
    expect(await readCapped(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4)).toEqual({ data: Buffer.from('abcd'), truncated: false });
    expect(await readCapped(Readable.from([Buffer.from('ab'), Buffer.from('cde')]), 4)).toEqual({ data: Buffer.from('abcde'), truncated: true });
  });
});
