/**
 * `npm start`: the whole demo in one process.
 *
 * 1. starts the example repository server (examples/ over HTTP with ETags, on loopback),
 * 2. starts the portal backend from app-config.yaml (+ any `--config` arguments),
 * 3. waits until the catalog shows a compliance label on every example service,
 * 4. prints one ready line and the commands to try,
 * 5. on Ctrl-C / SIGTERM stops the backend and the server and exits 0.
 *
 * 6. serves the compliance view (dev app) on HARDENED_GO_UI_PORT (default 3000) when built
 *    (HARDENED_GO_UI=off leaves it out).
 *
 * Campaign mode, HARDENED_GO_GIT_HOST=github: step 1 starts the loopback GitHub host instead,
 * with each example service in its own repository, and the backend reads them through the
 * GitHub integration, so the harden template and `hardened-go rollout apply` open real pull
 * requests on it (./demo/githubHost/demoGitHub.ts; docs/rollout.md).
 *
 * Environment: HARDENED_GO_EXAMPLES_PORT (default 7008, also read by app-config.yaml),
 * HARDENED_GO_EXAMPLES_DIR (default <repo>/examples), LOG_LEVEL (default warn here, so the
 * demo's own lines stay readable; `LOG_LEVEL=info npm start` shows the backend's logs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { JsonValue } from '@backstage/config';
import { ConfigSources, StaticConfigSource } from '@backstage/config-loader';
import { trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';
import { createHardenedGoBackend, type HardenedGoBackend } from './backend';
import { waitForComplianceLabels, watchComplianceLabels } from './demo/catalogLabels';
import { buildDryRunRequest } from './demo/dryRunRequest';
import { listExampleServices } from './demo/exampleServices';
import { startExampleRepositoryServer, type ExampleRepositoryServer } from './demo/exampleRepositoryServer';
import { DEMO_CAMPAIGN_TOKEN, demoGitHubConfig, startDemoGitHub, type DemoGitHub } from './demo/githubHost/demoGitHub';
import { readyLine, tryCommands } from './demo/readyMessage';

/** packages/backend/src/start.ts → the repository root (the demo only ever runs in its repository). */
// eslint-disable-next-line no-restricted-syntax
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DEFAULT_EXAMPLES_PORT = 7008;
const LABEL_WAIT_MS = 120_000;
/** How often the demo re-reads the labels to report changes (edits of examples/). */
const LABEL_WATCH_MS = 3_000;
const TEMPLATE_FILE = path.join(REPO_ROOT, 'templates', 'go-service', 'template.yaml');
/** The compliance view's dev app (built by `npm run build:dev-app -w @hardened-go/plugin-dockerfile-compliance`). */
const DEV_APP_DIR = path.join(REPO_ROOT, 'plugins', 'dockerfile-compliance', 'dev');
const DEFAULT_UI_PORT = 3000;

function say(line: string): void {
  process.stdout.write(`[hardened-go] ${line}\n`);
}

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name} must be a port number (1-65535), got ${JSON.stringify(raw)}`);
  }
  return port;
}

/**
 * Serves the compliance view next to the backend when its dev app has been built
 * (`./dev.sh start` builds it). A child process: the dev server is an ES module of the
 * frontend package, and the demo must not depend on the frontend build to run.
 */
function startComplianceView(backendUrl: string): { url: string; child: ChildProcess } | undefined {
  if (process.env.HARDENED_GO_UI === 'off') return undefined;
  if (!existsSync(path.join(DEV_APP_DIR, 'dist', 'index.html'))) {
    say('compliance view not built; build it with: npm run build:dev-app -w @hardened-go/plugin-dockerfile-compliance');
    return undefined;
  }
  const port = portFromEnv('HARDENED_GO_UI_PORT', DEFAULT_UI_PORT);
  const child = spawn(process.execPath, [path.join(DEV_APP_DIR, 'serve.mjs'), '--port', String(port), '--backend', backendUrl], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { url: `http://localhost:${port}/dockerfile-compliance`, child };
}

