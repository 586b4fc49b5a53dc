/**
 * Reads a Dockerfile (or go.mod) from the URL the drift processor recorded on the entity.
 * Those are the Git host's web URLs (`.../blob/main/Dockerfile`), so known hosts are mapped
 * to their raw-file form first; an HTML answer is reported, never planned from. Reads are
 * bounded in size and time. A token, if given, is only sent to the hosts named for it.
 */

export type RemoteText = { ok: true; text: string; url: string } | { ok: false; reason: string; notFound?: boolean };

export interface RemoteReadOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Sent as `Authorization: Bearer` only to these hosts (host[:port], lower case). */
  token?: { value: string; hosts: string[] };
  fetchImpl?: typeof fetch;
}

/**
 * The raw-file URL for a web URL of a file on a known Git host:
 * GitHub `/o/r/blob|tree/<ref>/<path>` (github.com: raw.githubusercontent.com; Enterprise: `/o/r/raw/<ref>/<path>`),
 * GitLab `/-/blob|tree/` -> `/-/raw/`, Gitea/Forgejo `/src/branch|commit|tag/` -> `/raw/branch|commit|tag/`,
 * Bitbucket Cloud `/src/` -> `/raw/`. Anything else is returned unchanged (assumed raw already).
 */
export function rawFileUrl(webUrl: string): string {
  let url: URL;
  try {
    url = new URL(webUrl);
  } catch {
    return webUrl;
  }
  const segments = url.pathname.split('/');
  // ['', owner, repo, kind, ...]
  const gitlab = segments.indexOf('-');
  if (gitlab > 2 && (segments[gitlab + 1] === 'blob' || segments[gitlab + 1] === 'tree')) {
    segments[gitlab + 1] = 'raw';
    url.pathname = segments.join('/');
    return url.toString();
  }
  if (segments.length > 5 && (segments[3] === 'blob' || segments[3] === 'tree')) {
    if (url.hostname === 'github.com') {
      return `https://raw.githubusercontent.com/${segments[1]}/${segments[2]}/${segments.slice(4).join('/')}${url.search}`;
    }
    segments[3] = 'raw';
    url.pathname = segments.join('/');
    return url.toString();
  }
  if (segments.length > 6 && segments[3] === 'src' && ['branch', 'commit', 'tag'].includes(segments[4]!)) {
    segments[3] = 'raw';
    url.pathname = segments.join('/');
    return url.toString();
  }
  if (url.hostname === 'bitbucket.org' && segments.length > 5 && segments[3] === 'src') {
    segments[3] = 'raw';
    url.pathname = segments.join('/');
    return url.toString();
  }
  return webUrl;
}

export async function readRemoteText(webUrl: string, options: RemoteReadOptions): Promise<RemoteText> {
  const url = rawFileUrl(webUrl);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `not a URL: ${webUrl}` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: `not an http(s) URL: ${webUrl}` };
  const headers: Record<string, string> = {};
  if (options.token && options.token.hosts.includes(parsed.host.toLowerCase())) headers.authorization = `Bearer ${options.token.value}`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let res: Response;
  try {
    res = await (options.fetchImpl ?? fetch)(url, { headers, signal, redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return { ok: false, reason: (e as Error).name === 'TimeoutError' ? `no answer from ${url} within ${options.timeoutMs} ms` : `cannot read ${url}: ${cause ?? (e as Error).message}` };
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `${url} answered ${res.status}${res.status === 401 || res.status === 403 || res.status === 404 ? ' (private repository? see --scm-token)' : ''}`, notFound: res.status === 404 };
  }
  if ((res.headers.get('content-type') ?? '').toLowerCase().includes('text/html')) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `${url} answered with an HTML page, not the file (a host whose raw-file URLs this command does not know, or a login page)` };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: `${url} is larger than ${options.maxBytes} bytes` };
      }
      chunks.push(value);
    }
  } catch (e) {
    return { ok: false, reason: (e as Error).name === 'TimeoutError' ? `reading ${url} took longer than ${options.timeoutMs} ms` : `reading ${url} failed: ${(e as Error).message}` };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    return { ok: true, text, url };
  } catch {
    return { ok: false, reason: `${url} is not UTF-8 text` };
  }
}
