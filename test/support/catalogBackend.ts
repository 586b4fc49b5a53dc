/**
 * Starts a real Backstage backend in-process the way an adopter's packages/backend does
 * (createBackend from @backstage/backend-defaults, real config loading from a YAML file,
 * real SQLite, real UrlReader, real auth with a static external-access token) with the
 * catalog and the given modules, and talks to it over its HTTP API.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { databaseClosers } from './databaseClosers';
import { freePort } from './freePort';

export interface CatalogBackend {
  baseUrl: string;
  /** The static external-access token the backend accepts (for other plugins' APIs). */
  token: string;
  /** GET /api/catalog<path>, authenticated; parses JSON. */
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body: unknown): Promise<T>;
  /** GET /api/catalog/entities?filter=<filter> */
  entities(filter: string): Promise<Entity[]>;
  stop(): Promise<void>;
}

const TOKEN = 'drift-e2e-static-token-0123456789';


export async function startCatalogBackend(options: {
  /** Merged over the base config (backend listen/db/auth). */
  config: Record<string, unknown>;
  features: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
  /** Plugins whose databases stop() closes (default: the catalog; add 'scaffolder' when it is installed). */
  closeDatabasesOf?: string[];
}): Promise<CatalogBackend> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'hg-backend-'));
  const configFile = join(dir, 'app-config.yaml');
  const base = {
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      auth: { externalAccess: [{ type: 'static', options: { token: TOKEN, subject: 'e2e-test' } }] },
    },
  };
  const merged = { ...base, ...options.config, backend: { ...base.backend, ...((options.config.backend as object) ?? {}) } };
  writeFileSync(configFile, stringify(merged));

  const backend = createBackend();
  backend.add(rootConfigServiceFactory({ argv: ['--config', configFile], watch: false }));
  // Closes the plugins' SQLite databases after stop(), so Jest can exit.
  const closers = databaseClosers(options.closeDatabasesOf ?? ['catalog']);
  closers.modules.forEach(module => backend.add(module));
  for (const f of options.features) backend.add(f);
  await backend.start();

  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/catalog${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  return {
    baseUrl,
    token: TOKEN,
    get: path => request('GET', path),
    post: (path, body) => request('POST', path, body),
    entities: filter => request<Entity[]>('GET', `/entities?filter=${encodeURIComponent(filter)}`),
    async stop() {
      await backend.stop();
      await closers.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails with the last observation. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = 'probe returned undefined';
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${last instanceof Error ? last.message : String(last)}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}
