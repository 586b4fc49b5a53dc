/**
 * The parameters of a new Go service and their validation, shared by every door that creates
 * one (the scaffolder action and `hardened-go new`). Each check returns a sentence a form user
 * understands; nothing here throws on bad input except ServiceParamsError, which lists them all.
 */
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import { goModulePathProblem, modulePathFromRepo, parseRepoUrl, repoWebUrl } from './goModulePath';
import { isUnsafeForSource } from './escape';

/** @public */
export type CiProvider = 'github-actions' | 'gitlab-ci';
/** @public */
export const CI_PROVIDERS: readonly CiProvider[] = ['github-actions', 'gitlab-ci'];

/** @public */
export const DEFAULT_PORT = 8080;
/**
 * Ports below 1024 need root or CAP_NET_BIND_SERVICE, which the unprivileged user has not.
 *
 * @public
 */
export const MIN_PORT = 1024;
/** @public */
export const MAX_PORT = 65535;
/** @public */
export const MAX_NAME_LENGTH = 63;
/** @public */
export const MAX_DESCRIPTION_LENGTH = 300;

/**
 * What a caller asks for; values are unchecked (they come from a form, a CLI or YAML).
 *
 * @public
 */
export interface ServiceRequest {
  name?: unknown;
  description?: unknown;
  owner?: unknown;
  system?: unknown;
  modulePath?: unknown;
  /** RepoUrlPicker value (`github.com?owner=acme&repo=payments`): default module path and source location. */
  repoUrl?: unknown;
  goVersion?: unknown;
  port?: unknown;
  ci?: unknown;
}

/**
 * Validated parameters with defaults applied: safe to generate from.
 *
 * @public
 */
export interface ServiceParams {
  /** DNS-1123 label: the catalog entity, the repository and the image are named after it. */
  name: string;
  description: string;
  /** Entity reference of the owning group or user (`team-a`, `group:default/team-a`). */
  owner: string;
  /** Entity reference of the system the service belongs to, if any. */
  system?: string;
  modulePath: string;
  goVersion: string;
  port: number;
  ci: CiProvider;
  /** `https://github.com/acme/payments`, known when a repoUrl was given. */
  repoWebUrl?: string;
}

/** @public */
export interface ServiceParamIssue {
  field: keyof ServiceRequest;
  message: string;
}

/**
 * Bad service parameters; `issues` names each field with a readable message.
 *
 * @public
 */
export class ServiceParamsError extends Error {
  readonly issues: ServiceParamIssue[];

