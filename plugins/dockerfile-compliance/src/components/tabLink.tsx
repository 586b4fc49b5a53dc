/**
 * Where the compact card links for every finding: the Dockerfile tab, a path relative to the
 * entity page. The new frontend system's card knows it (the tab extension's path); in the
 * legacy system the app chooses the tab's route, so it passes it: `<EntityDockerfileComplianceCard tabPath="dockerfile" />`.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useResolvedPath } from 'react-router-dom';

const TabPath = createContext<string | undefined>(undefined);

export function ComplianceTabPathProvider(props: { path: string | undefined; children: ReactNode }) {
  return <TabPath.Provider value={props.path}>{props.children}</TabPath.Provider>;
}

/** The tab's path in the app, resolved against the entity page; undefined when unknown. */
export function useComplianceTabHref(override?: string): string | undefined {
  const provided = useContext(TabPath);
  const relative = override ?? provided;
  // a hook must run every render: resolve '.' when there is no tab to link to
  const resolved = useResolvedPath(relative ?? '.').pathname;
  return relative === undefined ? undefined : resolved;
}
