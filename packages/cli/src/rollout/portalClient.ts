/**
 * What `rollout apply` asks of the portal, over its REST APIs with the caller's Backstage
 * token: the campaign's progress (the dockerfile-compliance plugin's /pull-requests), the
 * scaffolder's tasks (create, status, events) and whether an entity still exists. Plain fetch,
 * bounded answers; the token is sent to the portal's origin only and never printed.
 */
import { InputError } from '@backstage/errors';
import type { HardeningProgress } from '@hardened-go/plugin-dockerfile-compliance-common';
import { boundedText, catalogApiRoot } from './catalogClient';

export interface ScaffolderTaskState {
  status: string;
}

export interface TaskEvent {
  type: string;
  body?: { output?: Record<string, unknown>; error?: { message?: string }; message?: string; stepId?: string; status?: string };
}

export interface PortalClient {
  progress(entityRefs: readonly string[]): Promise<HardeningProgress>;
  entityExists(entityRef: string): Promise<boolean>;
  createTask(templateRef: string, values: Record<string, unknown>): Promise<string>;
  task(taskId: string): Promise<ScaffolderTaskState>;
  events(taskId: string): Promise<TaskEvent[]>;
}

/** An answer the portal gave that is not a success: its status and the start of its body. */
export class PortalError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const PROGRESS_CHUNK = 200;

export function portalClient(options: { portalUrl: string; token?: string; timeoutMs: number; fetchImpl?: typeof fetch }): PortalClient {
  const origin = catalogApiRoot(options.portalUrl).replace(/\/api\/catalog$/, '');
  const doFetch = options.fetchImpl ?? fetch;
  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = `${origin}${path}`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new InputError(`cannot reach the portal at ${origin}: ${(e as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : (cause ?? (e as Error).message)}`);
    }
    const text = await boundedText(res, url);
    if (res.status === 401 || res.status === 403) {
      throw new InputError(`the portal refused ${method} ${path} (${res.status}): pass a token that may use the catalog, the scaffolder and dockerfile-compliance with --token or BACKSTAGE_TOKEN`);
    }
    if (!res.ok) throw new PortalError(`the portal answered ${res.status} to ${method} ${path}: ${text.slice(0, 300)}`, res.status);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new PortalError(`the portal answered ${method} ${path} with something that is not JSON`, res.status);
    }
  }
  return {
    async progress(entityRefs) {
      const merged: HardeningProgress = { templateRef: '', tasksLastHour: 0, items: [] };
      for (let i = 0; i === 0 || i < entityRefs.length; i += PROGRESS_CHUNK) {
        const query = new URLSearchParams(entityRefs.slice(i, i + PROGRESS_CHUNK).map((ref) => ['entityRef', ref]));
        const page = await request<HardeningProgress>('GET', `/api/dockerfile-compliance/pull-requests?${query}`);
        merged.templateRef = page.templateRef;
        merged.tasksLastHour = page.tasksLastHour;
        if (page.oldestTaskLastHour !== undefined) merged.oldestTaskLastHour = page.oldestTaskLastHour;
        merged.items.push(...(Array.isArray(page.items) ? page.items : []));
      }
      return merged;
    },
    async entityExists(entityRef) {
      const m = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
      if (!m) return false;
      try {
        await request('GET', `/api/catalog/entities/by-name/${m.slice(1).map(encodeURIComponent).join('/')}`);
        return true;
      } catch (e) {
        if (e instanceof PortalError && e.status === 404) return false;
        throw e;
      }
    },
    async createTask(templateRef, values) {
      const body = await request<{ id?: unknown }>('POST', '/api/scaffolder/v2/tasks', { templateRef, values, secrets: {} });
      if (typeof body.id !== 'string') throw new PortalError('the scaffolder created a task without an id', 201);
      return body.id;
    },
    async task(taskId) {
      return request<ScaffolderTaskState>('GET', `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}`);
    },
    async events(taskId) {
      const body = await request<TaskEvent[]>('GET', `/api/scaffolder/v2/tasks/${encodeURIComponent(taskId)}/events`);
      return Array.isArray(body) ? body : [];
    },
  };
}
