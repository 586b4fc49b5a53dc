/**
 * The portal's policy on the real backend (packages/backend, the bare `index.ts` entry, as a
 * deployment runs it, with the repository's app-config.yaml and a policy file it watches), and
 * the CLI's --policy-url against it: auth, ETag revalidation, a policy edited while the
 * backend runs (the endpoint, the CLI and the catalog's labels all follow it), and the same
 * verdicts as --config with the same policy file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { policyVersionOf, readPolicyDocument } from '@hardened-go/plugin-dockerfile-compliance-node';
import { stringify } from 'yaml';
import { startExampleRepositoryServer, type ExampleRepositoryServer } from '../../packages/backend/src/demo/exampleRepositoryServer';
import { copyExamples, eventually, startBackendProcess, testOverrides, type BackendProcess } from '../e2e/harness/backendProcess';
import { fetchOutcomes } from '../e2e/harness/catalog';
import { freePort } from '../support/freePort';
import { cli } from '../../packages/cli/src/__testUtils__/runCli';

const TOKEN = 'ci-token-for-the-policy-endpoint';
const INFORM_SECRETS = { rules: { GDS017: { mode: 'warn' } } };
const RELAXED = { rules: { GDS017: { mode: 'inform' } } };

let dir: string;
let policyFile: string;
let examplesDir: string;
let examples: ExampleRepositoryServer;
let backend: BackendProcess;
let url: string;

const writePolicy = (standard: object) => fs.writeFileSync(policyFile, stringify({ hardenedGo: { standard } }));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-policy-endpoint-'));
  policyFile = path.join(dir, 'policy.yaml');
  writePolicy(INFORM_SECRETS);
  examplesDir = await copyExamples();
  examples = await startExampleRepositoryServer({ rootDir: examplesDir, port: 0 });
  const port = await freePort();
  url = `http://localhost:${port}`;
  backend = await startBackendProcess({
    name: 'policy-endpoint',
    entry: 'index',
    overrides: testOverrides({ port, processingIntervalSeconds: 2 }),
    extraConfigFiles: [policyFile],
    env: { HARDENED_GO_POLICY_TOKEN: TOKEN, HARDENED_GO_EXAMPLES_PORT: String(examples.port) },
  });
  await eventually('the policy endpoint', () => fetch(`${url}/api/dockerfile-compliance/policy`).then(r => r.status), s => s === 401, 120_000);
}, 180_000);

afterAll(async () => {
  await backend?.stop('SIGTERM', 30_000);
  await examples?.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (examplesDir) fs.rmSync(examplesDir, { recursive: true, force: true });
});

const policyUrl = `/api/dockerfile-compliance/policy`;
const withToken = (extra: Record<string, string> = {}) => ({ headers: { Authorization: `Bearer ${TOKEN}`, ...extra } });

describe('GET /api/dockerfile-compliance/policy on the real backend', () => {
  it('needs a token, even where the demo config lets anonymous calls into the catalog', async () => {
    expect((await fetch(`${url}${policyUrl}`)).status).toBe(401);
    expect((await fetch(`${url}${policyUrl}`, { headers: { Authorization: 'Bearer wrong-token' } })).status).toBe(401);
    expect((await fetch(`${url}/api/catalog/entities?limit=1`)).status).toBe(200);
  });

  it('serves the effective policy with an ETag, and 304 to a matching If-None-Match', async () => {
    const res = await fetch(`${url}${policyUrl}`, withToken());
    expect(res.status).toBe(200);
    const { policy, document } = readPolicyDocument(JSON.parse(await res.text()));
    expect(policy).toEqual(policyFromConfig(INFORM_SECRETS));
    expect(res.headers.get('etag')).toBe(`"${document.policyVersion}"`);
    const again = await fetch(`${url}${policyUrl}`, withToken({ 'If-None-Match': res.headers.get('etag')! }));
    expect(again.status).toBe(304);
  });

  it('gives the CLI the same verdicts as --config with the same policy file', async () => {
    const env = { HARDENED_GO_TOKEN: TOKEN, XDG_CACHE_HOME: path.join(dir, 'cache') };
    const target = ['--format', 'json', '.'];
    const remote = await cli(['check', '--policy-url', url, ...target], examplesDir, { env });
    const local = await cli(['check', '--config', policyFile, ...target], examplesDir, { env: {} });
    expect(remote.stderr).toBe('');
    expect(JSON.parse(remote.stdout).files.length).toBeGreaterThan(5);
    expect({ code: remote.code, stdout: remote.stdout }).toEqual({ code: local.code, stdout: local.stdout });
    expect(remote.policy).toBe(`hardened-go check: policy v1 (version ${policyVersionOf(policyFromConfig(INFORM_SECRETS))}) from ${url}${policyUrl}`);
  });

  it('follows an edited policy without a restart: the endpoint, the CLI and the catalog labels', async () => {
    const env = { HARDENED_GO_TOKEN: TOKEN, XDG_CACHE_HOME: path.join(dir, 'cache') };
    const service = path.join('notifications-service', 'Dockerfile');
    // notifications-service breaks GDS017 only: warn keeps it drifted
    await eventually('notifications-service drifted', () => fetchOutcomes(url, ['notifications-service']), o => o['notifications-service']?.label === 'drifted', 60_000);
    expect((await cli(['check', '--policy-url', url, service], examplesDir, { env })).code).toBe(1);

    writePolicy(RELAXED);
    const relaxedVersion = policyVersionOf(policyFromConfig(RELAXED));
    await eventually(
      'the new policy version',
      async () => readPolicyDocument(JSON.parse(await (await fetch(`${url}${policyUrl}`, withToken())).text())).document.policyVersion,
      v => v === relaxedVersion,
      30_000,
    );
    const relaxed = await cli(['check', '--policy-url', url, service], examplesDir, { env });
    expect(relaxed.code).toBe(0);
    expect(relaxed.policy).toContain(`(version ${relaxedVersion})`);
    await eventually('notifications-service compliant under the new policy', () => fetchOutcomes(url, ['notifications-service']), o => o['notifications-service']?.label === 'compliant', 60_000);

    // a broken edit is refused: the last valid policy stays in force
    fs.writeFileSync(policyFile, stringify({ hardenedGo: { standard: { rules: { GDS017: { mode: 'sometimes' } } } } }));
    await backend.waitForOutput(/not a valid policy, policy [0-9a-f]{16} stays in force/, 30_000);
    const stillRelaxed = readPolicyDocument(JSON.parse(await (await fetch(`${url}${policyUrl}`, withToken())).text()));
    expect(stillRelaxed.document.policyVersion).toBe(relaxedVersion);
  }, 180_000);
});
