/**
 * The two configuration files load the way Backstage loads them (the real config loader,
 * `${VAR}` substitution, later files merged over earlier ones) and say what the docs say:
 * the demo is self-contained, and production replaces every demo shortcut.
 */
import * as path from 'node:path';
import { ConfigSources, type ClosableConfig } from '@backstage/config-loader';
import { DEFAULT_POLICY, policyFromConfig } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DEFAULT_DRIFT_CONFIG, readDriftConfig } from '@hardened-go/plugin-catalog-backend-module-dockerfile-drift';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

async function load(files: string[], env: Record<string, string> = {}): Promise<ClosableConfig> {
  return ConfigSources.toConfig(
    ConfigSources.default({
      argv: files.flatMap(file => ['--config', path.join(REPO_ROOT, file)]),
      rootDir: REPO_ROOT,
      watch: false,
      env: {},
      substitutionFunc: async name => env[name],
    }),
  );
}

const PRODUCTION_ENV = {
  APP_BASE_URL: 'https://portal.example.com',
  BACKEND_BASE_URL: 'https://portal.example.com',
  POSTGRES_HOST: 'db.internal',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 'from-a-secret',
  CATALOG_READER_TOKEN: 'a-long-random-token',
  HARDENED_GO_POLICY_TOKEN: 'another-long-random-token',
  GITHUB_WEBHOOK_SECRET: 'webhook-secret-from-a-secret',
  GITHUB_TOKEN: 'ghp_from_a_secret',
  GITHUB_ORG: 'acme',
};

describe('app-config.yaml (the local demo)', () => {
  it('needs nothing set: in-memory SQLite, loopback only, the examples server on 7008', async () => {
    const config = await load(['app-config.yaml']);
    try {
      expect(config.getString('backend.database.client')).toBe('better-sqlite3');
      expect(config.getString('backend.database.connection')).toBe(':memory:');
      expect(config.getNumber('backend.listen.port')).toBe(7007);
      expect(config.getString('backend.listen.host')).toBe('127.0.0.1');
      expect(config.getBoolean('backend.auth.dangerouslyDisableDefaultAuthPolicy')).toBe(true);
      expect(config.getConfigArray('backend.reading.allow').map(c => c.getString('host'))).toEqual(['127.0.0.1:7008']);
      const targets = config.getConfigArray('catalog.locations').map(c => c.getString('target'));
      expect(targets).toEqual([
        './templates/go-service/template.yaml',
        './templates/harden-dockerfile/template.yaml',
        'http://127.0.0.1:7008/catalog-info.yaml',
      ]);
      expect(policyFromConfig(config.getOptional('hardenedGo.standard'))).toEqual(DEFAULT_POLICY);
      expect(readDriftConfig(config)).toEqual(DEFAULT_DRIFT_CONFIG);
    } finally {
      config.close();
    }
  });

  it('HARDENED_GO_EXAMPLES_PORT moves the examples location and the reading allow-list together', async () => {
    const config = await load(['app-config.yaml'], { HARDENED_GO_EXAMPLES_PORT: '9123' });
    try {
      expect(config.getConfigArray('backend.reading.allow').map(c => c.getString('host'))).toEqual(['127.0.0.1:9123']);
      const targets = config.getConfigArray('catalog.locations').map(c => c.getString('target'));
      expect(targets).toContain('http://127.0.0.1:9123/catalog-info.yaml');
    } finally {
      config.close();
    }
  });
});

describe('app-config.production.yaml merged over app-config.yaml', () => {
  it('replaces every demo shortcut: PostgreSQL, auth on, GitHub, no loopback reads', async () => {
    const config = await load(['app-config.yaml', 'app-config.production.yaml'], PRODUCTION_ENV);
    try {
      expect(config.getString('backend.database.client')).toBe('pg');
      // get(), as Backstage's database manager reads it (the demo's string is replaced whole).
      expect(config.get('backend.database.connection')).toEqual({
        host: 'db.internal',
        port: '5432',
        user: 'backstage',
        password: 'from-a-secret',
      });
      expect(config.getBoolean('backend.auth.dangerouslyDisableDefaultAuthPolicy')).toBe(false);
      expect(config.getConfigArray('backend.auth.externalAccess')[0].getString('options.token')).toBe('a-long-random-token');
      // the demo's policy token and webhook secret are replaced, never kept
      expect(config.getConfigArray('backend.auth.externalAccess').map(c => c.getString('options.token'))).toEqual(['a-long-random-token', 'another-long-random-token']);
      expect(config.getString('events.modules.github.webhookSecret')).toBe('webhook-secret-from-a-secret');
      expect(config.getString('backend.listen.host')).toBe('0.0.0.0');
      expect(config.getConfigArray('backend.reading.allow')).toEqual([]);
      expect(config.getConfigArray('integrations.github')[0].getString('token')).toBe('ghp_from_a_secret');
      const targets = config.getConfigArray('catalog.locations').map(c => c.getString('target'));
      expect(targets.some(t => t.includes('127.0.0.1'))).toBe(false);
      expect(targets).toContain('https://github.com/acme/backstage-catalog/blob/main/all-services.yaml');
      expect(config.getConfig('catalog.processingInterval').get()).toEqual({ seconds: 100 });
    } finally {
      config.close();
    }
  });

  it('carries a valid policy with a rollout, and a valid drift filter', async () => {
    const config = await load(['app-config.yaml', 'app-config.production.yaml'], PRODUCTION_ENV);
    try {
      const policy = policyFromConfig(config.getOptional('hardenedGo.standard'));
      expect(policy.rules.GDS009).toEqual({ mode: 'enforce' });
      expect(policy.rules.GDS012).toEqual({ mode: 'enforce', enforceAfter: '2027-03-01' });
      expect(readDriftConfig(config).filter.tags).toEqual(['go']);
    } finally {
      config.close();
    }
  });
});
