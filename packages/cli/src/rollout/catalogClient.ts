/**
 * Reads the drifted services from a running Backstage catalog over its REST API
 * (`GET /api/catalog/entities/by-query`, cursor-paginated, the drift label as filter), with
 * only the fields a rollout plan needs. Plain fetch: the CLI runs outside the backend.
 */
import { LABEL_COMPLIANCE } from '@hardened-go/plugin-dockerfile-compliance-common';
import { InputError } from '@backstage/errors';
import { trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';

/** The entity fields the plan reads. */
export interface CatalogEntity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: { owner?: unknown };
}

export interface CatalogQuery {
  /** `http://localhost:7007` (the backend) or `.../api/catalog`. */
  catalogUrl: string;
  token?: string;
  /** Per request. */
  timeoutMs: number;
  /** At most this many entities are read (a runaway catalog must not exhaust memory). */
  maxEntities: number;
  fetchImpl?: typeof fetch;
}

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.labels', 'metadata.annotations', 'spec.owner'];
const PAGE = 200;
/** Largest catalog answer read (one page of 200 entities with their findings annotations is well under 1 MiB). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** The catalog API root for a backend or catalog URL; a usage error for anything else. */
export function catalogApiRoot(catalogUrl: string): string {
  let url: URL;
  try {
    url = new URL(catalogUrl);
  } catch {
    throw new InputError(`--catalog must be an http(s) URL such as http://localhost:7007, got ${JSON.stringify(catalogUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`--catalog must be an http(s) URL such as http://localhost:7007, got ${JSON.stringify(catalogUrl)}`);
  }
  url.search = '';
  url.hash = '';
  const base = trimTrailing(url.toString(), '/');
  return /\/api\/catalog$/.test(base) ? base : `${base}/api/catalog`;
}

async function getJson(url: string, query: CatalogQuery): Promise<unknown> {
  const doFetch = query.fetchImpl ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, {
      headers: { accept: 'application/json', ...(query.token ? { authorization: `Bearer ${query.token}` } : {}) },
      signal: AbortSignal.timeout(query.timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    const why = (e as Error).name === 'TimeoutError' ? `no answer within ${query.timeoutMs} ms` : (cause ?? (e as Error).message);
    throw new InputError(`cannot reach the catalog at ${url}: ${why}`);
  }
  const text = await boundedText(res, url);
  if (res.status === 401 || res.status === 403) {
    throw new InputError(`the catalog refused the request (${res.status}): pass a token with --token or BACKSTAGE_TOKEN`);
  }
  if (!res.ok) throw new InputError(`the catalog answered ${res.status} for ${url}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`the catalog answered ${url} with something that is not JSON (is --catalog the backend URL?)`);
  }
}

/** The body as text, refused beyond MAX_RESPONSE_BYTES (a runaway or hostile catalog must not exhaust memory). */
export async function boundedText(res: Response, url: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw new InputError(`the catalog's answer to ${url} is ${declared} bytes, more than ${MAX_RESPONSE_BYTES}`);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_RESPONSE_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new InputError(`the catalog's answer to ${url} is larger than ${MAX_RESPONSE_BYTES} bytes`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`reading the catalog's answer to ${url} failed: ${(e as Error).message}`);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Every entity labelled `drifted`, in catalog order. */
export async function fetchDriftedEntities(query: CatalogQuery): Promise<CatalogEntity[]> {
  const root = catalogApiRoot(query.catalogUrl);
  const first = new URLSearchParams({ filter: `metadata.labels.${LABEL_COMPLIANCE}=drifted`, limit: String(PAGE), fields: FIELDS.join(',') });
  const entities: CatalogEntity[] = [];
  let params: URLSearchParams | undefined = first;
  // a catalog that keeps answering with cursors (the same one, or new ones with empty pages) must end
  const maxPages = Math.ceil(query.maxEntities / PAGE) + 10;
  const seenCursors = new Set<string>();
  for (let page = 0; params; page++) {
    if (page >= maxPages) throw new InputError(`the catalog kept paginating past ${maxPages} pages without finishing; is --catalog a Backstage backend?`);
    const body = (await getJson(`${root}/entities/by-query?${params}`, query)) as { items?: unknown; pageInfo?: { nextCursor?: unknown } };
    if (!body || !Array.isArray(body.items)) throw new InputError(`the catalog's entities/by-query answer has no items list (is --catalog a Backstage backend?)`);
    for (const item of body.items as CatalogEntity[]) {
      if (item && typeof item === 'object' && typeof item.metadata?.name === 'string') entities.push(item);
    }
    if (entities.length > query.maxEntities) {
      throw new InputError(`the catalog lists more than ${query.maxEntities} drifted entities; narrow the plan with --owner`);
    }
    const cursor = body.pageInfo?.nextCursor;
    if (typeof cursor === 'string' && cursor !== '') {
      if (seenCursors.has(cursor)) throw new InputError('the catalog answered with a page cursor it had already given (a pagination loop); stopping');
      seenCursors.add(cursor);
      params = new URLSearchParams({ cursor, limit: String(PAGE), fields: FIELDS.join(',') });
    } else {
      params = undefined;
    }
  }
  return entities;
}
