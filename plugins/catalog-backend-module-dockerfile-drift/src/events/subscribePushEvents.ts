/**
 * The events adapter: subscribes to `github.push` and `gitlab.push` (published by Backstage's
 * events backend once @backstage/plugin-events-backend-module-github or -gitlab has checked
 * the webhook's signature or token), and refreshes the entities a push touched through the
 * catalog's refresh API, marking each for a forced check. It also takes the check requests of
 * the backend plugin's refresh endpoint (which refreshes the entity itself).
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { LABEL_COMPLIANCE } from '@hardened-go/plugin-dockerfile-compliance-common';
import { DOCKERFILE_CHECK_REQUESTED_TOPIC } from '@hardened-go/plugin-dockerfile-compliance-node';
import type { DockerfileTarget } from '../processor/dockerfileTargets';
import type { ForcedChecks } from './forcedChecks';
import { entitiesTouchedBy, parseGithubPush, parseGitlabPush, type Push } from './pushEvents';

export const PUSH_TOPICS = { 'github.push': parseGithubPush, 'gitlab.push': parseGitlabPush } as const;

export interface PushSubscriptionOptions {
  events: EventsService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  forced: ForcedChecks;
  targetsOf: (entity: Entity) => readonly DockerfileTarget[];
}

/** Handles one push: the entities it touched are marked and refreshed. Returns their refs. */
export async function refreshTouchedEntities(push: Push, options: Omit<PushSubscriptionOptions, 'events'>): Promise<string[]> {
  if (!push.toDefaultBranch) return [];
  const credentials = await options.auth.getOwnServiceCredentials();
  // only entities the processor has labelled: the others have no verdict to refresh
  const { items } = await options.catalog.getEntities(
    { filter: { [`metadata.labels.${LABEL_COMPLIANCE}`]: CATALOG_FILTER_EXISTS }, fields: ['kind', 'metadata'] },
    { credentials },
  );
  const refs = entitiesTouchedBy(push, items, options.targetsOf);
  for (const ref of refs) {
    options.forced.mark(ref);
    await options.catalog.refreshEntity(ref, { credentials });
  }
  if (refs.length > 0) options.logger.info(`push to ${push.repoUrl}: refreshing ${refs.join(', ')}`);
  return refs;
}

export async function subscribePushEvents(options: PushSubscriptionOptions): Promise<void> {
  await options.events.subscribe({
    id: 'hardened-go-dockerfile-drift',
    topics: [...Object.keys(PUSH_TOPICS), DOCKERFILE_CHECK_REQUESTED_TOPIC],
    onEvent: async ({ topic, eventPayload }) => {
      if (topic === DOCKERFILE_CHECK_REQUESTED_TOPIC) {
        const entityRef = (eventPayload as { entityRef?: unknown } | undefined)?.entityRef;
        if (typeof entityRef === 'string' && entityRef.length <= 512) options.forced.mark(entityRef);
        return;
      }
      const push = PUSH_TOPICS[topic as keyof typeof PUSH_TOPICS]?.(eventPayload);
      if (!push) return;
      try {
        await refreshTouchedEntities(push, options);
      } catch (e) {
        // the next regular pass still checks; a failed refresh must not fail the event delivery loop
        options.logger.warn(`push to ${push.repoUrl}: could not refresh the entities it touched: ${(e as Error).message}`);
      }
    },
  });
}
