/**
 * The dev app: a Backstage app on the new frontend system with the catalog plugin (real
 * entity pages, where the compliance card and tab appear) and this plugin (the organisation
 * page). It talks to the backend on its own origin: dev/serve.mjs proxies /api there.
 */
// The dev app is an app (like packages/app in a Backstage repository): it loads Backstage UI's styles.
// eslint-disable-next-line @backstage/no-ui-css-imports-in-non-frontend
import '@backstage/ui/css/styles.css';
import { createRoot } from 'react-dom/client';
import { Navigate } from 'react-router-dom';
import { ConfigReader } from '@backstage/config';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
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

const origin = window.location.origin;
const app = createApp({
  features: [catalogPlugin, dockerfileCompliancePlugin, devHomePlugin],
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
          ],
        },
        backend: { baseUrl: origin },
        organization: { name: 'hardened-go demo' },
      }),
    }),
  },
});

createRoot(document.getElementById('root')!).render(app.createRoot());
