/**
 * The plugin's HTTP API, mounted at /api/dockerfile-compliance:
 *
 *   GET /policy   the effective hardenedGo.standard as a PolicyDocument (JSON), with an ETag.
 *
 * Callers authenticate the Backstage way: a user's token, or a service token, which is how CI
 * calls Backstage (backend.auth.externalAccess: a static or JWKS token). A matching
 * If-None-Match is answered 304 with no body, so a CI run that already has the policy
 * costs one small request.
 */
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { LivePolicy } from '@hardened-go/plugin-dockerfile-compliance-node';
import express from 'express';
import Router from 'express-promise-router';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  policy: Pick<LivePolicy, 'current'>;
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

  return router;
}
