/**
 * One conditional, bounded, time-limited read through the UrlReaderService (so integrations,
 * tokens and backend.reading.allow apply). Returns what happened as data; never throws.
 */
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { Readable } from 'node:stream';

export type ReadOutcome =
  /** 304: the file still has the ETag we sent. */
  | { kind: 'not-modified' }
  /** The content, or its first `maxBytes + 1` bytes when `truncated`. */
  | { kind: 'content'; data: Buffer; etag?: string; truncated: boolean }
  | { kind: 'not-found'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'failed'; message: string };

export interface ReadOptions {
  etag?: string;
  maxBytes: number;
  timeoutMs: number;
}

class ReadTimeout extends Error {}

export async function readDockerfile(reader: UrlReaderService, url: string, options: ReadOptions): Promise<ReadOutcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // A reader may ignore the signal; the race guarantees the loop is never held longer than the timeout.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ReadTimeout());
    }, options.timeoutMs);
  });
  deadline.catch(() => undefined);
  let finished = false;
  try {
    const outcome = await Promise.race([readOnce(reader, url, options, controller.signal), deadline]);
    // The body was read to the end or its stream destroyed: nothing is left to cancel.
    finished = true;
    return outcome;
  } catch (e) {
    if (e instanceof ReadTimeout || controller.signal.aborted) {
      return { kind: 'timeout', message: `reading ${url} took longer than ${options.timeoutMs} ms` };
    }
    const error = e as Error;
    if (error?.name === 'NotModifiedError') {
      // A 304 has no body, so the exchange is complete (and abort() would build a DOMException per request).
      finished = true;
      return { kind: 'not-modified' };
    }
    if (error?.name === 'NotFoundError') return { kind: 'not-found', message: `no file at ${url}` };
    return { kind: 'failed', message: String(error?.message ?? error) };
  } finally {
    clearTimeout(timer);
    // An error answer's unread body (or a request still in flight) is released.
    if (!finished) controller.abort();
  }
}

async function readOnce(reader: UrlReaderService, url: string, options: ReadOptions, signal: AbortSignal): Promise<ReadOutcome> {
  const response = await reader.readUrl(url, { ...(options.etag ? { etag: options.etag } : {}), signal });
  const etag = response.etag || undefined;
  if (response.stream) {
    const { data, truncated } = await readCapped(response.stream(), options.maxBytes);
    return { kind: 'content', data, etag, truncated };
  }
  const whole = await response.buffer();
  const truncated = whole.length > options.maxBytes;
  return { kind: 'content', data: truncated ? whole.subarray(0, options.maxBytes + 1) : whole, etag, truncated };
}

/** Reads at most maxBytes + 1 bytes (one more than allowed proves "too large") and drops the rest unread. */
export async function readCapped(stream: Readable, maxBytes: number): Promise<{ data: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buf);
      size += buf.length;
      if (size > maxBytes) {
        return { data: Buffer.concat(chunks).subarray(0, maxBytes + 1), truncated: true };
      }
    }
  } finally {
    // Returning early from for-await destroys the stream; this covers the throw path too.
    if (!stream.destroyed) stream.destroy();
  }
  return { data: Buffer.concat(chunks), truncated: false };
}
