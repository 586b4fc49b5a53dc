/**
 * `hardened-go rollout plan` against a real running catalog: the backend of
 * test/rollout/support/portal.ts (catalog + drift processor reading four service
 * repositories through Backstage's GitHub integration from the loopback GitHub host), driven
 * in-process through the CLI's run(). The plan must group the drifted services per owner
 * (owner refs normalised), carry the recorded findings, and preview the fixer on each file's
 * current text, read from the URL the processor recorded (mapped to the host's raw URL).
 * The same backend proves the rollout deadline semantics end to end: GDS007 enforced from a
 * date ahead is a warning naming the date, GDS005 enforced from a date past is an error.
 */
import type { Entity } from '@backstage/catalog-model';
import { checkDockerfile, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { run } from '@hardened-go/cli';
import { STANDARD, TOKEN, startPortal, waitForLabels, type Portal } from './support/portal';

jest.setTimeout(240_000);

let portal: Portal;
let entities: Record<string, Entity>;

async function cli(argv: string[], env: Record<string, string | undefined> = { BACKSTAGE_TOKEN: TOKEN }) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: process.cwd(),
    isTTY: false,
    env,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  portal = await startPortal();
  entities = await waitForLabels(portal, { orders: 'drifted', billing: 'drifted', inventory: 'drifted', legacy: 'drifted', search: 'compliant' });
});

afterAll(async () => {
  await portal?.stop();
});

function findingsOf(name: string): Array<{ rule: string; severity: string; message: string }> {
  return JSON.parse(entities[name]!.metadata.annotations!['hardened-go.io/dockerfile-findings'])[0].findings;
}

describe('rollout deadlines through the processor (real clock, dates far on either side)', () => {
  it('an enforce rule before its enforceAfter reports a warning naming the date; after it, an error', () => {
    const legacy = findingsOf('legacy');
    expect(legacy.map((f) => `${f.rule}:${f.severity}`).sort()).toEqual(['GDS005:error', 'GDS007:warning']);
    expect(legacy.find((f) => f.rule === 'GDS007')!.message).toContain('enforced as an error from 2999-01-01');
    expect(legacy.find((f) => f.rule === 'GDS005')!.message).not.toContain('enforced as');
    expect(entities.legacy!.metadata.annotations!['hardened-go.io/standard-version']).toBe('v1');
  });
});

