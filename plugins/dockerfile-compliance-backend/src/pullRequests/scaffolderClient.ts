/**
 * The scaffolder's task API, called with the caller's credentials (a plugin-to-plugin token
 * on their behalf), so the scaffolder's own task-read permissions apply to what they see. An
 * anonymous caller (only possible with the default auth policy off) reads with the plugin's own.
 */
import type { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ScaffolderTask, ScaffolderTaskEvent, ScaffolderTasksClient } from './hardeningTasks';

const TIMEOUT_MS = 10_000;

export function scaffolderTasksClient(options: { discovery: DiscoveryService; auth: AuthService; credentials: BackstageCredentials }): ScaffolderTasksClient {
  const { discovery, auth, credentials } = options;
  const get = async <T>(path: string): Promise<T> => {
    const base = await discovery.getBaseUrl('scaffolder');
    const onBehalfOf = auth.isPrincipal(credentials, 'none') ? await auth.getOwnServiceCredentials() : credentials;
    const { token } = await auth.getPluginRequestToken({ onBehalfOf, targetPluginId: 'scaffolder' });
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  };
  return {
    async listTasks(offset, limit) {
      const body = await get<{ tasks?: ScaffolderTask[] }>(`/v2/tasks?order=desc:created_at&limit=${limit}&offset=${offset}`);
      return Array.isArray(body.tasks) ? body.tasks : [];
    },
    async events(taskId) {
      const body = await get<ScaffolderTaskEvent[]>(`/v2/tasks/${encodeURIComponent(taskId)}/events`);
      return Array.isArray(body) ? body : [];
    },
  };
}
