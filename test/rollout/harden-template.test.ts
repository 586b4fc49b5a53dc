/**
 * The proof of "Harden a Go service's Dockerfile": the real template runs through the real
 * scaffolder's dry run (the endpoint the template editor uses) in a real backend where the
 * drift processor has labelled the services (test/rollout/support/portal.ts). catalog:fetch
 * reads the picked entity, fetch:plain really downloads its repository from the loopback
 * GitHub host (test/support/githubServer.ts), hardened-go:dockerfile:harden fixes the Dockerfile, and the dry run
 * returns the workspace with the fixed file, the PR text and the diff.
 * GitHub cannot exist here: publish:github:pull-request runs in its dry-run mode (it builds
 * the commit from the workspace, then stops before calling GitHub and returns fake outputs);
 * the inputs it received are read from the scaffolder's dry-run log.
 */
import * as fs from 'node:fs';
import * as YAML from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import { checkDockerfile, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { eventually } from '../support/catalogBackend';
import { APP_BASE_URL, HARDEN_TEMPLATE, LABEL, SERVICES, STANDARD, startPortal, waitForLabels, type Portal } from './support/portal';

jest.setTimeout(240_000);

const template = YAML.parse(fs.readFileSync(HARDEN_TEMPLATE, 'utf8'));
const policy = policyFromConfig(STANDARD);
let portal: Portal;
let entities: Record<string, Entity>;

interface DryRunResponse {
  log: Array<{ body: { message: string; stepId?: string; status?: string } }>;
  directoryContents: Array<{ path: string; base64Content: string }>;
  output: { links?: Array<{ title?: string; url?: string; entityRef?: string }>; text?: Array<{ title: string; content: string }> };
  steps: Array<{ id: string; action: string }>;
}

function dryRun(values: Record<string, unknown>) {
  return portal.request<DryRunResponse & { error?: { message: string } }>('POST', '/api/scaffolder/v2/dry-run', {
    template,
    values,
    secrets: {},
    directoryContents: [],
  });
}

/** The dry run's body, or a failure that shows what the scaffolder said. */
function ok(res: { status: number; body: DryRunResponse & { error?: { message: string } } }): DryRunResponse {
  if (res.status !== 200) throw new Error(`dry run answered ${res.status}: ${JSON.stringify(res.body).slice(0, 3000)}`);
  return res.body;
}

function dryRunInputOf(response: DryRunResponse, action: string): Record<string, any> {
  const prefix = `Running ${action} in dry-run mode with inputs (secrets redacted): `;
  // The task logger may prefix its level (coloured) before the message.
  const entry = response.log.find((e) => e.body.message.includes(prefix));
  if (!entry) throw new Error(`no dry-run log line for ${action}; log:\n${response.log.map((e) => e.body.message).join('\n')}`);
  return JSON.parse(entry.body.message.slice(entry.body.message.indexOf(prefix) + prefix.length));
}

function file(response: DryRunResponse, path: string): string | undefined {
  const entry = response.directoryContents.find((f) => f.path === path);
  return entry ? Buffer.from(entry.base64Content, 'base64').toString('utf8') : undefined;
}

beforeAll(async () => {
  portal = await startPortal();
  entities = await waitForLabels(portal, { orders: 'drifted', billing: 'drifted', inventory: 'drifted', legacy: 'drifted', search: 'compliant' });
});

afterAll(async () => {
  await portal?.stop();
});

describe('the harden-dockerfile template in the real scaffolder', () => {
  it('is served from the catalog with a form that picks only drifted services', async () => {
    await eventually('the template in the catalog', async () => {
      const res = await portal.request('GET', '/api/catalog/entities/by-name/template/default/harden-dockerfile');
      return res.status === 200 ? true : undefined;
    });
    const schema = await portal.request<{ title: string; steps: Array<{ schema: { properties: Record<string, any> } }> }>(
      'GET',
      '/api/scaffolder/v2/templates/default/template/harden-dockerfile/parameter-schema',
    );
    expect(schema.status).toBe(200);
    expect(schema.body.title).toBe("Harden a Go service's Dockerfile");
    const entity = schema.body.steps[0]!.schema.properties.entity;
    expect(entity['ui:field']).toBe('EntityPicker');
    expect(entity['ui:options'].catalogFilter).toMatchObject({ kind: 'Component', [`metadata.labels.${LABEL}`]: 'drifted' });
    expect(schema.body.steps[0]!.schema.properties.rewrite).toMatchObject({ type: 'boolean', default: true });
    // The picker's filter, asked of the catalog: exactly the drifted services.
    const drifted = await portal.request<Entity[]>('GET', `/api/catalog/entities?filter=kind=component,metadata.labels.${LABEL}=drifted`);
    expect(drifted.body.map((e) => e.metadata.name).sort()).toEqual(['billing', 'inventory', 'legacy', 'orders']);
  });

  it('dry run on a monorepo service: fetches its directory, returns the hardened Dockerfile, the PR text and the diff', async () => {
    const body = ok(await dryRun({ entity: 'component:default/inventory' }));
    expect(body.steps.map((s) => s.action)).toEqual(['catalog:fetch', 'fetch:plain', 'hardened-go:dockerfile:harden', 'publish:github:pull-request']);

    // fetch:plain really fetched the service's directory (and only it) from the GitHub host.
    expect(body.directoryContents.map((f) => f.path).sort()).toEqual(['Dockerfile', 'catalog-info.yaml', 'cmd/inventory/main.go', 'go.mod']);
    expect(portal.github.requests.map((r) => r.path)).toContainEqual(expect.stringMatching(/^\/api\/v3\/repos\/acme\/mono\/tarball\/[0-9a-f]{40}$/));

    const dockerfile = file(body, 'Dockerfile')!;
    expect(dockerfile).not.toBe(SERVICES.find((s) => s.name === 'inventory')!.dockerfile);
    expect(checkDockerfile(dockerfile, policy).status).toBe('compliant');
    expect(dockerfile).toContain('FROM scratch');
    // minimal edits: the owner's paths and start command stay
    expect(dockerfile).toContain('ENTRYPOINT ["/usr/local/bin/inventory"]');
    expect(dockerfile).toContain('./cmd/inventory');

    const pr = dryRunInputOf(body, 'publish:github:pull-request');
    // the GitHub host the catalog read the service from
    expect(pr.repoUrl).toBe(`${portal.github.host}?owner=acme&repo=mono`);
    expect(pr.targetPath).toBe('services/inventory');
    expect(pr.branchName).toBe('hardened-go/harden-dockerfile');
    expect(pr.title).toBe('Harden Dockerfile to the hardened Go standard v1');
    expect(pr.description).toContain('### Dockerfile: fixed by minimal edits');
    expect(pr.description).toContain(`[GDS001](${APP_BASE_URL}/dockerfile-compliance/rules/GDS001)`);
    expect(pr.description).toContain(`[GDS007](${APP_BASE_URL}/dockerfile-compliance/rules/GDS007)`);
    expect(pr.commitMessage).toMatch(/^Harden Dockerfile to the hardened Go standard v1\n\nFixes GDS001, /);

    const text = body.output.text?.[0];
    expect(text?.title).toBe('Proposed change');
    expect(text?.content).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
    expect(text?.content).toContain('-FROM alpine:3.20\n');
    expect(text?.content).toContain('+FROM scratch\n');
    expect(body.output.links).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: 'Pull request', url: `${portal.github.host}?owner=acme&repo=mono` }), expect.objectContaining({ entityRef: 'component:default/inventory' })]),
    );
  });

  it('a service at the root of its repository gets an empty target path', async () => {
    const body = ok(await dryRun({ entity: 'component:default/orders', branchName: 'harden/orders' }));
    const pr = dryRunInputOf(body, 'publish:github:pull-request');
    expect(pr).toMatchObject({ repoUrl: `${portal.github.host}?owner=acme&repo=orders`, targetPath: '', branchName: 'harden/orders' });
    expect(checkDockerfile(file(body, 'Dockerfile')!, policy).status).toBe('compliant');
  });

  it('a service the fixer can fix only in part: the PR has the edits and what is left for a human, with the reason', async () => {
    const body = ok(await dryRun({ entity: 'component:default/billing' }));
    const dockerfile = file(body, 'Dockerfile')!;
    expect(dockerfile).toContain('CMD /usr/local/bin/billing --migrate && /usr/local/bin/billing\n');
    expect(dockerfile).toContain('USER 65534:65534\n');
    const pr = dryRunInputOf(body, 'publish:github:pull-request');
    expect(pr.description).toContain('### Dockerfile: fixed in part, by minimal edits');
    expect(pr.description).toMatch(/Left for a human[\s\S]*\[GDS014\]\([^)]*\) \(line \d+\): line \d+ uses shell syntax/);
  });

  it('passes rewrite through: with rewrite false the step runs the same edits (minimal edits suffice here)', async () => {
    const body = ok(await dryRun({ entity: 'component:default/inventory', rewrite: false }));
    expect(checkDockerfile(file(body, 'Dockerfile')!, policy).status).toBe('compliant');
    expect(body.log.map((l) => l.body.message).join('\n')).toMatch(/Dockerfile: fixed GDS\d{3}/);
  });

  it('the drift label the picker filters on is the processor\'s, with the standard version recorded', () => {
    expect(entities.inventory!.metadata.annotations!['hardened-go.io/standard-version']).toBe('v1');
  });
});
