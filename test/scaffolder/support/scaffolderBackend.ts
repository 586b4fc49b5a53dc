/**
 * A real Backstage backend in-process, as an adopter's packages/backend builds it
 * (createBackend from @backstage/backend-defaults, config from a YAML file, in-memory SQLite,
 * real auth with a static external-access token): catalog + scaffolder entity model,
 * scaffolder, the GitHub scaffolder module (publish:github) and the hardened-go module.
 * Tests talk to it only over HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { stringify } from 'yaml';
import { databaseClosers } from '../../support/databaseClosers';
import { freePort } from '../../support/freePort';

const TOKEN = 'scaffolder-e2e-static-token-0123456789';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

export interface ScaffolderBackend {
  baseUrl: string;
  request<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResult<T>>;
  stop(): Promise<void>;
}

export async function startScaffolderBackend(config: Record<string, unknown>): Promise<ScaffolderBackend> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'hg-scaffolder-backend-'));
  const configFile = join(dir, 'app-config.yaml');
  writeFileSync(
    configFile,
    stringify({
      ...config,
      backend: {
        baseUrl,
        listen: { host: '127.0.0.1', port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
        workingDirectory: dir,
        auth: { externalAccess: [{ type: 'static', options: { token: TOKEN, subject: 'scaffolder-e2e' } }] },
      },
    }),
  );

  // LOG_LEVEL stays as it is: the scaffolder's step logger uses it too, and the dry-run log
  // (which the test reads) only carries info lines when it is info or lower.
  const closers = databaseClosers(['catalog', 'scaffolder']);
  const backend = createBackend();
  closers.modules.forEach(module => backend.add(module));
  backend.add(rootConfigServiceFactory({ argv: ['--config', configFile], watch: false }));
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
  // What an adopter writes to install this project's module:
  backend.add(import('@hardened-go/plugin-scaffolder-backend-module-go-service'));
  await backend.start();

  return {
    baseUrl,
    async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResult<T>> {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed as T };
    },
    async stop() {
      await backend.stop();
      await closers.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}
