/**
 * The plugin's HTTP API, mounted at /api/dockerfile-compliance:
 *
 *   GET /policy   the effective hardenedGo.standard as a PolicyDocument (JSON), with an ETag.
 *   POST /refresh {"entityRef": "component:default/x"}   check the entity's Dockerfiles now,
 *                 even within hardenedGo.catalog.revalidateAfter: the drift module is told
 *                 (an event), then the catalog refreshes the entity with the caller's
 *                 credentials, so its permission to refresh applies.
 *   GET /history?days=90   the daily compliance snapshots of the last N days (1 to the
 *                 retention, default 90), oldest first: services per owner x status and per rule.
 *   GET /pull-requests[?entityRef=component:default/x&entityRef=...]   the hardening campaign's
 *                 progress: per service, the latest harden template task and the state of its
 *                 pull request on the Git host (HardeningProgress).
 *
 * Callers authenticate the Backstage way: a user's token, or a service token, which is how CI
 * calls Backstage (backend.auth.externalAccess: a static or JWKS token). A matching
 * If-None-Match is answered 304 with no body, so a CI run that already has the policy
 * costs one small request.
 */
import type { BackstageCredentials, HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EventsService } from '@backstage/plugin-events-node';
import { DOCKERFILE_CHECK_REQUESTED_TOPIC, type DockerfileCheckRequested, type LivePolicy } from '@hardened-go/plugin-dockerfile-compliance-node';
import { enforcementDeadlines, type ComplianceHistory, type HardeningProgress } from '@hardened-go/plugin-dockerfile-compliance-common';
import { dayBefore } from './history/history';
import type { HistoryStore } from './history/HistoryStore';
import express from 'express';
import Router from 'express-promise-router';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  policy: Pick<LivePolicy, 'current'>;
  events: EventsService;
  catalog: Pick<CatalogService, 'refreshEntity'>;
  /** Absent when hardenedGo.history.enabled is false: /history then answers 404. */
  history?: { store: Pick<HistoryStore, 'read'>; retentionDays: number };
  /** The campaign's progress for a caller (their credentials reach the scaffolder). */
  rollout: { progress(credentials: BackstageCredentials, entityRefs?: ReadonlySet<string>): Promise<HardeningProgress> };
}

/** At most this many `entityRef` parameters per request. */
const MAX_ENTITY_REFS = 1000;

/** `?entityRef=...` (repeatable), normalised; undefined for all services. */
export function requestedEntityRefs(value: unknown): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  if (values.length > MAX_ENTITY_REFS) throw new InputError(`at most ${MAX_ENTITY_REFS} entityRef parameters per request`);
  return new Set(values.map((v) => requestedEntityRef({ entityRef: v })));
}

const DEFAULT_HISTORY_DAYS = 90;

/** `?days=N`: a whole number from 1 to the retention; an InputError (400) for anything else. */
export function requestedDays(value: unknown, retentionDays: number): number {
  if (value === undefined) return Math.min(DEFAULT_HISTORY_DAYS, retentionDays);
  const days = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > retentionDays) {
    throw new InputError(`days must be a whole number from 1 to ${retentionDays} (the history's retention)`);
  }
  return days;
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

  router.get('/history', async (req, res) => {
    // Counts, as readable as the catalog they come from: the backend's auth policy decides
    // (a token in production; anonymous where the local demo switches the default policy off).
    await options.httpAuth.credentials(req);
    if (!options.history) {
      res.status(404).json({ error: { name: 'NotFoundError', message: 'the compliance history is switched off (hardenedGo.history.enabled: false)' } });
      return;
    }
    const days = requestedDays(req.query.days, options.history.retentionDays);
    const today = new Date().toISOString().slice(0, 10);
    const body: ComplianceHistory = {
      retentionDays: options.history.retentionDays,
      days: await options.history.store.read(dayBefore(today, days - 1)),
      deadlines: enforcementDeadlines(options.policy.current().policy.rules),
    };
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(body);
  });

  router.get('/pull-requests', async (req, res) => {
    // An anonymous caller gets here only where the backend's default auth policy is off
    // (backend.auth.dangerouslyDisableDefaultAuthPolicy, as in the demo): the portal is open to all.
    const credentials = await options.httpAuth.credentials(req, { allow: ['user', 'service', 'none'] });
    const progress = await options.rollout.progress(credentials, requestedEntityRefs(req.query.entityRef));
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(progress);
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
