/**
 * The plugin for apps on the new frontend system (`@backstage/frontend-plugin-api`):
 * `import dockerfileCompliancePlugin from '@hardened-go/plugin-dockerfile-compliance/alpha'`
 * and add it to `createApp({ features: [...] })` (or let feature discovery find it). It brings
 * the organisation page (/dockerfile-compliance), an entity card and an entity tab, shown on
 * entities the drift processor covers.
 */
import type { ReactNode } from 'react';
import { Container } from '@backstage/ui';
import { createFrontendPlugin, createRouteRef, PageBlueprint, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isComplianceCovered } from './data/entityCompliance';
import { RulePagesProvider } from './components/ruleLinks';
import { ComplianceIcon } from './components/ComplianceIcon';

/** The entity tab's path, relative to the entity page; the card links to it. */
const TAB_PATH = 'dockerfile';

/**
 * The organisation page's route (the rule pages hang below it).
 *
 * @alpha
 */
export const rootRouteRef = createRouteRef();

function RulePages(props: { children: ReactNode }) {
  // Undefined when the page extension is disabled: rule IDs then show their title instead of a link.
  const basePath = useRouteRef(rootRouteRef)?.();
  return <RulePagesProvider basePath={basePath}>{props.children}</RulePagesProvider>;
}

/**
 * The organisation page, at /dockerfile-compliance.
 *
 * @alpha
 */
export const dockerfileCompliancePage = PageBlueprint.make({
  params: {
    path: '/dockerfile-compliance',
    title: 'Dockerfile compliance',
    icon: <ComplianceIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/CompliancePageRoutes').then(m => (
        <RulePages>
          {/* The app renders the page header (title, icon); the page brings its content width. */}
          <Container>
            <m.CompliancePageRoutes />
          </Container>
        </RulePages>
      )),
  },
});

/**
 * The entity card, on entities the drift processor covers: a compact summary (status, the
 * Harden action, counts, last check, the rules broken) among the Overview's info cards, with
 * a link to the tab for every finding.
 *
 * @alpha
 */
export const dockerfileComplianceEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isComplianceCovered,
    type: 'info',
    loader: () =>
      import('./components/EntityComplianceCard').then(m => (
        <RulePages>
          <m.EntityDockerfileComplianceCard tabPath={TAB_PATH} />
        </RulePages>
      )),
  },
});

/**
 * The entity tab (Dockerfile), on entities the drift processor covers.
 *
 * @alpha
 */
export const dockerfileComplianceEntityContent = EntityContentBlueprint.make({
  params: {
    path: TAB_PATH,
    title: 'Dockerfile',
    filter: isComplianceCovered,
    loader: () =>
      import('./components/EntityComplianceContent').then(m => (
        <RulePages>
          <m.EntityComplianceContent />
        </RulePages>
      )),
  },
});

/**
 * The plugin for the new frontend system: the page, the entity card and the entity tab.
 *
 * @alpha
 */
const dockerfileCompliancePlugin = createFrontendPlugin({
  pluginId: 'dockerfile-compliance',
  title: 'Dockerfile compliance',
  icon: <ComplianceIcon />,
  routes: { root: rootRouteRef },
  extensions: [dockerfileCompliancePage, dockerfileComplianceEntityCard, dockerfileComplianceEntityContent],
});

export default dockerfileCompliancePlugin;
