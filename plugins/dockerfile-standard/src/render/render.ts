/**
 * Renders the canonical Dockerfile and .dockerignore of a Go service from the policy.
 * Nunjucks only ever compiles our own template files (a loader restricted to the
 * package's templates/ folder); user values reach the template as validated data.
 */
import * as path from 'path';
import * as nunjucks from 'nunjucks';
import { EXACT_ALPINE_VERSION, EXACT_GO_VERSION, IMAGE_REFERENCE, NUMERIC_USER, STANDARD_VERSION } from '../policy/patterns';
import type { Policy } from '../policy/types';

/** What a service contributes to its image; everything else comes from the policy. */
export interface ServiceImageParams {
  /**
   * Name of the binary (`/out/<name>` in the build stage, `/<name>` in the image).
   * Required: it is what `ps`, logs and crash reports show. `[a-z0-9][a-z0-9._-]*`, at most 64 chars.
   */
  binaryName: string;
  /** Go package with `main`, relative to the module root: `.` (default), `./cmd/api` (`cmd/api` is read as `./cmd/api`). */
  mainPackage?: string;
  /** Go build tags (`-tags a,b`), each `[A-Za-z0-9_.]+`. `timetzdata` embeds the time-zone database. */
  buildTags?: string[];
  /** Port the service listens on (EXPOSE); omitted for a service without one. */
  port?: number;
  /**
   * `-X importpath.name=value` link-time variables, e.g. `{ 'main.version': '1.4.2' }`.
   * Values are literals `[A-Za-z0-9._+:@/-]*` (no spaces, quotes or `$`).
   */
  ldflagsX?: Record<string, string>;
  /** Go version of the build image; must be one of policy.supportedGoVersions. Default: policy.goVersion. */
  goVersion?: string;
  /**
   * `sha256:<64 hex>` digest of the build image `golang:<go>-alpine<alpine>`, rendered as
   * `tag@digest`. Required when policy.requireDigest is on: the renderer cannot look a
   * digest up (no network in the pure core) and refuses rather than render a drifted file.
   */
  buildImageDigest?: string;
}

/** A ServiceImageParams (or policy) value the renderer refuses; `param` names it. */
export class RenderParamsError extends Error {
  readonly param: string;

  constructor(param: string, message: string) {
    super(`${param} ${message}`);
    this.name = 'RenderParamsError';
    this.param = param;
  }
}

export const BINARY_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const PACKAGE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const BUILD_TAG = /^[A-Za-z0-9_.]+$/;
const LDFLAGS_X_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.\/-]*\.[A-Za-z_][A-Za-z0-9_]*$/;
const LDFLAGS_X_VALUE = /^[A-Za-z0-9._+:@\/-]*$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The package's templates/ folder: two levels up from both src/render and dist/render. */
export const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'templates');

let environment: nunjucks.Environment | undefined;
function templates(): nunjucks.Environment {
  environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATE_DIR, { noCache: false }), {
    autoescape: false, // Dockerfiles are not HTML; values are validated instead.
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  return environment;
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value) ?? String(value);
}

/** `.`, `./cmd/api`; `cmd/api` and trailing slashes are normalised; `..`, absolute paths and patterns are refused. */
function normaliseMainPackage(value: unknown): string {
  if (value === undefined) return '.';
  if (typeof value !== 'string') throw new RenderParamsError('mainPackage', `must be a string, got ${show(value)}`);
  let p = value.replace(/\/+$/, '');
  if (p === '' || p === '.') return '.';
  if (p.startsWith('./')) p = p.slice(2);
  const segments = p.split('/');
  if (p.startsWith('/') || !segments.every(s => PACKAGE_SEGMENT.test(s))) {
    throw new RenderParamsError(
      'mainPackage',
      `must be a package path relative to the module root and inside it, like . or ./cmd/api, got ${show(value)}`,
    );
  }
  return `./${segments.join('/')}`;
}

