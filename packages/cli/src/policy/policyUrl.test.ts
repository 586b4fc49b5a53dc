/**
 * `--policy-url` against loopback HTTP servers that play a portal (well-behaved, hostile or
 * gone), through the whole CLI. The real backend's endpoint is tested in test/shift-left.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { policyVersionOf, renderDockerfile, toPolicyDocument } from '@hardened-go/plugin-dockerfile-compliance-node';
import { cli } from '../__testUtils__/runCli';

const TOKEN = 'sekrit-token-0123456789';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface Seen {
  path: string;
  authorization?: string;
  ifNoneMatch?: string;
}

/** A loopback server answering every request with `handler`, recording what it was sent. */
async function server(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const srv = http.createServer((req, res) => {
    seen.push({
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}),
    });
    handler(req, res);
  });
  await new Promise<void>(resolve => srv.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>(resolve => srv.close(() => resolve())) };
}

/** A portal serving `policy` the way the plugin does: ETag, 304 to a match, 401 without the token. */
function portal(getPolicy: () => typeof DEFAULT_POLICY) {
  return server((req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"name":"AuthenticationError"}}');
      return;
    }
    const document = toPolicyDocument(getPolicy());
    const etag = `"${document.policyVersion}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(JSON.stringify(document));
  });
}

let dir: string;
const closers: Array<() => Promise<void>> = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-policy-url-'));
  // GDS002 (an unpinned build image) breaks here and nothing else: its mode decides the verdict
  fs.writeFileSync(path.join(dir, 'Dockerfile'), renderDockerfile(DEFAULT_POLICY, { binaryName: 'svc' }).replace(/golang:\S+ AS build/, 'golang:alpine AS build'));
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ HARDENED_GO_TOKEN: TOKEN, XDG_CACHE_HOME: path.join(dir, 'cache'), ...extra });
const check = (url: string, extra: string[] = [], envVars = env()) => cli(['check', '--policy-url', url, '--format', 'json', ...extra, 'Dockerfile'], dir, { env: envVars });
const rulesOf = (stdout: string) => (JSON.parse(stdout).files[0].findings as { ruleId: string; severity: string }[]).map(f => `${f.ruleId}:${f.severity}`);

describe('hardened-go check --policy-url', () => {
  it('applies the portal\'s modes, says which policy it used, and revalidates the cached copy with its ETag', async () => {
    let policy = policyFromConfig({ rules: { GDS002: { mode: 'inform' } } });
    const p = await portal(() => policy);
    closers.push(p.close);

    const informed = await check(p.url);
    expect(informed.code).toBe(0);
    expect(rulesOf(informed.stdout)).toEqual(['GDS002:info']);
    expect(informed.policy).toBe(`hardened-go check: policy v1 (version ${policyVersionOf(policy)}) from ${p.url}/api/dockerfile-compliance/policy`);

    const again = await check(`${p.url}/`);
    expect(again.code).toBe(0);
    expect(again.policy).toMatch(/ \(unchanged since the cached copy\)$/);
    expect(p.seen.map(s => s.ifNoneMatch)).toEqual([undefined, `"${policyVersionOf(policy)}"`]);

    // the platform team enforces the rule: the next run sees the new version and fails
    policy = policyFromConfig({ rules: { GDS002: { mode: 'enforce' } } });
    const enforced = await check(p.url, ['--fail-on', 'error']);
    expect(enforced.code).toBe(1);
    expect(rulesOf(enforced.stdout)).toEqual(['GDS002:error']);
    expect(enforced.policy).toContain(`(version ${policyVersionOf(policy)})`);
    expect(p.seen.every(s => s.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('gives the same verdicts as --config with the same policy, and the same policy version', async () => {
    const standard = { rules: { GDS002: { mode: 'warn' } } };
    const p = await portal(() => policyFromConfig(standard));
    closers.push(p.close);
    fs.writeFileSync(path.join(dir, 'policy.yaml'), JSON.stringify({ hardenedGo: { standard } }));
    const remote = await check(p.url);
    const local = await cli(['check', '--config', 'policy.yaml', '--format', 'json', 'Dockerfile'], dir, { env: {} });
    expect(remote.code).toBe(1);
    expect({ code: local.code, stdout: local.stdout }).toEqual({ code: remote.code, stdout: remote.stdout });
    expect(local.policy).toBe(`hardened-go check: policy v1 (version ${policyVersionOf(policyFromConfig(standard))}) from hardenedGo.standard of policy.yaml`);
  });

  it('names the built-in standard and the repository\'s app-config by the same version when they hold the same policy', async () => {
    const builtIn = await cli(['check', 'Dockerfile'], dir);
    const appConfig = await cli(['check', '--config', path.join(REPO_ROOT, 'app-config.yaml'), 'Dockerfile'], dir);
    expect(builtIn.policy).toBe(`hardened-go check: policy v1 (version ${policyVersionOf(DEFAULT_POLICY)}) from the built-in standard`);
    expect(appConfig.policy).toBe(`hardened-go check: policy v1 (version ${policyVersionOf(DEFAULT_POLICY)}) from hardenedGo.standard of ${path.join(REPO_ROOT, 'app-config.yaml')}`);
  });

  it('exits 2 when the portal is unreachable, and applies the built-in standard only with --policy-fallback defaults', async () => {
    const gone = await server(() => undefined);
    await gone.close();
    const failed = await check(gone.url);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/^hardened-go check: cannot reach the portal at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) \(--policy-fallback defaults applies the built-in standard instead\)\n$/);
    expect(failed.stdout).toBe('');

    const fallback = await check(gone.url, ['--policy-fallback', 'defaults']);
    expect(fallback.code).toBe(1);
    expect(rulesOf(fallback.stdout)).toEqual(['GDS002:error']);
    expect(fallback.stderr).toMatch(/warning: cannot reach the portal .*; applying the built-in standard \(--policy-fallback defaults\)/);
    expect(fallback.policy).toBe(`hardened-go check: policy v1 (version ${policyVersionOf(DEFAULT_POLICY)}) from the built-in standard (the portal's policy was not available)`);
  });

  it('refuses bad answers: refused token, error status, not JSON, not a policy, a forged version, too large', async () => {
    const good = JSON.stringify(toPolicyDocument(DEFAULT_POLICY));
    const cases: Array<[string, (res: http.ServerResponse) => void, RegExp]> = [
      ['refused', res => res.writeHead(403).end(), /refused the policy request \(HTTP 403\): the token was not accepted; set HARDENED_GO_TOKEN/],
      ['error', res => res.writeHead(503).end('busy'), /answered HTTP 503/],
      ['html', res => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>sign in</html>'), /is not JSON/],
      ['other json', res => res.writeHead(200).end('{"items":[]}'), /is not a hardened-go\.io\/v1 Policy/],
      ['invalid', res => res.writeHead(200).end(good.replace('"65534:65534"', '"0:0"')), /not a valid policy: standard\.user must not be root/],
      ['forged', res => res.writeHead(200).end(good.replace(/"policyVersion":"[0-9a-f]+"/, '"policyVersion":"0000000000000000"')), /do not match its content/],
      ['declared huge', res => res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) }).end(), /64 ?\d* bytes|67108864 bytes, more than/],
      ['streamed huge', res => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        for (let i = 0; i < 40; i++) res.write(chunk);
        res.end();
      }, /larger than the 1048576 bytes/],
    ];
    for (const [name, answer, message] of cases) {
      const s = await server((_req, res) => answer(res));
      closers.push(s.close);
      const r = await check(s.url);
      expect({ name, code: r.code, stdout: r.stdout }).toEqual({ name, code: 2, stdout: '' });
      expect({ name, stderr: r.stderr }).toEqual({ name, stderr: expect.stringMatching(message) });
      expect(r.stderr).not.toContain(TOKEN);
    }
  });

  it('follows a redirect within the portal\'s origin, and refuses one to another origin without sending it anything', async () => {
    const elsewhere = await portal(() => DEFAULT_POLICY);
    closers.push(elsewhere.close);
    const p = await portal(() => DEFAULT_POLICY);
    closers.push(p.close);
    const redirecting = await server((req, res) => {
      const target = req.url === '/moved/api/dockerfile-compliance/policy' ? `${p.url}/api/dockerfile-compliance/policy` : '/moved/api/dockerfile-compliance/policy';
      res.writeHead(302, { location: target }).end();
    });
    closers.push(redirecting.close);

    const r = await check(redirecting.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/redirected the policy request to another origin \(http:\/\/127\.0\.0\.1:\d+\); refused: the policy and the token come from http:\/\/127\.0\.0\.1:\d+ only/);
    expect(r.stderr).not.toContain(TOKEN);
    // the same-origin hop carried the token; the other origin heard nothing at all
    expect(redirecting.seen.map(s => [s.path, s.authorization])).toEqual([
      ['/api/dockerfile-compliance/policy', `Bearer ${TOKEN}`],
      ['/moved/api/dockerfile-compliance/policy', `Bearer ${TOKEN}`],
    ]);
    expect(p.seen).toEqual([]);
    expect(elsewhere.seen).toEqual([]);
  });

  it('refuses URLs that are not http(s) or carry credentials, and a token variable that is not a name', async () => {
    expect((await check('file:///etc/passwd')).stderr).toMatch(/--policy-url must be an http\(s\) URL, got file:/);
    const withCredentials = await check('https://ci:hunter2@portal.example.com');
    expect(withCredentials.stderr).toMatch(/must not carry credentials/);
    expect(withCredentials.stderr).not.toContain('hunter2');
    expect((await check('not a url')).code).toBe(2);
    expect((await check('https://portal.example.com', ['--token-env', 'A B'])).stderr).toMatch(/--token-env must name an environment variable/);
  });

  it('reads the portal from HARDENED_GO_POLICY_URL and the token from the variable --token-env names', async () => {
    const p = await portal(() => policyFromConfig({ rules: { GDS002: { mode: 'inform' } } }));
    closers.push(p.close);
    const r = await cli(['check', '--token-env', 'CI_PORTAL_TOKEN', 'Dockerfile'], dir, { env: { HARDENED_GO_POLICY_URL: p.url, CI_PORTAL_TOKEN: TOKEN, XDG_CACHE_HOME: path.join(dir, 'cache') } });
    expect(r.code).toBe(0);
    expect(r.policy).toContain(`from ${p.url}/api/dockerfile-compliance/policy`);
  });
});
