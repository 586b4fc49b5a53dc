/**
 * `npm start` end to end, on in-memory SQLite, exactly as a user runs it: the real starter
 * (packages/backend/dist/start.js) with the real app-config.yaml, overridden only in ports and
 * loop speed, serving a copy of examples/ that the test may edit. Everything below goes
 * through public HTTP APIs (catalog, scaffolder) or the printed commands.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { DEFAULT_POLICY, checkDockerfile } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import { DEMO_SERVICE_VALUES } from '../../packages/backend/src/demo/dryRunRequest';
import { freePort } from '../support/freePort';
import {
  REPO_ROOT,
  copyExamples,
  eventually,
  startBackendProcess,
  testOverrides,
  type BackendProcess,
} from './harness/backendProcess';
import { fetchLabels, fetchOutcomes, sameLabels } from './harness/catalog';
import { EXAMPLE_NAMES, EXPECTED_EXAMPLES, expectedLabels } from './harness/expectedExamples';
import { followTaskEvents, localTemplateVariant, postJson, readTemplate } from './harness/scaffolder';

const READY_LINE = /^hardened-go (ready|up, but .*) in [\d.]+s: .*$/m;

let backend: BackendProcess;
let backendUrl: string;
let examplesUrl: string;
let examplesDir: string;

beforeAll(async () => {
  examplesDir = await copyExamples();
  const port = await freePort();
  const examplesPort = await freePort();
  backendUrl = `http://localhost:${port}`;
  examplesUrl = `http://127.0.0.1:${examplesPort}`;
  backend = await startBackendProcess({
    name: 'sqlite-npm-start',
    entry: 'start',
    overrides: testOverrides({ port }),
    env: { HARDENED_GO_EXAMPLES_DIR: examplesDir, HARDENED_GO_EXAMPLES_PORT: String(examplesPort) },
  });
  await backend.waitForOutput(READY_LINE, 150_000);
}, 200_000);

afterAll(async () => {
  await backend?.stop('SIGKILL');
  if (examplesDir) await fs.rm(examplesDir, { recursive: true, force: true });
});

/** The indented command lines printed under the ready line (comments skipped). */
function printedCommands(): string[] {
  const after = backend.output().slice(backend.output().search(READY_LINE));
  return after
    .split('\n')
    .slice(1)
    .filter(line => line.startsWith('  ') && !line.trim().startsWith('#'))
    .map(line => line.trim());
}