describe('hardened-go rollout plan', () => {
  it('JSON: drifted services per owner with findings and the fixer dry run', async () => {
    const { code, stdout, stderr } = await cli(['rollout', 'plan', '--catalog', portal.baseUrl, '--format', 'json', '--timeout', '20']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.standardVersion).toBe('v1');
    expect(plan.owners.map((o: { owner: string; services: Array<{ entityRef: string }> }) => [o.owner, o.services.map((s) => s.entityRef)])).toEqual([
      // billing's owner is written "team-a": it is the same group.
      ['group:default/team-a', ['component:default/billing', 'component:default/orders']],
      ['group:default/team-b', ['component:default/inventory', 'component:default/legacy']],
    ]);
    expect(plan.totals).toEqual({ owners: 2, services: 4, fixable: 4, inPart: 1, refused: 0, unavailable: 0 });

    const service = (ref: string) => plan.owners.flatMap((o: { services: unknown[] }) => o.services).find((s: { entityRef: string }) => s.entityRef === ref);
    const orders = service('component:default/orders').files[0];
    expect(orders.status).toBe('drifted');
    // the processor resolves the file against the source location, a tree URL (GitHub answers it for files too)
    expect(orders.url).toBe(portal.github.treeUrl('acme/orders', 'Dockerfile'));
    expect(orders.findings.map((f: { rule: string }) => f.rule)).toEqual(expect.arrayContaining(['GDS001', 'GDS002', 'GDS009']));
    expect(orders.fix).toMatchObject({ outcome: 'fixed', method: 'edits' });
    expect(orders.fix.fixed).toEqual(expect.arrayContaining(['GDS001', 'GDS005', 'GDS007', 'GDS009']));
    expect(orders.fix.diff).toContain('+FROM scratch');
    // The diff applied to the file gives a compliant Dockerfile.
    const after = orders.fix.diff
      .split('\n')
      .filter((l: string) => l.startsWith(' ') || (l.startsWith('+') && !l.startsWith('+++')))
      .map((l: string) => l.slice(1))
      .join('\n');
    expect(checkDockerfile(`${after}\n`, policyFromConfig(STANDARD)).status).toBe('compliant');

    // a shell-form start command: everything else is fixed in place, the command is left with the reason
    const billing = service('component:default/billing').files[0];
    expect(billing.fix).toMatchObject({ outcome: 'fixed', method: 'edits' });
    expect(billing.fix.unfixed).toContainEqual({ ruleId: 'GDS014', line: expect.any(Number), reason: expect.stringContaining('shell syntax') });
    expect(billing.fix.diff).toContain(' CMD /usr/local/bin/billing --migrate && /usr/local/bin/billing');

    const legacy = service('component:default/legacy').files[0];
    expect(legacy.fix.outcome).toBe('fixed');
    expect(legacy.fix.fixed.sort()).toEqual(['GDS005', 'GDS007']);
    // The Dockerfiles were read raw through the host's raw-file URL, never through the HTML page.
    const paths = portal.github.requests.map((r) => r.path);
    // GitHub Enterprise's raw form of the recorded web URL, never the HTML page
    expect(paths).toContain('/acme/billing/raw/main/Dockerfile');
    expect(paths).toContain('/acme/mono/raw/main/services/legacy/go.mod');
    expect(paths.filter((p) => /\/(blob|tree)\//.test(p))).toEqual([]);
  });

  it('text, one owner (given as a short name): services, findings and what the fixer would change', async () => {
    const { code, stdout } = await cli(['rollout', 'plan', '--catalog', `${portal.baseUrl}/api/catalog`, '--owner', 'team-b', '--diff']);
    expect(code).toBe(0);
    expect(stdout).toContain('Rollout plan: 2 drifted services of 1 owner');
    expect(stdout).toContain('group:default/team-b: 2 services, 2 fixable by the harden action');
    expect(stdout).not.toContain('team-a');
    expect(stdout).toMatch(/component:default\/legacy\n {4}Dockerfile: drifted \(1 error, 1 warning, 0 info\)/);
    expect(stdout).toContain('GDS007 warning line');
    expect(stdout).toContain('fixer: would fix GDS005, GDS007 by minimal edits');
    expect(stdout).toMatch(/ {8}note: GDS005: `RUN go mod verify` after `go mod download` \(line \d+\)/);
    expect(stdout).toContain('        +FROM scratch');
  });

  it('--annotations-only plans without reading any Dockerfile', async () => {
    const before = portal.github.requests.length;
    const { code, stdout } = await cli(['rollout', 'plan', '--catalog', portal.baseUrl, '--owner', 'group:default/team-a', '--annotations-only', '--format', 'json']);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.owners[0].services.map((s: { files: Array<{ fix?: unknown }> }) => s.files[0]!.fix)).toEqual([undefined, undefined]);
    expect(portal.github.requests.slice(before).filter((r) => r.path.includes('/raw/'))).toEqual([]);
  });

  it('a catalog that refuses the token, or is not there, is a clear usage error (exit 2)', async () => {
    const denied = await cli(['rollout', 'plan', '--catalog', portal.baseUrl], { BACKSTAGE_TOKEN: 'wrong-token' });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toContain('the catalog refused the request (401)');
    const nothing = await cli(['rollout', 'plan', '--catalog', 'http://127.0.0.1:9', '--timeout', '5']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('cannot reach the catalog');
    const usage = await cli(['rollout', 'plan']);
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('--catalog URL is required') });
  });
});