function validatedParams(policy: Policy, params: ServiceImageParams) {
  assertRenderablePolicy(policy);
  if (!params || typeof params !== 'object') throw new RenderParamsError('params', `must be an object, got ${show(params)}`);
  const { binaryName, buildTags = [], port, ldflagsX = {}, buildImageDigest } = params;
  if (typeof binaryName !== 'string' || !BINARY_NAME.test(binaryName)) {
    throw new RenderParamsError(
      'binaryName',
      `must start with a lower-case letter or digit and contain only a-z 0-9 . _ - (at most 64 characters), got ${show(binaryName)}`,
    );
  }
  const mainPackage = normaliseMainPackage(params.mainPackage);
  if (!Array.isArray(buildTags)) throw new RenderParamsError('buildTags', `must be a list, got ${show(buildTags)}`);
  buildTags.forEach((tag, i) => {
    if (typeof tag !== 'string' || !BUILD_TAG.test(tag)) {
      throw new RenderParamsError(`buildTags[${i}]`, `must contain only letters, digits, _ and ., got ${show(tag)}`);
    }
  });
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new RenderParamsError('port', `must be a whole number from 1 to 65535, got ${show(port)}`);
  }
  if (!ldflagsX || typeof ldflagsX !== 'object' || Array.isArray(ldflagsX)) {
    throw new RenderParamsError('ldflagsX', `must be an object of importpath.name: value, got ${show(ldflagsX)}`);
  }
  const xFlags = Object.entries(ldflagsX).map(([name, value]) => {
    if (!LDFLAGS_X_NAME.test(name)) {
      throw new RenderParamsError(`ldflagsX.${name}`, 'is not an importpath.name like main.version');
    }
    if (typeof value !== 'string' || !LDFLAGS_X_VALUE.test(value)) {
      throw new RenderParamsError(`ldflagsX.${name}`, `must be a literal of letters, digits and . _ + : @ / -, got ${show(value)}`);
    }
    return `-X ${name}=${value}`;
  });
  const goVersion = params.goVersion ?? policy.goVersion;
  if (!policy.supportedGoVersions.includes(goVersion)) {
    throw new RenderParamsError('goVersion', `must be one of the policy's supported Go versions (${policy.supportedGoVersions.join(', ')}), got ${show(goVersion)}`);
  }
  if (!EXACT_GO_VERSION.test(goVersion)) throw new RenderParamsError('goVersion', `must be an exact Go version like 1.26.8, got ${show(goVersion)}`);
  if (buildImageDigest !== undefined && (typeof buildImageDigest !== 'string' || !DIGEST.test(buildImageDigest))) {
    throw new RenderParamsError('buildImageDigest', `must be sha256: followed by 64 lower-case hex digits, got ${show(buildImageDigest)}`);
  }
  if (policy.requireDigest && buildImageDigest === undefined) {
    throw new RenderParamsError(
      'buildImageDigest',
      `is required because the policy sets requireDigest: pass the digest of golang:${goVersion}-alpine${policy.alpineVersion}`,
    );
  }
  return { binaryName, mainPackage, buildTags, port, xFlags, goVersion, buildImageDigest };
}

/**
 * policyFromConfig already validates these, but a Policy can also be built by hand: re-check
 * every value that is written into the Dockerfile so nothing unvalidated reaches it.
 */
function assertRenderablePolicy(policy: Policy): void {
  const checks: Array<[string, unknown, RegExp]> = [
    ['policy.standardVersion', policy.standardVersion, STANDARD_VERSION],
    ['policy.alpineVersion', policy.alpineVersion, EXACT_ALPINE_VERSION],
    ['policy.user', policy.user, NUMERIC_USER],
  ];
  for (const [name, value, shape] of checks) {
    if (typeof value !== 'string' || !shape.test(value)) throw new RenderParamsError(name, `is not valid, got ${show(value)}`);
  }
  if (/^0:/.test(policy.user)) throw new RenderParamsError('policy.user', `must not be root, got ${show(policy.user)}`);
  if (!Array.isArray(policy.supportedGoVersions) || !Array.isArray(policy.finalBases)) {
    throw new RenderParamsError('policy', 'must have supportedGoVersions and finalBases lists');
  }
}

function finalBaseOf(policy: Policy): string {
  const finalBase = policy.finalBases[0];
  if (finalBase === undefined) throw new RenderParamsError('policy.finalBases', 'is empty: there is no allowed final base to render');
  if (finalBase !== 'scratch' && !IMAGE_REFERENCE.test(finalBase)) {
    throw new RenderParamsError('policy.finalBases[0]', `is not an image reference, got ${show(finalBase)}`);
  }
  if (policy.requireDigest && finalBase !== 'scratch' && !finalBase.includes('@sha256:')) {
    throw new RenderParamsError('policy.finalBases[0]', `must carry a digest because the policy sets requireDigest, got ${show(finalBase)}`);
  }
  return finalBase;
}

/**
 * The canonical Dockerfile of a Go service under `policy`: the standard's build stage
 * (`golang:<go>-alpine<alpine>`) and a final stage on `policy.finalBases[0]` (scratch by
 * default) running as `policy.user`. It checks clean under the same policy.
 * Throws RenderParamsError for an invalid parameter.
 */
export function renderDockerfile(policy: Policy, params: ServiceImageParams): string {
  const p = validatedParams(policy, params);
  const finalBase = finalBaseOf(policy);
  const buildTag = `golang:${p.goVersion}-alpine${policy.alpineVersion}`;
  return templates().render('Dockerfile.njk', {
    standardVersion: policy.standardVersion,
    buildImage: p.buildImageDigest ? `${buildTag}@${p.buildImageDigest}` : buildTag,
    ldflags: ['-s', '-w', ...p.xFlags].join(' '),
    buildTags: p.buildTags.join(','),
    binaryName: p.binaryName,
    mainPackage: p.mainPackage,
    finalBase,
    finalIsScratch: finalBase === 'scratch',
    user: policy.user,
    port: p.port ?? false,
  });
}

/** The .dockerignore that goes with renderDockerfile: keeps VCS data, secrets and local artefacts out of `COPY . .`. */
export function renderDockerignore(policy: Policy, params: ServiceImageParams): string {
  validatedParams(policy, params);
  return templates().render('dockerignore.njk', { standardVersion: policy.standardVersion });
}
