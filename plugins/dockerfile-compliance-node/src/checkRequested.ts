/**
 * The event that asks the drift processor to check an entity's Dockerfiles on its next pass,
 * even within `hardenedGo.catalog.revalidateAfter`: published by the backend plugin's refresh
 * endpoint, consumed by the catalog module, through Backstage's events service.
 */

/**
 * The topic of the event.
 *
 * @public
 */
export const DOCKERFILE_CHECK_REQUESTED_TOPIC = 'hardened-go.dockerfile-check-requested';

/**
 * Its payload.
 *
 * @public
 */
export interface DockerfileCheckRequested {
  /** The entity's reference, e.g. `component:default/payments-api`. */
  entityRef: string;
}
