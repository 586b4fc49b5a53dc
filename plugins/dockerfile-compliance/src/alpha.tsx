/**
 * The plugin for apps on the new frontend system (`@backstage/frontend-plugin-api`):
 * `import dockerfileCompliancePlugin from '@hardened-go/plugin-dockerfile-compliance/alpha'`
 * and add it to `createApp({ features: [...] })` (or let feature discovery find it). It brings
 * the organisation page (/dockerfile-compliance), an entity card and an entity tab, shown on
 * entities the drift processor covers.
 */
import type { ReactNode } from 'react';
import { Content } from '@backstage/core-components';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { createFrontendPlugin, createRouteRef, PageBlueprint, useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint, EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isComplianceCovered } from './data/entityCompliance';
import { RulePagesProvider } from './components/ruleLinks';

export const rootRouteRef = createRouteRef();

function RulePages(props: { children: ReactNode }) {
  // Undefined when the page extension is disabled: rule IDs then show their title instead of a link.
  const basePath = useRouteRef(rootRouteRef)?.();
  return <RulePagesProvider basePath={basePath}>{props.children}</RulePagesProvider>;
}

export const dockerfileCompliancePage = PageBlueprint.make({
  params: {
    path: '/dockerfile-compliance',
    title: 'Dockerfile compliance',
    icon: <VerifiedUserIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/CompliancePageRoutes').then(m => (
        <RulePages>
          <Content>
            <m.CompliancePageRoutes />
          </Content>
        </RulePages>
      )),
  },
});

export const dockerfileComplianceEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isComplianceCovered,
    loader: () =>
      import('./components/EntityComplianceCard').then(m => (
        <RulePages>
          <m.EntityDockerfileComplianceCard />
        </RulePages>
      )),
  },
});

export const dockerfileComplianceEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'dockerfile',
    title: 'Dockerfile',
    filter: isComplianceCovered,
    loader: () =>
      import('./components/EntityComplianceCard').then(m => (
        <RulePages>
          <Content>
            <m.EntityDockerfileComplianceCard />
          </Content>
        </RulePages>
      )),
  },
});

const dockerfileCompliancePlugin = createFrontendPlugin({
  pluginId: 'dockerfile-compliance',
  title: 'Dockerfile compliance',
  icon: <VerifiedUserIcon fontSize="inherit" />,
  routes: { root: rootRouteRef },
  extensions: [dockerfileCompliancePage, dockerfileComplianceEntityCard, dockerfileComplianceEntityContent],
});

export default dockerfileCompliancePlugin;