/** The example services' Git host: plain HTTP, or (HARDENED_GO_GIT_HOST=github) the loopback GitHub host. */
async function startGitHost(examplesDir: string, port: number): Promise<{ github?: DemoGitHub; examplesServer?: ExampleRepositoryServer }> {
  const gitHost = process.env.HARDENED_GO_GIT_HOST ?? 'http';
  if (gitHost !== 'http' && gitHost !== 'github') throw new Error(`HARDENED_GO_GIT_HOST must be http or github, got ${JSON.stringify(gitHost)}`);
  try {
    return gitHost === 'github' ? { github: await startDemoGitHub({ examplesDir, port }) } : { examplesServer: await startExampleRepositoryServer({ rootDir: examplesDir, port }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${port} is in use; start with HARDENED_GO_EXAMPLES_PORT=<free port> npm start`);
    }
    throw error;
  }
}

/**
 * The backend's configuration, watched as a plain Backstage backend does: an edited
 * hardenedGo.standard applies without a restart. In campaign mode the catalog reads the
 * examples from the GitHub host (the base arrays are read once, then replaced).
 */
async function loadConfig(github: DemoGitHub | undefined) {
  const fileAndEnvConfig = ConfigSources.default({ argv: process.argv, rootDir: REPO_ROOT, watch: true });
  if (!github) return ConfigSources.toConfig(fileAndEnvConfig);
  const base = await ConfigSources.toConfig(ConfigSources.default({ argv: process.argv, rootDir: REPO_ROOT, watch: false }));
  const overlay = demoGitHubConfig({
    demo: github,
    baseLocations: base.getOptional<JsonValue[]>('catalog.locations') ?? [],
    baseExternalAccess: base.getOptional<JsonValue[]>('backend.auth.externalAccess') ?? [],
  });
  base.close();
  return ConfigSources.toConfig(
    ConfigSources.merge([fileAndEnvConfig, StaticConfigSource.create({ data: overlay, context: 'campaign mode (HARDENED_GO_GIT_HOST=github)' })]),
  );
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  process.env.LOG_LEVEL ??= 'warn';
  // Config file locations (./templates/...) are relative to the working directory.
  process.chdir(REPO_ROOT);

  const examplesDir = path.resolve(process.env.HARDENED_GO_EXAMPLES_DIR ?? path.join(REPO_ROOT, 'examples'));
  const services = await listExampleServices(examplesDir);

  const stopSignal = new AbortController();
  // each is set once, by a later step that may not be reached; the stop handler reads whichever exist
  /* eslint-disable prefer-const */
  let examplesServer: ExampleRepositoryServer | undefined;
  let github: DemoGitHub | undefined;
  let backend: HardenedGoBackend | undefined;
  let closeConfig: (() => void) | undefined;
  let stopWatching: (() => void) | undefined;
  let complianceView: ReturnType<typeof startComplianceView>;
  /* eslint-enable prefer-const */
  let stopping = false;
  const stop = async (reason: string, exitCode: number) => {
    let code = exitCode;
    if (stopping) return;
    stopping = true;
    stopSignal.abort();
    stopWatching?.();
    complianceView?.child.kill('SIGTERM');
    say(`${reason}: stopping the backend and the example repository server`);
    await examplesServer?.close();
    await github?.server.close();
    try {
      await backend?.stop();
    } catch (error) {
      console.error(error);
      code = code || 1;
    }
    closeConfig?.();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // eslint-disable-next-line no-loop-func
    process.on(signal, () => {
      if (stopping) process.exit(130); // a second Ctrl-C does not wait
      void stop(`${signal} received`, 0);
    });
  }

  const port = portFromEnv('HARDENED_GO_EXAMPLES_PORT', DEFAULT_EXAMPLES_PORT);
  ({ github, examplesServer } = await startGitHost(examplesDir, port));
  const examplesUrl = github ? github.server.baseUrl : examplesServer!.url;
  const examplesDirForCli = path.relative(REPO_ROOT, examplesDir).startsWith('..')
    ? examplesDir
    : `${path.relative(REPO_ROOT, examplesDir)}/`;
  say(
    github
      ? `GitHub host (campaign mode): ${examplesUrl}, ${github.repositories.length} repositories from ${examplesDirForCli} (a snapshot; pull requests land here)`
      : `example repositories: ${examplesUrl} (${services.length} services from ${examplesDirForCli})`,
  );

  const config = await loadConfig(github);
  closeConfig = () => config.close();
  const backendUrl = trimTrailing(config.getString('backend.baseUrl'), '/');

  // The printed dry-run command posts this file: the real template plus sample form values.
  let dryRunRequestFile: string | undefined = path.join(REPO_ROOT, '.cache', 'hardened-go', 'dry-run-request.json');
  try {
    const body = buildDryRunRequest(await fs.readFile(TEMPLATE_FILE, 'utf8'));
    await fs.mkdir(path.dirname(dryRunRequestFile), { recursive: true });
    // Write-then-rename: a concurrent start (tests) never exposes a half-written file.
    const partial = `${dryRunRequestFile}.${process.pid}.tmp`;
    await fs.writeFile(partial, `${JSON.stringify(body, null, 2)}\n`);
    await fs.rename(partial, dryRunRequestFile);
  } catch (error) {
    // The demo still runs; only the dry-run command is left out.
    say(`warning: no dry-run request (${path.relative(REPO_ROOT, TEMPLATE_FILE)}: ${(error as Error).message})`);
    dryRunRequestFile = undefined;
  }

  say('starting the portal backend (catalog, scaffolder, hardened-go modules) ...');
  backend = createHardenedGoBackend({ config });
  await backend.start();
  say(`backend listening on ${backendUrl}; waiting for the catalog to check the example services ...`);
  complianceView = startComplianceView(backendUrl);

  const labels = await waitForComplianceLabels({
    backendUrl,
    names: services.map(s => s.name),
    timeoutMs: LABEL_WAIT_MS,
    signal: stopSignal.signal,
  });
  if (stopping) return;

  const message = {
    backendUrl,
    examplesUrl,
    ...(github ? { campaignToken: DEMO_CAMPAIGN_TOKEN } : {}),
    labels,
    startupMs: Date.now() - startedAt,
    dryRunRequestFile,
    examplesDirForCli,
    complianceViewUrl: complianceView?.url,
  };
  process.stdout.write(`${readyLine(message)}\n`);
  process.stdout.write(`${tryCommands(message).map(line => `  ${line}`).join('\n')}\n`);
  say(
    github
      ? 'Merge a pull request on the GitHub host (PUT /api/v3/repos/{owner}/{repo}/pulls/{n}/merge, docs/rollout.md) and its label changes here within about 30 s. Ctrl-C stops everything.'
      : `Edit a Dockerfile under ${examplesDirForCli} and its label changes here within about 30 s. Ctrl-C stops everything.`,
  );
  stopWatching = watchComplianceLabels({
    backendUrl,
    names: services.map(s => s.name),
    initial: labels,
    intervalMs: LABEL_WATCH_MS,
    onChange: changes => changes.forEach(change => say(`label changed: ${change}`)),
  });
}

main().catch(error => {
  const message = String((error as Error).message ?? error);
  console.error(`[hardened-go] could not start: ${message}`);
  if (/EADDRINUSE/.test(message)) {
    console.error(
      '[hardened-go] another process uses the backend port; choose others with ' +
        'APP_CONFIG_backend_listen_port=7010 APP_CONFIG_backend_baseUrl=http://localhost:7010 npm start (docs/backend.md)',
    );
  }
  process.exit(1);
});
