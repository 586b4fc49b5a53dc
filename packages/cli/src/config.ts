/**
 * `--config app-config.yaml`: the CLI reads configuration exactly as a Backstage backend does,
 * with @backstage/config-loader: several files merged (later ones win, objects key by key),
 * `$env`, `$file` and `$include`, `${VAR}` substitution, and APP_CONFIG_* environment
 * overrides. `hardenedGo.standard` becomes the policy, `hardenedGo.limits` the per-file
 * limits and `hardenedGo.ruleDocsBaseUrl` the SARIF rule links, through the same readers the
 * portal uses, so the CLI and the portal apply the same policy and link the same docs.
 */
import { ConfigReader, type Config } from '@backstage/config';
import { ConfigSources, EnvConfigSource, FileConfigSource } from '@backstage/config-loader';
import { InputError } from '@backstage/errors';
import * as path from 'node:path';
import { LimitsError, readCheckLimits, type CheckLimits } from '@hardened-go/plugin-dockerfile-compliance-node';
import { PolicyError, policyFromConfig, readRuleDocsBaseUrl } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';

export interface CliConfig {
  /** `hardenedGo.standard`, or DEFAULT_POLICY. */
  policy: Policy;
  /** `hardenedGo.limits`, or the defaults: what one file may cost when it is checked or fixed. */
  limits: CheckLimits;
  /**
   * `hardenedGo.ruleDocsBaseUrl` (or, deprecated, a 0.2.0 key, told to `warn`), or undefined.
   * Read when asked, by the commands that link rule docs; a malformed value is an InputError.
   */
  ruleDocsBaseUrl(warn: (message: string) => void): string | undefined;
  /** The --config files read (as given). */
  configFiles: readonly string[];
  /** Whether the configuration sets `hardenedGo.standard` (else the policy is the built-in one). */
  setsPolicy: boolean;
}

/** The first line of an error, which config-loader errors spread over several. */
function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/** The merged configuration of `files` (relative to cwd) and the APP_CONFIG_* variables of `env`. */
export async function readCliConfig(files: readonly string[], cwd: string, env: Record<string, string | undefined>): Promise<Config> {
  // nothing to read: the defaults (toConfig of no data at all is an error)
  if (files.length === 0 && !Object.keys(env).some((k) => k.startsWith('APP_CONFIG_'))) return new ConfigReader({});
  const substitutionFunc = async (name: string) => env[name]?.trim();
  const sources = ConfigSources.merge([
    ...files.map((file) => FileConfigSource.create({ path: path.resolve(cwd, file), watch: false, substitutionFunc })),
    EnvConfigSource.create({ env }),
  ]);
  try {
    const config = await ConfigSources.toConfig(sources);
    config.close();
    return config;
  } catch (e) {
    throw new InputError(`cannot read the configuration (${files.join(', ') || 'APP_CONFIG_* variables'}): ${firstLine(e)}`);
  }
}

/** The configuration's policy and limits; the defaults for what it does not set. */
export async function loadCliConfig(files: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliConfig> {
  const config = await readCliConfig(files, cwd, env);
  const hardenedGo = config.getOptional('hardenedGo');
  if (hardenedGo !== undefined && (hardenedGo === null || typeof hardenedGo !== 'object' || Array.isArray(hardenedGo))) {
    throw new InputError('config: hardenedGo must be an object');
  }
  const where = `config${files.length ? ` (${files.join(', ')})` : ''}`;
  const ruleDocsBaseUrl = (warn: (message: string) => void) => {
    try {
      return readRuleDocsBaseUrl(config, { warn });
    } catch (e) {
      throw new InputError(`${where}: ${firstLine(e)}`);
    }
  };
  try {
    const standard = config.getOptional('hardenedGo.standard');
    return {
      policy: policyFromConfig(standard),
      limits: readCheckLimits(config),
      ruleDocsBaseUrl,
      configFiles: [...files],
      setsPolicy: standard !== undefined && standard !== null,
    };
  } catch (e) {
    if (e instanceof PolicyError || e instanceof LimitsError) {
      throw new InputError(`${where}: ${e.message}`);
    }
    throw e;
  }
}

/** The policy of the configuration; DEFAULT_POLICY when nothing sets `hardenedGo.standard`. */
export async function loadPolicy(files: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Policy> {
  return (await loadCliConfig(files, cwd, env)).policy;
}
