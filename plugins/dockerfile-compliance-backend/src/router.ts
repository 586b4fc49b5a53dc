/**
 * The plugin's HTTP API, mounted at /api/dockerfile-compliance:
 *
 *   GET /policy   the effective hardenedGo.standard as a PolicyDocument (JSON), with an ETag.
 *   POST /refresh {"entityRef": "component:default/x"}   check the entity's Dockerfiles now,
 *                 even within hardenedGo.catalog.revalidateAfter: the drift module is told
 *                 (an event), then the catalog refreshes the entity with the caller's
 *                 credentials, so its permission to refresh applies.
 *
 * Callers authenticate the Backstage way: a user's token, or a service token, which is how CI
 * calls Backstage (backend.auth.externalAccess: a static or JWKS token). A matching
 * If-None-Match is answered 304 with no body, so a CI run that already has the policy
 * costs one small request.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { DOCKERFILE_CHECK_REQUESTED_TOPIC, type DockerfileCheckRequested, type LivePolicy } from '@hardened-go/plugin-dockerfile-compliance-node';
import express from 'express';
import Router from 'express-promise-router';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  policy: Pick<LivePolicy, 'current'>;
  events: EventsService;
  catalog: Pick<CatalogService, 'refreshEntity'>;
}

/** The entity reference of a refresh request, normalised; an InputError (400) for anything else. */
export function requestedEntityRef(body: unknown): string {
  const value = typeof body === 'object' && body !== null ? (body as { entityRef?: unknown }).entityRef : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) {
    throw new InputError('give the entity as {"entityRef": "component:default/name"}');
  }
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind: 'component', defaultNamespace: 'default' }));
  } catch (e) {
    throw new InputError(`entityRef ${JSON.stringify(value.slice(0, 100))} is not an entity reference: ${(e as Error).message}`);
  }
}

/** True when an If-None-Match header names this entity tag (weak comparison, RFC 9110 13.1.2). */
export function matchesETag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some(candidate => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === opaque;
  });
}

export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const router = Router();

  router.get('/policy', async (req, res) => {
    // A user or a service (CI's external-access token); never an anonymous caller, even
    // where the default auth policy is switched off (the local demo).
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const { document } = options.policy.current();
    const etag = `"${document.policyVersion}"`;
    res.setHeader('ETag', etag);
    // Revalidate every time: the policy may change with the configuration.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization');
    if (matchesETag(req.header('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.json(document);
  });

  router.post('/refresh', express.json({ limit: '4kb' }), async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const entityRef = requestedEntityRef(req.body);
    // the mark first, so the processing the refresh triggers finds it
    const payload: DockerfileCheckRequested = { entityRef };
    await options.events.publish({ topic: DOCKERFILE_CHECK_REQUESTED_TOPIC, eventPayload: payload });
    await options.catalog.refreshEntity(entityRef, { credentials });
    res.status(202).json({ entityRef });
  });

  return router;
}
