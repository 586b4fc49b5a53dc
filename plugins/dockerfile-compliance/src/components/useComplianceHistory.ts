/**
 * Loads the backend's daily history (with the policy's deadlines) from the
 * dockerfile-compliance backend plugin, with the signed-in user's token (fetchApi). Without
 * that plugin (404) or on an error the trend panel says so; the rest of the page is unaffected.
 */
import { useEffect, useState } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import type { ComplianceHistory } from '@hardened-go/plugin-dockerfile-compliance-common';

export type HistoryState = { loading: true } | { loading: false; error: string } | { loading: false; history: ComplianceHistory };

const DAYS = 90;

async function getJson(fetchApi: { fetch: typeof fetch }, url: string): Promise<unknown> {
  const res = await fetchApi.fetch(url);
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      message = ((await res.json()) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(message);
  }
  return res.json();
}

export function useComplianceHistory(): HistoryState {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [state, setState] = useState<HistoryState>({ loading: true });
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const base = await discoveryApi.getBaseUrl('dockerfile-compliance');
      const history = (await getJson(fetchApi, `${base}/history?days=${DAYS}`)) as ComplianceHistory;
      if (!cancelled) setState({ loading: false, history: { ...history, deadlines: Array.isArray(history.deadlines) ? history.deadlines : [] } });
    })().catch(error => !cancelled && setState({ loading: false, error: error instanceof Error ? error.message : String(error) }));
    return () => {
      cancelled = true;
    };
  }, [discoveryApi, fetchApi]);
  return state;
}
