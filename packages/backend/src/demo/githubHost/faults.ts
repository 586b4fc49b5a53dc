/**
 * Faults the loopback GitHub host answers instead of a request (`failNext`): GitHub's own
 * rate-limit answers, and how a matcher picks its request.
 */
import type { GitHubFault, RequestMatcher } from './types';

/** GitHub's primary rate limit spent: 403 (or 429), `x-ratelimit-remaining: 0`, reset time. */
export function rateLimitExceeded(options: { resetInSeconds?: number; status?: 403 | 429 } = {}): GitHubFault {
  const reset = Math.floor(Date.now() / 1000) + (options.resetInSeconds ?? 60);
  return {
    status: options.status ?? 403,
    headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' },
    body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
  };
}

/** GitHub's secondary rate limit: 403 (or 429) with `retry-after`. */
export function secondaryRateLimit(options: { retryAfterSeconds?: number; status?: 403 | 429 } = {}): GitHubFault {
  return {
    status: options.status ?? 403,
    headers: { 'retry-after': String(options.retryAfterSeconds ?? 60) },
    body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' },
  };
}

/** A fault `failNext` armed, with how many more requests it answers. */
export interface ArmedFault {
  matcher: RequestMatcher;
  fault: GitHubFault;
  left: number;
}

/** `'METHOD /path'` or `'/path'`, exact; a RegExp against `'METHOD /path'`; or a predicate. */
export const matches = (matcher: RequestMatcher, method: string, path: string, query: URLSearchParams) =>
  typeof matcher === 'function' ? matcher({ method, path, query }) : typeof matcher === 'string' ? matcher === path || matcher === `${method} ${path}` : matcher.test(`${method} ${path}`);
