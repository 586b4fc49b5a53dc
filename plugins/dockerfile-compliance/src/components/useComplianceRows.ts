/** Loads the covered services once (and again on retry); exposes loading / error / rows. */
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { toServiceRows, type ServiceRow } from '../data/aggregate';
import { loadComplianceEntities } from '../data/loadComplianceEntities';

export type RowsState = { loading: true } | { loading: false; error: Error } | { loading: false; rows: ServiceRow[] };

export function useComplianceRows(): { state: RowsState; retry: () => void } {
  const catalogApi = useApi(catalogApiRef);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<RowsState>({ loading: true });
  useEffect(() => {
    let cancelled = false;
    setState({ loading: true });
    loadComplianceEntities(catalogApi).then(
      entities => !cancelled && setState({ loading: false, rows: toServiceRows(entities) }),
      error => !cancelled && setState({ loading: false, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      cancelled = true;
    };
  }, [catalogApi, attempt]);
  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { state, retry };
}
