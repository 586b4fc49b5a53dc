/**
 * `--config app-config.yaml`: reads Backstage-style app-config files and hands the merged
 * `hardenedGo.standard` block to policyFromConfig, so the CLI and the portal apply the same
 * policy. Several files merge like Backstage does: later files win, objects merge key by
 * key, lists and scalars are replaced.
 */
import { ConfigReader } from '@backstage/config';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { LimitsError, readCheckLimits, type CheckLimits } from '../isolation/limits';
import { PolicyError, policyFromConfig } from '../policy/policy';
import type { Policy } from '../policy/types';
import { UsageError } from './command';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Backstage's merge: objects key by key, everything else replaced by the later value. */
export function mergeConfigs(earlier: Json, later: Json): Json {
  if (!isObject(earlier) || !isObject(later)) return later;
  const merged: Record<string, Json> = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    merged[key] = key in merged ? mergeConfigs(merged[key]!, value) : value;
  }
  return merged;
}

async function readConfigFile(file: string, cwd: string): Promise<Json> {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = await fs.readFile(absolute, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new UsageError(`config ${file} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  }
  let value: Json | undefined;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as Json | undefined;
  } catch (e) {
    // e.g. an alias bomb ("Excessive alias count indicates a resource exhaustion attack")
    throw new UsageError(`config ${file} cannot be read: ${(e as Error).message}`);
  }
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new UsageError(`config ${file} must be a YAML mapping at the top level`);
  return value;
}

export interface CliConfig {
  /** `hardenedGo.standard`, or DEFAULT_POLICY. */
  policy: Policy;
  /** `hardenedGo.limits`, or the defaults: what one file may cost when it is checked or fixed. */
  limits: CheckLimits;
}

/** The merged config files' policy and limits; the defaults when none is given or none sets them. */
export async function loadCliConfig(configFiles: readonly string[], cwd: string): Promise<CliConfig> {
  let merged: Json = {};
  for (const file of configFiles) merged = mergeConfigs(merged, await readConfigFile(file, cwd));
  const hardenedGo = isObject(merged) ? merged.hardenedGo : undefined;
  if (hardenedGo !== undefined && hardenedGo !== null && !isObject(hardenedGo)) {
    throw new UsageError(`config: hardenedGo must be an object`);
  }
  try {
    return { policy: policyFromConfig(hardenedGo?.standard), limits: readCheckLimits(new ConfigReader(merged as Record<string, never>)) };
  } catch (e) {
    if (e instanceof PolicyError || e instanceof LimitsError) {
      throw new UsageError(`config${configFiles.length ? ` (${configFiles.join(', ')})` : ''}: ${e.message}`);
    }
    throw e;
  }
}

/** The policy of the merged config files; DEFAULT_POLICY when none is given or none sets `hardenedGo.standard`. */
export async function loadPolicy(configFiles: readonly string[], cwd: string): Promise<Policy> {
  return (await loadCliConfig(configFiles, cwd)).policy;
}
