/**
 * Loads the hardening campaign's progress (the harden template's latest task per service and
 * the state of its pull request) from the dockerfile-compliance backend plugin's
 * /pull-requests, with the signed-in user's token (fetchApi), like useComplianceHistory.
 * Optional to the view: without that plugin (404), without the right to read the
 * scaffolder's tasks (401, 403), on any other error, or in an app without the discovery or
 * fetch API, the state says why and the card and the page show the rest as before.
 */
import { useEffect, useMemo, useState } from 'react';
import { discoveryApiRef, fetchApiRef, useApiHolder, type ApiHolder, type ApiRef } from '@backstage/core-plugin-api';
import type { HardeningProgress } from '@hardened-go/plugin-dockerfile-compliance-common';
import { hardeningByEntity, readHardeningProgress, type HardeningDisplay } from '../data/hardeningProgress';

/**
 * Why there is no progress: `absent` (no backend plugin: 404, or the app has no discovery or
 * fetch API), `forbidden` (401, 403: the user may not read the scaffolder's tasks) or `failed`.
 */
export type PullRequestsFailure = 'absent' | 'forbidden' | 'failed';

export type PullRequestsState =
  | { loading: true }
  | { loading: false; error: string; failure: PullRequestsFailure }
  | { loading: false; progress: HardeningProgress; byEntity: Map<string, HardeningDisplay> };

/** Why the progress could not be read, in words for the page's note. */
function failureText(status: number, message: string | undefined): string {
  if (status === 404) return 'the dockerfile-compliance backend plugin does not serve it (HTTP 404)';
  if (status === 401 || status === 403) return `not allowed (HTTP ${status}${message ? `: ${message}` : ''})`;
  return message ? `${message} (HTTP ${status})` : `HTTP ${status}`;
}

class FetchFailure extends Error {
  constructor(
    message: string,
    readonly failure: PullRequestsFailure,
  ) {
    super(message);
  }
}

function failureOf(status: number): PullRequestsFailure {
  if (status === 404) return 'absent';
  return status === 401 || status === 403 ? 'forbidden' : 'failed';
}

/** An API the app may lack, or whose factory fails (a test app without backend.baseUrl): undefined then. */
function optionalApi<T>(apis: ApiHolder, ref: ApiRef<T>): T | undefined {
  try {
    return apis.get(ref);
  } catch {
    return undefined;
  }
}

/**
 * `entityRefs`: only these services (`?entityRef=`, the card asks for its own); all when
 * absent. `enabled: false` asks nothing (a compliant service's card).
 */
export function usePullRequests(options: { entityRefs?: readonly string[]; enabled?: boolean } = {}): PullRequestsState {
  const apis = useApiHolder();
  const discoveryApi = useMemo(() => optionalApi(apis, discoveryApiRef), [apis]);
  const fetchApi = useMemo(() => optionalApi(apis, fetchApiRef), [apis]);
  const enabled = options.enabled ?? true;
  // a stable dependency for the effect: the list's content, not its identity
  const refsKey = options.entityRefs ? JSON.stringify(options.entityRefs) : undefined;
  const [state, setState] = useState<PullRequestsState>({ loading: true });
  useEffect(() => {
    if (!enabled) return undefined;
    if (!discoveryApi || !fetchApi) {
      setState({ loading: false, error: 'this app provides no discovery or fetch API', failure: 'absent' });
      return undefined;
    }
    let cancelled = false;
    setState({ loading: true });
    (async () => {
      const base = await discoveryApi.getBaseUrl('dockerfile-compliance');
      const refs: string[] = refsKey ? JSON.parse(refsKey) : [];
      const query = refs.length > 0 ? `?${refs.map(ref => `entityRef=${encodeURIComponent(ref)}`).join('&')}` : '';
      const res = await fetchApi.fetch(`${base}/pull-requests${query}`);
      if (!res.ok) {
        let message: string | undefined;
        try {
          message = ((await res.json()) as { error?: { message?: string } }).error?.message;
        } catch {
          // not JSON: the status says enough
        }
        throw new FetchFailure(failureText(res.status, message), failureOf(res.status));
      }
      const progress = readHardeningProgress(await res.json());
      if (!cancelled) setState({ loading: false, progress, byEntity: hardeningByEntity(progress) });
    })().catch(error => {
      if (cancelled) return;
      setState({ loading: false, error: error instanceof Error ? error.message : String(error), failure: error instanceof FetchFailure ? error.failure : 'failed' });
    });
    return () => {
      cancelled = true;
    };
  }, [discoveryApi, fetchApi, refsKey, enabled]);
  return state;
}