function runPrinted(command: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('bash', ['-c', command], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm start on SQLite', () => {
  it('prints one ready line with both URLs once every example carries its label', () => {
    const readyLines = backend.output().match(/^hardened-go (ready|up)\b.*$/gm) ?? [];
    expect(readyLines).toHaveLength(1);
    const [line] = readyLines;
    expect(line).toMatch(/^hardened-go ready in /);
    expect(line).toContain(`backend ${backendUrl}`);
    expect(line).toContain(`example repositories ${examplesUrl}`);
    expect(line).toContain(`${EXAMPLE_NAMES.length} example services: 1 compliant, ${EXAMPLE_NAMES.length - 1} drifted`);
  });

  it('the catalog API shows every example with its compliance label and the rules it drifts on', async () => {
    const outcomes = await fetchOutcomes(backendUrl);
    for (const name of EXAMPLE_NAMES) {
      const expected = EXPECTED_EXAMPLES[name];
      expect({ name, label: outcomes[name]?.label }).toEqual({ name, label: expected.status });
      expect(outcomes[name].rules).toEqual(expect.arrayContaining(expected.rules));
      expect(outcomes[name].paths).toEqual([expected.dockerfile]);
    }
    expect(outcomes['payments-api'].rules).toEqual([]);
  });

  it('the printed commands work as printed', () => {
    const commands = printedCommands();
    expect(commands).toHaveLength(4);
    const [drifted, dryRun, cli, withPortalPolicy] = commands;

    const driftedResult = runPrinted(drifted);
    expect(driftedResult.status).toBe(0);
    // One line per drifted service: `name: GDS001 GDS002 ...`.
    const lines = driftedResult.stdout.trim().split('\n').sort();
    expect(lines.map(l => l.split(':')[0])).toEqual(EXAMPLE_NAMES.filter(n => EXPECTED_EXAMPLES[n].status === 'drifted'));
    for (const line of lines) {
      const [name, rules] = line.split(': ');
      expect(rules.split(' ')).toEqual(expect.arrayContaining(EXPECTED_EXAMPLES[name].rules));
    }

    const dryRunResult = runPrinted(dryRun);
    expect(dryRunResult.status).toBe(0);
    const files = dryRunResult.stdout.trim().split('\n');
    expect(files).toEqual(expect.arrayContaining([expect.stringMatching(/(^|\/)Dockerfile$/), expect.stringMatching(/(^|\/)main\.go$/)]));

    const cliResult = runPrinted(cli);
    expect(cliResult.status).toBe(1); // drifted examples
    expect(cliResult.stdout + cliResult.stderr).toMatch(/legacy-billing/);

    // the demo's policy is the built-in standard written out: the same version, the same verdicts, from the portal
    const portalResult = runPrinted(withPortalPolicy);
    expect(portalResult.status).toBe(1);
    expect(portalResult.stdout).toBe(cliResult.stdout);
    expect(portalResult.stderr).toMatch(new RegExp(`^hardened-go check: policy v1 \\(version [0-9a-f]{16}\\) from ${backendUrl}/api/dockerfile-compliance/policy`, 'm'));
    expect(portalResult.stderr.match(/version [0-9a-f]{16}/)![0]).toBe(cliResult.stderr.match(/version [0-9a-f]{16}/)![0]);
  }, 120_000);

  it('dry-runs the "Create new Go service" template: the generated Dockerfile is the standard', async () => {
    const template = await readTemplate();
    const { status, body } = await postJson(`${backendUrl}/api/scaffolder/v2/dry-run`, {
      template,
      values: DEMO_SERVICE_VALUES,
      secrets: {},
      directoryContents: [],
    });
    expect(status).toBe(200);
    const files = new Map<string, string>(
      body.directoryContents.map((f: { path: string; base64Content: string }) => [f.path, Buffer.from(f.base64Content, 'base64').toString('utf8')]),
    );
    const dockerfilePath = [...files.keys()].find(p => p === 'Dockerfile' || p.endsWith('/Dockerfile'));
    expect(dockerfilePath).toBeDefined();
    const result = checkDockerfile(files.get(dockerfilePath!)!, DEFAULT_POLICY);
    expect(result).toMatchObject({ status: 'compliant', findings: [] });
    expect([...files.keys()].some(p => p.endsWith('catalog-info.yaml'))).toBe(true);
  });

  it('rejects a bad template input with a readable error naming the field', async () => {
    const template = await readTemplate();
    const { status, body } = await postJson(`${backendUrl}/api/scaffolder/v2/dry-run`, {
      template,
      values: { ...DEMO_SERVICE_VALUES, name: 'Bad Name!' },
      secrets: {},
      directoryContents: [],
    });
    expect(status).toBe(400);
    // The form's JSON schema: the field and the rule it breaks.
    const messages = (body.errors as { stack: string }[]).map(e => e.stack).join('\n');
    expect(messages).toMatch(/instance\.name does not match pattern/);

    // A value the form lets through but the action refuses: its own message, naming the field.
    const refused = await postJson(`${backendUrl}/api/scaffolder/v2/dry-run`, {
      template,
      values: { ...DEMO_SERVICE_VALUES, modulePath: 'not a module path!' },
      secrets: {},
      directoryContents: [],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ name: 'InputError', message: expect.stringMatching(/modulePath .*"not a module path!"/) });
  });

  it('runs a task of the template (variant without publishing) and follows its event stream to completion', async () => {
    const name = 'create-go-service-local';
    await fs.mkdir(path.join(examplesDir, 'templates'), { recursive: true });
    await fs.writeFile(path.join(examplesDir, 'templates', `${name}.yaml`), await localTemplateVariant(name));
    const registered = await postJson(`${backendUrl}/api/catalog/locations`, {
      type: 'url',
      target: `${examplesUrl}/templates/${name}.yaml`,
    });
    expect(registered.status).toBe(201);
    await eventually(
      'template in the catalog',
      () => fetch(`${backendUrl}/api/catalog/entities/by-name/template/default/${name}`).then(r => r.status),
      s => s === 200,
      60_000,
    );

    const created = await postJson(`${backendUrl}/api/scaffolder/v2/tasks`, {
      templateRef: `template:default/${name}`,
      values: DEMO_SERVICE_VALUES,
    });
    expect(created.status).toBe(201);
    const events = await followTaskEvents(backendUrl, created.body.id, 120_000);
    const completion = events[events.length - 1];
    expect(completion).toMatchObject({
      type: 'completion',
      body: {
        message: 'Run completed with status: completed',
        output: { text: [{ content: 'Dockerfile at Dockerfile, standard v1' }] },
      },
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'log', body: expect.objectContaining({ stepId: 'create', status: 'completed' }) }));

    const task = await fetch(`${backendUrl}/api/scaffolder/v2/tasks/${created.body.id}`).then(r => r.json());
    expect(task.status).toBe('completed');
  }, 240_000);

  it('an example repository edited while running changes its label on a later pass', async () => {
    // orders-worker is fixed to the rendered standard; payments-api starts running as root.
    await fs.writeFile(
      path.join(examplesDir, 'orders-worker', 'Dockerfile'),
      renderDockerfile(DEFAULT_POLICY, { binaryName: 'orders-worker' }),
    );
    const payments = path.join(examplesDir, 'payments-api', 'Dockerfile');
    await fs.writeFile(payments, (await fs.readFile(payments, 'utf8')).replace(/^USER .*$/m, 'USER root'));

    const expected = { ...expectedLabels(), 'orders-worker': 'compliant', 'payments-api': 'drifted' };
    await eventually('labels after the edit', () => fetchLabels(backendUrl), labels => sameLabels(labels, expected), 90_000);
    const outcomes = await fetchOutcomes(backendUrl, ['payments-api']);
    expect(outcomes['payments-api'].rules).toContain('GDS009');
    // The starter reports both flips in its own output.
    await backend.waitForOutput(/label changed: orders-worker: drifted -> compliant/, 15_000);
    await backend.waitForOutput(/label changed: payments-api: compliant -> drifted/, 15_000);
  }, 150_000);

  it('Ctrl-C stops the backend and the example repository server and exits 0', async () => {
    const status = await backend.stop('SIGINT', 60_000);
    expect(status).toEqual({ code: 0, signal: null });
    expect(backend.output()).toMatch(/SIGINT received: stopping/);
    const listening = (port: number) =>
      new Promise<boolean>(resolve => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
      });
    expect(await listening(Number(new URL(examplesUrl).port))).toBe(false);
    expect(await listening(Number(new URL(backendUrl).port))).toBe(false);
  }, 90_000);
});