  constructor(issues: ServiceParamIssue[]) {
    super(issues.map(i => `${i.field}: ${i.message}`).join('; '));
    this.name = 'ServiceParamsError';
    this.issues = issues;
  }
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Backstage entity reference: [kind:][namespace/]name (catalog-model's rules for each part). */
const ENTITY_REF = /^(?:([A-Za-z][A-Za-z0-9-]*):)?(?:([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\/)?([A-Za-z0-9](?:[-_.A-Za-z0-9]*[A-Za-z0-9])?)$/;
/** Template syntax of nunjucks/Jinja, the scaffolder and GitHub Actions; refused in free text. */
const TEMPLATE_SYNTAX = /\{\{|\}\}|\{%|%\}|\{#|#\}|\$\{\{|\$\{/;

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
}

/**
 * Per-field checks; each returns a message for a bad value, undefined for a good one.
 *
 * @public
 */
export const SERVICE_FIELD_CHECKS = {
  name(value: unknown): string | undefined {
    if (typeof value !== 'string' || value.length === 0) return 'is required: a short lower-case name like payments-api';
    if (value.length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters (got ${value.length})`;
    if (!DNS_LABEL.test(value)) {
      return `may only contain lower-case letters, digits and '-', and must start and end with a letter or digit (a DNS label like payments-api), got ${show(value)}`;
    }
    return undefined;
  },

  description(value: unknown): string | undefined {
    if (typeof value !== 'string' || value.trim().length === 0) return 'is required: one sentence saying what the service does';
    if (value.length > MAX_DESCRIPTION_LENGTH) return `must be at most ${MAX_DESCRIPTION_LENGTH} characters (got ${value.length})`;
    if ([...value].some(ch => isUnsafeForSource(ch.codePointAt(0)!))) {
      return 'must be a single line without control or bidirectional-override characters';
    }
    if (TEMPLATE_SYNTAX.test(value)) {
      return 'must not contain template syntax such as {{ }}, {% %}, {# #} or ${{ }} (it would be evaluated by CI or template engines)';
    }
    return undefined;
  },

  owner(value: unknown): string | undefined {
    if (typeof value !== 'string' || value.length === 0) return 'is required: the group or user that owns the service, like group:default/team-a';
    const problem = entityRefProblem(value, ['group', 'user']);
    return problem && `${problem}, like team-a or group:default/team-a (got ${show(value)})`;
  },

  system(value: unknown): string | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') return `must be a system entity reference, got ${show(value)}`;
    const problem = entityRefProblem(value, ['system']);
    return problem && `${problem}, like payments or system:default/payments (got ${show(value)})`;
  },

  modulePath(value: unknown): string | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') return `must be a Go module path like github.com/acme/payments, got ${show(value)}`;
    const problem = goModulePathProblem(value);
    return problem && `${problem} (got ${show(value)})`;
  },

  repoUrl(value: unknown): string | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') return `must be a repository location like github.com?owner=acme&repo=payments, got ${show(value)}`;
    const parsed = parseRepoUrl(value);
    if (typeof parsed === 'string') return `${parsed} (got ${show(value)})`;
    const derived = goModulePathProblem(modulePathFromRepo(parsed));
    return derived && `gives no valid Go module path: ${derived}; pass modulePath explicitly`;
  },

  port(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_PORT || value > MAX_PORT) {
      return `must be a whole number from ${MIN_PORT} to ${MAX_PORT} (the service runs unprivileged and cannot bind lower ports), got ${show(value)}`;
    }
    return undefined;
  },

  ci(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !(CI_PROVIDERS as readonly string[]).includes(value)) {
      return `must be one of ${CI_PROVIDERS.join(', ')}, got ${show(value)}`;
    }
    return undefined;
  },
} satisfies Record<Exclude<keyof ServiceRequest, 'goVersion'>, (value: unknown) => string | undefined>;

/**
 * goVersion depends on the policy: one of its supported versions (default: the first).
 *
 * @public
 */
export function goVersionProblem(value: unknown, policy: Policy): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !policy.supportedGoVersions.includes(value)) {
    return `must be one of the Go versions the platform supports (${policy.supportedGoVersions.join(', ')}), got ${show(value)}`;
  }
  return undefined;
}

function entityRefProblem(value: string, kinds: readonly string[]): string | undefined {
  const match = ENTITY_REF.exec(value);
  if (!match) return 'must be an entity reference: [kind:][namespace/]name with letters, digits, - _ and .';
  const [, kind, namespace, name] = match;
  if (kind && !kinds.includes(kind.toLowerCase())) return `must refer to a ${kinds.join(' or ')}, not a ${kind}`;
  if ((namespace?.length ?? 0) > 63 || (name?.length ?? 0) > 63) return 'must have a namespace and name of at most 63 characters each';
  return undefined;
}

/**
 * Validates every field and applies the defaults. Returns all issues at once.
 *
 * @public
 */
export function validateServiceRequest(
  request: ServiceRequest,
  policy: Policy,
): { ok: true; params: ServiceParams } | { ok: false; issues: ServiceParamIssue[] } {
  const issues: ServiceParamIssue[] = [];
  for (const [field, check] of Object.entries(SERVICE_FIELD_CHECKS) as Array<[keyof typeof SERVICE_FIELD_CHECKS, (v: unknown) => string | undefined]>) {
    const message = check(request[field]);
    if (message) issues.push({ field, message });
  }
  const goProblem = goVersionProblem(request.goVersion, policy);
  if (goProblem) issues.push({ field: 'goVersion', message: goProblem });
  if (policy.supportedGoVersions.length === 0) {
    issues.push({ field: 'goVersion', message: 'cannot be chosen: the policy lists no supported Go versions' });
  }

  const hasModulePath = typeof request.modulePath === 'string' && request.modulePath !== '';
  const hasRepoUrl = typeof request.repoUrl === 'string' && request.repoUrl !== '';
  if (!hasModulePath && !hasRepoUrl) {
    issues.push({ field: 'modulePath', message: 'is required when no repoUrl is given (it defaults to host/owner/repo of the repository)' });
  }
  if (issues.length > 0) return { ok: false, issues };

  const location = hasRepoUrl ? parseRepoUrl(request.repoUrl as string) : undefined;
  const repo = typeof location === 'object' ? location : undefined;
  const system = typeof request.system === 'string' && request.system !== '' ? request.system : undefined;
  return {
    ok: true,
    params: {
      name: request.name as string,
      description: (request.description as string).trim(),
      owner: request.owner as string,
      ...(system ? { system } : {}),
      modulePath: hasModulePath ? (request.modulePath as string) : modulePathFromRepo(repo!),
      goVersion: typeof request.goVersion === 'string' && request.goVersion !== '' ? request.goVersion : policy.supportedGoVersions[0]!,
      port: (request.port as number | undefined) ?? DEFAULT_PORT,
      ci: (request.ci as CiProvider | undefined) ?? 'github-actions',
      ...(repo ? { repoWebUrl: repoWebUrl(repo) } : {}),
    },
  };
}

/**
 * validateServiceRequest that throws ServiceParamsError.
 *
 * @public
 */
export function resolveServiceParams(request: ServiceRequest, policy: Policy): ServiceParams {
  const result = validateServiceRequest(request, policy);
  if (!result.ok) throw new ServiceParamsError(result.issues);
  return result.params;
}
