import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startExampleRepositoryServer, type ExampleRepositoryServer } from './exampleRepositoryServer';

/** A raw request (fetch would normalise `..` away before it reaches the server). */
function request(server: ExampleRepositoryServer, rawPath: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, method, headers }, res => {
      let body = '';
      res.on('data', chunk => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('example repository server', () => {
  let root: string;
  let outside: string;
  let server: ExampleRepositoryServer;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'hg-repo-'));
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'hg-outside-'));
    await fs.mkdir(path.join(root, 'svc'));
    await fs.writeFile(path.join(root, 'svc', 'Dockerfile'), 'FROM scratch\n');
    await fs.writeFile(path.join(outside, 'secret'), 'do not serve\n');
    await fs.symlink(path.join(outside, 'secret'), path.join(root, 'svc', 'escape'));
    server = await startExampleRepositoryServer({ rootDir: root, port: 0 });
  });

  afterAll(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('serves a file with a strong ETag and answers 304 to a matching If-None-Match', async () => {
    const first = await request(server, '/svc/Dockerfile');
    expect(first).toMatchObject({ status: 200, body: 'FROM scratch\n' });
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const second = await request(server, '/svc/Dockerfile', { 'if-none-match': first.headers.etag as string });
    expect(second).toMatchObject({ status: 304, body: '' });
  });

  it('reads the file fresh: an edit changes content and ETag', async () => {
    const before = await request(server, '/svc/Dockerfile');
    await fs.writeFile(path.join(root, 'svc', 'Dockerfile'), 'FROM scratch\nUSER 65534:65534\n');
    const after = await request(server, '/svc/Dockerfile', { 'if-none-match': before.headers.etag as string });
    expect(after.status).toBe(200);
    expect(after.body).toContain('USER 65534:65534');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('serves nothing outside its root: no traversal, no symlink escape, no directories, no writes', async () => {
    expect((await request(server, `/../${  path.basename(outside)  }/secret`)).status).toBe(404);
    expect((await request(server, '/svc/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await request(server, '/svc/escape')).status).toBe(404);
    expect((await request(server, '/svc')).status).toBe(404);
    expect((await request(server, '/svc/missing')).status).toBe(404);
    expect((await request(server, '/svc/Dockerfile', {}, 'PUT')).status).toBe(405);
    expect(server.requestsByStatus.get(404)).toBeGreaterThanOrEqual(5);
  });
});
