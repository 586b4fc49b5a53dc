/**
 * `--policy-url`: the portal's policy (GET /api/dockerfile-compliance/policy), so a service
 * repository checks against what the portal applies instead of a copy that drifts.
 *
 * Safe by construction: the token goes in one header to the portal's origin only; a
 * redirect to another origin is refused before anything is sent there; the response is
 * size-capped, time-limited and fully validated; the policy is cached by ETag, so a run
 * whose policy has not changed costs one 304.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PolicyDocumentError, readPolicyDocument, type PolicyDocument } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';

/** Where the plugin serves the policy, below the portal's base URL. */
export const POLICY_PATH = 'api/dockerfile-compliance/policy';
/** A policy document is a few kilobytes; anything near this is not one. */
export const MAX_POLICY_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
const DEFAULT_TIMEOUT_MS = 15_000;

/** The portal could not give a usable policy: unreachable, refused, or a bad answer. */
export class PolicyFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyFetchError';
  }
}

export interface RemotePolicy {
  policy: Policy;
  document: PolicyDocument;
  /** The endpoint it came from. */
  endpoint: string;
  /** `fetched`: a new body; `cached`: the portal answered 304 to the cached ETag. */
  via: 'fetched' | 'cached';
}

export interface RemotePolicyOptions {
  /** The portal's base URL (`https://portal.example.com`) or the endpoint's full URL. */
  url: string;
  /** A Backstage token (a static external-access token in CI); sent to the portal's origin only. */
  token?: string;
  /** Where to keep the last policy and its ETag; no cache without it. */
  cacheDir?: string;
  timeoutMs?: number;
  /** Told about a cache that could not be read or written (the run goes on without it). */
  warn?: (message: string) => void;
}

/** The endpoint for a portal URL; refuses what is not an http(s) URL or carries credentials. */
export function policyEndpoint(portalUrl: string): URL {
  let url: URL;
  try {
    url = new URL(portalUrl);
  } catch {
    throw new PolicyFetchError(`--policy-url must be an absolute http(s) URL of the portal, got ${JSON.stringify(portalUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PolicyFetchError(`--policy-url must be an http(s) URL, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new PolicyFetchError('--policy-url must not carry credentials; put the token in HARDENED_GO_TOKEN (or the variable --token-env names)');
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith(`/${POLICY_PATH}`)) {
    url.pathname = `${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}${POLICY_PATH}`;
  }
  return url;
}

interface CacheEntry {
  endpoint: string;
  etag: string;
  document: unknown;
}

function cacheFile(cacheDir: string, endpoint: URL): string {
  return path.join(cacheDir, `policy-${createHash('sha256').update(endpoint.href).digest('hex').slice(0, 16)}.json`);
}

async function readCache(file: string, endpoint: URL): Promise<{ etag: string; document: PolicyDocument; policy: Policy } | undefined> {
  try {
    const entry = JSON.parse(await fs.readFile(file, 'utf8')) as CacheEntry;
    if (entry.endpoint !== endpoint.href || typeof entry.etag !== 'string') return undefined;
    return { etag: entry.etag, ...readPolicyDocument(entry.document) };
  } catch {
    // missing, unreadable or stale in format: fetch afresh
    return undefined;
  }
}

async function writeCache(file: string, entry: CacheEntry): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await fs.writeFile(partial, JSON.stringify(entry), { mode: 0o600 });
  await fs.rename(partial, file);
}

/** The body as text, refusing more than `max` bytes whatever Content-Length says. */
async function readCapped(res: Response, max: number, where: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    throw new PolicyFetchError(`the policy response from ${where} is ${declared} bytes, more than the ${max} a policy may be`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > max) {
        await res.body.cancel().catch(() => undefined);
        throw new PolicyFetchError(`the policy response from ${where} is larger than the ${max} bytes a policy may be`);
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeNetworkError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'no answer in time';
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

/** Fetches (or revalidates) the portal's policy. Throws PolicyFetchError for everything that is not a valid policy. */
export async function fetchRemotePolicy(options: RemotePolicyOptions): Promise<RemotePolicy> {
  const endpoint = policyEndpoint(options.url);
  const file = options.cacheDir ? cacheFile(options.cacheDir, endpoint) : undefined;
  const cached = file ? await readCache(file, endpoint) : undefined;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let current = endpoint;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // Only ever to the portal's own origin: redirects elsewhere are refused below, before a request.
    if (options.token && current.origin === endpoint.origin) headers.Authorization = `Bearer ${options.token}`;
    if (cached) headers['If-None-Match'] = cached.etag;
    let res: Response;
    try {
      res = await fetch(current, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new PolicyFetchError(`cannot reach the portal at ${endpoint.origin} (${describeNetworkError(e)})`);
    }
    if ([301, 302, 303, 307, 308].includes(res.status)) {
      await res.body?.cancel();
      const location = res.headers.get('location');
      const next = location ? URL.canParse(location, current) && new URL(location, current) : undefined;
      if (!next) throw new PolicyFetchError(`the portal answered ${res.status} without a usable Location`);
      if (next.origin !== endpoint.origin) {
        throw new PolicyFetchError(
          `the portal redirected the policy request to another origin (${next.origin}); refused: the policy and the token come from ${endpoint.origin} only`,
        );
      }
      if (hop >= MAX_REDIRECTS) throw new PolicyFetchError(`the portal redirected the policy request more than ${MAX_REDIRECTS} times`);
      current = next;
      continue;
    }
    if (res.status === 304 && cached) {
      return { policy: cached.policy, document: cached.document, endpoint: endpoint.href, via: 'cached' };
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new PolicyFetchError(
        `the portal refused the policy request (HTTP ${res.status}): ${options.token ? 'the token was not accepted' : 'no token was given'}; set HARDENED_GO_TOKEN (or the variable --token-env names) to a token the portal accepts for the dockerfile-compliance plugin (backend.auth.externalAccess)`,
      );
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new PolicyFetchError(`the portal answered HTTP ${res.status} to ${endpoint.href}`);
    }
    const text = await readCapped(res, MAX_POLICY_BYTES, endpoint.origin);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new PolicyFetchError(`the policy response from ${endpoint.href} is not JSON`);
    }
    let read: ReturnType<typeof readPolicyDocument>;
    try {
      read = readPolicyDocument(parsed);
    } catch (e) {
      if (e instanceof PolicyDocumentError) throw new PolicyFetchError(`${e.message} (from ${endpoint.href})`);
      throw e;
    }
    const etag = res.headers.get('etag');
    if (file && etag) {
      await writeCache(file, { endpoint: endpoint.href, etag, document: read.document }).catch(e =>
        options.warn?.(`cannot cache the policy in ${options.cacheDir}: ${(e as Error).message}`),
      );
    }
    return { ...read, endpoint: endpoint.href, via: 'fetched' };
  }
}
