/**
 * The portal backend: Backstage's catalog (with the scaffolder entity model), the
 * scaffolder (with publish:github), Backstage's notifications, and this project's two modules
 * and its backend plugin. This list of
 * `backend.add` lines is what an adopter copies into their own backend.
 */
import { createBackend } from '@backstage/backend-defaults';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';

export type HardenedGoBackend = ReturnType<typeof createBackend>;

export interface HardenedGoBackendOptions {
  /**
   * Configuration already loaded by the caller (the demo starter reads it once to learn its
   * URLs). Without it the backend loads config like any Backstage backend: `--config`
   * arguments, else `app-config.yaml` (+ `.local`), plus `APP_CONFIG_*` variables.
   */
  config?: Config;
}

export function createHardenedGoBackend(options: HardenedGoBackendOptions = {}): HardenedGoBackend {
  const backend = createBackend();

  const { config } = options;
  if (config) {
    backend.add(createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => config }));
  }

  // The catalog, and the kinds the scaffolder brings (Template).
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));

  // The scaffolder; publish:github is the step the "Create new Go service" template publishes with.
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));

  // hardened-go: the hardened-go:service:create action, and the Dockerfile drift processor.
  backend.add(import('@hardened-go/plugin-scaffolder-backend-module-go-service'));
  backend.add(import('@hardened-go/plugin-catalog-backend-module-dockerfile-drift'));
  // Backstage's events system, with GitHub's and GitLab's webhooks (signature and token checked
  // by their modules): a push that touches a service's Dockerfile refreshes its label within seconds.
  backend.add(import('@backstage/plugin-events-backend'));
  backend.add(import('@backstage/plugin-events-backend-module-github'));
  backend.add(import('@backstage/plugin-events-backend-module-gitlab'));

  // Tech Insights, with the JSON rules engine checker and hardened-go's Dockerfile compliance facts.
  backend.add(import('@backstage-community/plugin-tech-insights-backend'));
  backend.add(import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'));
  backend.add(import('@hardened-go/plugin-tech-insights-backend-module-dockerfile-compliance'));

  // Backstage's notifications: where hardened-go's reminders (hardenedGo.notifications, off unless
  // enabled) reach the owning group's members. Without it the plugin still starts; reminders then
  // wait, with a warning, for a notifications backend to send through.
  backend.add(import('@backstage/plugin-notifications-backend'));

  // hardened-go: the portal's policy for CI, the CLI and the pre-commit hook (GET /api/dockerfile-compliance/policy),
  // the compliance history, the campaign's progress, and the reminders.
  backend.add(import('@hardened-go/plugin-dockerfile-compliance-backend'));

  return backend;
}
