/**
 * The policy as the portal serves it (GET /api/dockerfile-compliance/policy) and the CLI
 * reads it (`hardened-go check --policy-url`): the `hardenedGo.standard` block with every
 * default written out, the standard's version, and a version of the content itself. Both
 * sides use this file, so they cannot disagree on the format or on the version.
 */
import { createHash } from 'node:crypto';
import { PolicyError, policyFromConfig, policyToConfig, type Policy } from '@hardened-go/plugin-dockerfile-compliance-common';

/**
 * Identifies the document format; a client refuses any other.
 *
 * @public
 */
export const POLICY_DOCUMENT_API_VERSION = 'hardened-go.io/v1';

/**
 * The effective policy of a portal, as JSON.
 *
 * @public
 */
export interface PolicyDocument {
  apiVersion: typeof POLICY_DOCUMENT_API_VERSION;
  kind: 'Policy';
  /** `hardenedGo.standard.version`, e.g. `v1`. */
  standardVersion: string;
  /** A hash of the policy's content: any change of any key (a mode, a deadline) changes it. */
  policyVersion: string;
  /** The `hardenedGo.standard` block, every default written out. */
  standard: Record<string, unknown>;
  /** `hardenedGo.ruleDocsBaseUrl` of the portal, for the rule links in SARIF. */
  ruleDocsBaseUrl?: string;
}

/**
 * A policy document that is malformed, of another format, or whose version does not match its content.
 *
 * @public
 */
export class PolicyDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyDocumentError';
  }
}

/** JSON with object keys sorted at every level: the same policy always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The content version of a policy: 16 hex digits of the SHA-256 of its canonical JSON. The
 * portal's ETag, and what the CLI prints as the policy it used, whatever its source.
 *
 * @public
 */
export function policyVersionOf(policy: Policy): string {
  return createHash('sha256').update(canonicalJson(policyToConfig(policy))).digest('hex').slice(0, 16);
}

/** @public */
export function toPolicyDocument(policy: Policy, options: { ruleDocsBaseUrl?: string } = {}): PolicyDocument {
  return {
    apiVersion: POLICY_DOCUMENT_API_VERSION,
    kind: 'Policy',
    standardVersion: policy.standardVersion,
    policyVersion: policyVersionOf(policy),
    standard: policyToConfig(policy),
    ...(options.ruleDocsBaseUrl !== undefined ? { ruleDocsBaseUrl: options.ruleDocsBaseUrl } : {}),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Validates a parsed policy document: its format, every key of the standard (the reader
 * app-config goes through), and that its version is the hash of its content.
 *
 * @public
 */
export function readPolicyDocument(value: unknown): { document: PolicyDocument; policy: Policy } {
  if (!isPlainObject(value)) throw new PolicyDocumentError('the policy response is not a JSON object');
  if (value.apiVersion !== POLICY_DOCUMENT_API_VERSION || value.kind !== 'Policy') {
    throw new PolicyDocumentError(
      `the policy response is not a ${POLICY_DOCUMENT_API_VERSION} Policy (apiVersion ${JSON.stringify(value.apiVersion)}, kind ${JSON.stringify(value.kind)})`,
    );
  }
  if (!isPlainObject(value.standard)) throw new PolicyDocumentError('the policy response has no standard object');
  let policy: Policy;
  try {
    policy = policyFromConfig(value.standard, 'standard');
  } catch (e) {
    if (e instanceof PolicyError) throw new PolicyDocumentError(`the policy response is not a valid policy: ${e.message}`);
    throw e;
  }
  const ruleDocsBaseUrl = value.ruleDocsBaseUrl;
  if (ruleDocsBaseUrl !== undefined && (typeof ruleDocsBaseUrl !== 'string' || !URL.canParse(ruleDocsBaseUrl))) {
    throw new PolicyDocumentError('the policy response has a ruleDocsBaseUrl that is not an absolute URL');
  }
  // the document as this side would serve it: its versions must be the ones received
  const document = toPolicyDocument(policy, ruleDocsBaseUrl !== undefined ? { ruleDocsBaseUrl } : {});
  if (value.policyVersion !== document.policyVersion || value.standardVersion !== document.standardVersion) {
    throw new PolicyDocumentError(
      `the policy response's versions (${JSON.stringify(value.standardVersion)}, ${JSON.stringify(value.policyVersion)}) do not match its content (${document.standardVersion}, ${document.policyVersion})`,
    );
  }
  return { document, policy };
}
