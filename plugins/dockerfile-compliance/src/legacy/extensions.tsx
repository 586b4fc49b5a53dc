/**
 * The plugin for apps on the legacy frontend system (`@backstage/core-plugin-api`):
 * a routable page and two entity extensions, used from App.tsx and EntityPage.tsx.
 */
import type { ReactNode } from 'react';
import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { isComplianceCovered } from '../data/entityCompliance';
import { RulePagesProvider } from '../components/ruleLinks';

/**
 * The organisation page (mount it with `<Route path="/dockerfile-compliance" element={<DockerfileCompliancePage />} />`).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'dockerfile-compliance' });

/** @public */
export const dockerfileCompliancePlugin = createPlugin({
  id: 'dockerfile-compliance',
  routes: { root: rootRouteRef },
});

/** Resolves the page's path when the app mounts it, so rule IDs link to the rule pages. */
function LegacyRulePages(props: { children: ReactNode }) {
  let basePath: string | undefined;
  try {
    // called on every render, in the same order: the try only catches the error it throws when the app does not mount the page
    // eslint-disable-next-line react-hooks/rules-of-hooks
    basePath = useRouteRef(rootRouteRef)();
  } catch {
    // The app does not mount the page: rule IDs are shown with their title instead of a link.
    basePath = undefined;
  }
  return <RulePagesProvider basePath={basePath}>{props.children}</RulePagesProvider>;
}

/** @public */
export const DockerfileCompliancePage = dockerfileCompliancePlugin.provide(
  createRoutableExtension({
    name: 'DockerfileCompliancePage',
    mountPoint: rootRouteRef,
    component: () =>
      import('./LegacyCompliancePage').then(m => () => (
        <LegacyRulePages>
          <m.LegacyCompliancePage />
        </LegacyRulePages>
      )),
  }),
);

/**
 * The card for the entity overview (`<EntityDockerfileComplianceCard tabPath="dockerfile" />`
 * inside an EntityProvider): status, the Harden action, counts, last check and the rules
 * broken. `tabPath` is the path of the entity tab showing {@link EntityDockerfileComplianceContent},
 * relative to the entity page; with it the card links to every finding.
 *
 * @public
 */
export const EntityDockerfileComplianceCard = dockerfileCompliancePlugin.provide(
  createComponentExtension({
    name: 'EntityDockerfileComplianceCard',
    component: {
      lazy: () =>
        import('../components/EntityComplianceCard').then(m => (props: { title?: string; tabPath?: string }) => (
          <LegacyRulePages>
            <m.EntityDockerfileComplianceCard {...props} />
          </LegacyRulePages>
        )),
    },
  }),
);

/**
 * The same content as a full entity tab (`<EntityLayout.Route path="/dockerfile" title="Dockerfile">`).
 *
 * @public
 */
export const EntityDockerfileComplianceContent = dockerfileCompliancePlugin.provide(
  createComponentExtension({
    name: 'EntityDockerfileComplianceContent',
    component: {
      lazy: () =>
        import('../components/EntityComplianceContent').then(m => () => (
          <LegacyRulePages>
            <m.EntityComplianceContent />
          </LegacyRulePages>
        )),
    },
  }),
);

/**
 * For `<EntitySwitch.Case if={isDockerfileComplianceAvailable}>`: the drift processor covers the entity.
 *
 * @public
 */
export function isDockerfileComplianceAvailable(entity: Entity): boolean {
  return isComplianceCovered(entity);
}
