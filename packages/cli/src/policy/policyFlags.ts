/**
 * Which policy a command applies, and saying so: the portal's (`--policy-url`), else
 * `hardenedGo.standard` of `--config`, else the built-in standard. Shared by the commands that
 * check (check, fix), so they choose and report the policy the same way.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '@backstage/errors';
import { DEFAULT_POLICY, POLICY_CONFIG_KEY, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { policyVersionOf } from '@hardened-go/plugin-dockerfile-compliance-node';
import { choice, stringFlag, type FlagSpec, type ParsedArgs } from '../args';
import type { CliIO } from '../command';
import type { CliConfig } from '../config';
import { fetchRemotePolicy, PolicyFetchError } from './remotePolicy';

export const POLICY_FLAGS: FlagSpec = {
  'policy-url': { type: 'string' },
  'policy-fallback': { type: 'string' },
  'policy-cache': { type: 'string' },
  'token-env': { type: 'string' },
};

export const POLICY_FLAGS_HELP = `  --policy-url URL           apply the portal's policy (GET URL/api/dockerfile-compliance/policy),
                             the one its catalog applies; also HARDENED_GO_POLICY_URL. The token
                             is read from HARDENED_GO_TOKEN and sent to that origin only
  --token-env NAME           read the portal token from this variable instead
  --policy-fallback none|defaults  when the portal cannot give its policy: fail with exit 2
                             (none, the default) or apply the built-in standard (defaults)
  --policy-cache DIR         where the portal's policy is cached by ETag (default:
                             $XDG_CACHE_HOME/hardened-go, else ~/.cache/hardened-go)`;

const FALLBACKS = ['none', 'defaults'] as const;
const TOKEN_ENV = 'HARDENED_GO_TOKEN';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ChosenPolicy {
  policy: Policy;
  /** The portal's hardenedGo.ruleDocsBaseUrl, when the policy came from the portal. */
  ruleDocsBaseUrl?: string;
  /** One line: which policy, its versions, and where it came from. */
  description: string;
}

function defaultCacheDir(env: CliIO['env']): string | undefined {
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'hardened-go');
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  return home ? path.join(home, '.cache', 'hardened-go') : undefined;
}

function describePolicy(policy: Policy, from: string): string {
  return `policy ${policy.standardVersion} (version ${policyVersionOf(policy)}) from ${from}`;
}

/**
 * The policy a command applies, named on stderr (`hardened-go check: policy v1 (version ...)
 * from ...`). Portal failures are InputErrors (exit 2) unless `--policy-fallback defaults`;
 * then the built-in standard, with a warning on stderr.
 */
export async function choosePolicy(
  command: string,
  values: ParsedArgs['values'],
  config: CliConfig,
  io: CliIO,
): Promise<ChosenPolicy> {
  const chosen = await resolvePolicy(command, values, config, io);
  io.stderr.write(`hardened-go ${command}: ${chosen.description}\n`);
  return chosen;
}

async function resolvePolicy(
  command: string,
  values: ParsedArgs['values'],
  config: CliConfig,
  io: CliIO,
): Promise<ChosenPolicy> {
  const url = stringFlag(values['policy-url']) ?? (io.env.HARDENED_GO_POLICY_URL || undefined);
  const fallback = choice(command, 'policy-fallback', values['policy-fallback'], FALLBACKS, 'none');
  const tokenEnv = stringFlag(values['token-env']) ?? TOKEN_ENV;
  if (!ENV_NAME.test(tokenEnv)) throw new InputError(`--token-env must name an environment variable, got ${JSON.stringify(tokenEnv)}`);
  const warn = (message: string) => io.stderr.write(`hardened-go ${command}: warning: ${message}\n`);

  if (url === undefined) {
    const from = config.setsPolicy ? `${POLICY_CONFIG_KEY} of ${config.configFiles.join(', ') || 'APP_CONFIG_* variables'}` : 'the built-in standard';
    return { policy: config.policy, description: describePolicy(config.policy, from) };
  }
  if (config.setsPolicy) warn(`${POLICY_CONFIG_KEY} of --config is ignored: the policy comes from --policy-url`);
  const cacheFlag = stringFlag(values['policy-cache']);
  const cacheDir = cacheFlag !== undefined ? path.resolve(io.cwd, cacheFlag) : defaultCacheDir(io.env);
  const token = io.env[tokenEnv] || undefined;
  try {
    const remote = await fetchRemotePolicy({ url, ...(token ? { token } : {}), ...(cacheDir ? { cacheDir } : {}), warn });
    return {
      policy: remote.policy,
      ...(remote.document.ruleDocsBaseUrl !== undefined ? { ruleDocsBaseUrl: remote.document.ruleDocsBaseUrl } : {}),
      description: describePolicy(remote.policy, `${remote.endpoint}${remote.via === 'cached' ? ' (unchanged since the cached copy)' : ''}`),
    };
  } catch (e) {
    if (!(e instanceof PolicyFetchError)) throw e;
    if (fallback === 'none') throw new InputError(`${e.message} (--policy-fallback defaults applies the built-in standard instead)`);
    warn(`${e.message}; applying the built-in standard (--policy-fallback defaults)`);
    return { policy: DEFAULT_POLICY, description: describePolicy(DEFAULT_POLICY, 'the built-in standard (the portal\'s policy was not available)') };
  }
}
