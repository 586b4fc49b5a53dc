/**
 * The dev app: a Backstage app on the new frontend system with the catalog plugin (real
 * entity pages, where the compliance card and tab appear), the scaffolder plugin (the Harden
 * button opens the harden-dockerfile template's form) and this plugin (the organisation
 * page). It talks to the backend on its own origin: dev/serve.mjs proxies /api there.
 */
// The dev app is an app (like packages/app in a Backstage repository): it loads Backstage UI's styles.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { createRoot } from 'react-dom/client';
import { Navigate } from 'react-router-dom';
import { ConfigReader } from '@backstage/config';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule, createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';
import { Sidebar, SidebarGroup, SidebarItem } from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { RiMenuLine } from '@remixicon/react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import dockerfileCompliancePlugin from '../src/alpha';

/** The app's home: straight to the organisation page. */
const devHomePlugin = createFrontendPlugin({
  pluginId: 'dev-home',
  extensions: [
    PageBlueprint.make({
      params: { path: '/', noHeader: true, loader: async () => <Navigate to="/dockerfile-compliance" replace /> },
    }),
  ],
});

/**
 * The app's nav, as Backstage's default but inside a labelled group: on a phone the default
 * puts its items in an unlabelled group, whose bottom-bar button then has no accessible name
 * (axe: link-name, serious). The nav content input is internal to the app plugin, hence a module.
 */
const devNavModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    NavContentBlueprint.make({
      params: {
        component: ({ navItems }) => (
          <Sidebar>
            <SidebarGroup label="Menu" icon={<RiMenuLine aria-hidden />}>
              {navItems.rest().map(item => (
                <SidebarItem key={item.node.spec.id} to={item.href} icon={() => item.icon} text={item.title} />
              ))}
            </SidebarGroup>
          </Sidebar>
        ),
      },
    }),
  ],
});

const origin = window.location.origin;
const app = createApp({
  features: [catalogPlugin, scaffolderPlugin, dockerfileCompliancePlugin, devHomePlugin, devNavModule],
  advanced: {
    configLoader: async () => ({
      config: new ConfigReader({
        app: {
          title: 'hardened-go',
          baseUrl: origin,
          // The local demo backend allows unauthenticated calls (app-config.yaml); a real app keeps
          // its sign-in page and the view sends the signed-in user's token like every plugin.
          extensions: [
            { 'sign-in-page:app': false },
            // Extensions named here come first among their siblings: the compliance summary tops
            // the Overview's info column, above About (docs/compliance-view.md shows the same for adopters).
            'entity-card:dockerfile-compliance',
          ],
        },
        backend: { baseUrl: origin },
        organization: { name: 'hardened-go demo' },
      }),
    }),
  },
});

createRoot(document.getElementById('root')!).render(app.createRoot());
