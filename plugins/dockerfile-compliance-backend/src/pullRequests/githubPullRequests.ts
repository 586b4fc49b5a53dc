/**
 * The state of a hardening pull request on GitHub (or GitHub Enterprise), read through
 * Backstage's integrations: the host must be configured under `integrations.github`, whose
 * credentials (token or GitHub App) are used. Answers are cached (the Git host's rate limit is
 * shared with everything else the portal does); a 403/429 that says the rate limit is spent
 * is respected: nothing is asked of that host again until its reset time.
 */
import type { CacheService } from '@backstage/backend-plugin-api';
import { DefaultGithubCredentialsProvider, type ScmIntegrationRegistry } from '@backstage/integration';
import type { HardeningPullRequest } from '@hardened-go/plugin-dockerfile-compliance-common';

const TIMEOUT_MS = 10_000;

export interface PullRequestStateOptions {
  integrations: ScmIntegrationRegistry;
  cache: CacheService;
  /** How long a state is kept: open ones change, merged and closed ones rarely do. */
  openTtlMs: number;
  settledTtlMs: number;
  now?: () => number;
}

/** `https://host/owner/repo/pull/12` -> its parts; undefined for anything else. */
export function parsePullRequestUrl(url: string): { host: string; owner: string; repo: string; number: number } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const m = /^\/([^/]+)\/([^/]+)\/pull\/(\d{1,9})\/?$/.exec(u.pathname);
  if (!m || (u.protocol !== 'https:' && u.protocol !== 'http:')) return undefined;
  return { host: u.host, owner: decodeURIComponent(m[1]!), repo: decodeURIComponent(m[2]!), number: Number(m[3]) };
}

/** When the Git host says its rate limit is spent: the reset time (epoch ms), else undefined. */
export function rateLimitedUntil(status: number, headers: Headers, now: number): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && /^\d{1,6}$/.test(retryAfter)) return now + Number(retryAfter) * 1000;
  if (headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(headers.get('x-ratelimit-reset'));
    return Number.isFinite(reset) && reset > 0 ? reset * 1000 : now + 60_000;
  }
  // GitHub's secondary rate limits answer 403/429 without the headers; wait a minute
  return status === 429 ? now + 60_000 : undefined;
}

export function githubPullRequestStates(options: PullRequestStateOptions) {
  const credentials = DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
  const now = options.now ?? Date.now;
  /** Per host: until when it is rate limited (in memory: a restart asks again, once). */
  const limitedUntil = new Map<string, number>();

  async function read(url: string): Promise<HardeningPullRequest> {
    const parsed = parsePullRequestUrl(url);
    if (!parsed) return { url, state: 'unknown', stateReason: 'not a pull request URL this plugin reads' };
    const integration = options.integrations.github.byHost(parsed.host);
    if (!integration) return { url, state: 'unknown', stateReason: `no integrations.github entry for ${parsed.host}` };
    const until = limitedUntil.get(parsed.host);
    if (until !== undefined && until > now()) {
      return { url, state: 'unknown', stateReason: `${parsed.host} is rate limiting; asked again after ${new Date(until).toISOString()}` };
    }
    const cacheKey = `pull-request-state:${url}`;
    const cached = (await options.cache.get(cacheKey)) as HardeningPullRequest | undefined;
    if (cached) return cached;
    const { headers } = await credentials.getCredentials({ url: `https://${parsed.host}/${parsed.owner}/${parsed.repo}` });
    const api = integration.config.apiBaseUrl ?? `https://api.${parsed.host}`;
    const res = await fetch(`${api}/repos/${encodeURIComponent(parsed.owner)}/${encodeURIComponent(parsed.repo)}/pulls/${parsed.number}`, {
      headers: { ...headers, accept: 'application/vnd.github+json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const limited = rateLimitedUntil(res.status, res.headers, now());
    if (limited !== undefined) {
      limitedUntil.set(parsed.host, limited);
      await res.body?.cancel();
      return { url, state: 'unknown', stateReason: `${parsed.host} is rate limiting; asked again after ${new Date(limited).toISOString()}` };
    }
    if (!res.ok) {
      await res.body?.cancel();
      return { url, state: 'unknown', stateReason: `${parsed.host} answered ${res.status}` };
    }
    const body = (await res.json()) as { state?: string; merged?: boolean; merged_at?: string | null };
    const state = body.merged || body.merged_at ? 'merged' : body.state === 'open' ? 'open' : body.state === 'closed' ? 'closed' : 'unknown';
    const result: HardeningPullRequest = state === 'unknown' ? { url, state, stateReason: 'the Git host gave no state' } : { url, state };
    await options.cache.set(cacheKey, result as never, { ttl: state === 'open' || state === 'unknown' ? options.openTtlMs : options.settledTtlMs });
    return result;
  }

  return {
    /** The state of one pull request; never throws (an unreadable state is `unknown` with its reason). */
    async state(url: string): Promise<HardeningPullRequest> {
      try {
        return await read(url);
      } catch (e) {
        return { url, state: 'unknown', stateReason: `not read: ${(e as Error).message}`.slice(0, 300) };
      }
    },
  };
}
