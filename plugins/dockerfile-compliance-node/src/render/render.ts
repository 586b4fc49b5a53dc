/**
 * Renders the canonical Dockerfile and .dockerignore of a Go service from the policy.
 * Nunjucks only ever compiles our own template files (a loader restricted to the
 * package's templates/ folder); user values reach the template as validated data.
 *
 * The scaffolder passes the few basics (name, package, port, tags). The fixer also passes
 * the service specifics it carries over from an old Dockerfile (the optional extension
 * fields below); without them the output is exactly the standard.
 */
import { templatesDir } from '../packagePaths';
import * as nunjucks from 'nunjucks';
import { EXACT_ALPINE_VERSION, EXACT_GO_VERSION, IMAGE_REFERENCE, NUMERIC_USER, STANDARD_VERSION, policyDigestOf } from '@hardened-go/plugin-dockerfile-compliance-common';
import type { Policy } from '@hardened-go/plugin-dockerfile-compliance-common';
import {
  LABEL_KEY,
  LDFLAGS_X_VALUE,
  VARIABLE_NAME,
  isDockerWord,
  isPlainPath,
  isRunLine,
  referencedVariables,
} from './words';
import { trimTrailing } from '@hardened-go/plugin-dockerfile-compliance-common';

/**
 * An ARG: `ARG name` or `ARG name=default` (default: one Dockerfile word, quoted as needed).
 *
 * @public
 */
export interface RenderArg {
  name: string;
  default?: string;
}

/**
 * ENV/LABEL `key=value`; the value is one Dockerfile word as it should appear (quote it yourself; `$VAR` expands).
 *
 * @public
 */
export interface RenderPair {
  key: string;
  value: string;
}

/**
 * An extra file the final image carries: `COPY [--from=build] [--chown] [--chmod] sources... dest`.
 *
 * @public
 */
export interface RenderCopy {
  /** true: copied from the build stage (absolute paths there, e.g. `/src/config`); false: from the build context. */
  fromBuild: boolean;
  sources: string[];
  dest: string;
  chown?: string;
  chmod?: string;
}

/**
 * `-X importpath.name=value` as a list (the Record form of ldflagsX is equivalent).
 *
 * @public
 */
export interface LdflagsXPair {
  name: string;
  value: string;
}

/**
 * What a service contributes to its image; everything else comes from the policy.
 *
 * @public
 */
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
   * `-X importpath.name=value` link-time variables, e.g. `{ 'main.version': '1.4.2' }` or
   * `[{ name: 'main.version', value: '${VERSION}' }]`. Values are literals
   * `[A-Za-z0-9._+:@/-]*`, optionally with `$VAR`/`${VAR}` references to a `buildArgs`/`buildEnv` variable.
   */
  ldflagsX?: Record<string, string> | LdflagsXPair[];
  /** Go version of the build image; must be one of policy.supportedGoVersions. Default: policy.goVersion. */
  goVersion?: string;
  /**
   * `sha256:<64 hex>` digest of the build image `golang:<go>-alpine<alpine>`, rendered as
   * `tag@digest`. Required when policy.requireDigest is on: the renderer cannot look a
   * digest up (no network in the pure core) and refuses rather than render a drifted file.
   */
  buildImageDigest?: string;

  // Extension points (the fixer carries an old Dockerfile's specifics over with these).
  /** `ARG` lines in the build stage, before the module download (e.g. VERSION for `-X`). */
  buildArgs?: RenderArg[];
  /** `ENV` lines in the build stage before the module download (GOPROXY, GOPRIVATE, GOFLAGS, ...). */
  buildEnv?: RenderPair[];
  /** Extra single-line `RUN` commands after `COPY . .`, before `go build` (go generate, ...). */
  buildSteps?: string[];
  /** More ports for the EXPOSE line: `N`, `N-M`, optionally `/tcp`, `/udp` or `/sctp`. */
  expose?: string[];
  /** `ARG` lines in the final stage. */
  finalArgs?: RenderArg[];
  /** `LABEL key=value` lines in the final stage. */
  labels?: RenderPair[];
  /** `ENV key=value` lines in the final stage. */
  env?: RenderPair[];
  /** Extra files copied into the final stage, after the binary. */
  finalCopies?: RenderCopy[];
  /** `WORKDIR` of the final stage (absolute). */
  workdir?: string;
  /** Arguments after the binary in the exec-form ENTRYPOINT. */
  entrypointArgs?: string[];
  /** Exec-form `CMD` (default arguments). */
  cmd?: string[];
  /** `VOLUME` paths (absolute), exec form. */
  volumes?: string[];
  /** `HEALTHCHECK [flags] CMD [...]` in exec form; flags like `--interval=30s`. */
  healthcheck?: { flags: string[]; cmd: string[] };
  /** `STOPSIGNAL` of the final image (`SIGINT`, `SIGQUIT`, `SIGRTMIN+3`, `2`): the signal the service shuts down gracefully on. */
  stopSignal?: string;
}

/**
 * A ServiceImageParams (or policy) value the renderer refuses; `param` names it.
 *
 * @public
 */
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
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const EXPOSE_PORT = /^([1-9]\d{0,4})(?:-([1-9]\d{0,4}))?(?:\/(tcp|udp|sctp))?$/;
const CHOWN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;
const CHMOD = /^(?:[0-7]{3,4}|[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*)$/;
/** A signal name or number as Docker accepts it for STOPSIGNAL. */
const STOP_SIGNAL = /^(?:SIG[A-Z0-9]+(?:[+-]\d{1,2})?|[1-9]\d?)$/;
const HEALTHCHECK_FLAG = /^--(interval|timeout|start-period|start-interval)=\d+(?:\.\d+)?(?:ns|us|ms|s|m|h)(?:\d+(?:\.\d+)?(?:ns|us|ms|s|m|h))*$|^--retries=\d+$/;


let environment: nunjucks.Environment | undefined;
function templates(): nunjucks.Environment {
  environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir(), { noCache: false }), {
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
  let p = trimTrailing(value, '/');
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

function list<T>(value: T[] | undefined, name: string): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RenderParamsError(name, `must be a list, got ${show(value)}`);
  return value;
}

function stringList(value: string[] | undefined, name: string, ok: (s: string) => boolean, what: string): string[] {
  return list(value, name).map((s, i) => {
    if (typeof s !== 'string' || !ok(s)) throw new RenderParamsError(`${name}[${i}]`, `${what}, got ${show(s)}`);
    return s;
  });
}

function args(value: RenderArg[] | undefined, name: string): string[] {
  return list(value, name).map((a, i) => {
    if (!a || typeof a.name !== 'string' || !VARIABLE_NAME.test(a.name)) {
      throw new RenderParamsError(`${name}[${i}].name`, `must be a variable name like VERSION, got ${show(a?.name)}`);
    }
    if (a.default === undefined) return a.name;
    if (typeof a.default !== 'string' || !isDockerWord(a.default)) {
      throw new RenderParamsError(`${name}[${i}].default`, `must be one Dockerfile word on one line (quote spaces), got ${show(a.default)}`);
    }
    return `${a.name}=${a.default}`;
  });
}

function pairs(value: RenderPair[] | undefined, name: string, key: RegExp, keyWhat: string): string[] {
  return list(value, name).map((p, i) => {
    if (!p || typeof p.key !== 'string' || !key.test(p.key)) throw new RenderParamsError(`${name}[${i}].key`, `must be ${keyWhat}, got ${show(p?.key)}`);
    if (typeof p.value !== 'string' || !isDockerWord(p.value)) {
      throw new RenderParamsError(`${name}[${i}].value`, `must be one Dockerfile word on one line (quote spaces), got ${show(p.value)}`);
    }
    return `${p.key}=${p.value}`;
  });
}

function ldflagsXPairs(value: ServiceImageParams['ldflagsX']): LdflagsXPair[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') return Object.entries(value).map(([name, v]) => ({ name, value: v }));
  throw new RenderParamsError('ldflagsX', `must be an object of importpath.name: value or a list of {name, value}, got ${show(value)}`);
}

function copyLine(c: RenderCopy, i: number): string {
  const name = `finalCopies[${i}]`;
  if (!c || typeof c !== 'object') throw new RenderParamsError(name, `must be {fromBuild, sources, dest}, got ${show(c)}`);
  if (typeof c.fromBuild !== 'boolean') throw new RenderParamsError(`${name}.fromBuild`, `must be true or false, got ${show(c.fromBuild)}`);
  const sources = stringList(c.sources, `${name}.sources`, isPlainPath, 'must be a path without spaces, quotes, backslashes or < that does not start with - or [');
  if (sources.length === 0) throw new RenderParamsError(`${name}.sources`, 'must not be empty');
  if (typeof c.dest !== 'string' || !isPlainPath(c.dest)) {
    throw new RenderParamsError(`${name}.dest`, `must be a path without spaces, quotes, backslashes or < that does not start with - or [, got ${show(c.dest)}`);
  }
  const flags: string[] = [];
  if (c.fromBuild) flags.push('--from=build');
  if (c.chown !== undefined) {
    if (typeof c.chown !== 'string' || !CHOWN.test(c.chown)) throw new RenderParamsError(`${name}.chown`, `must be user[:group], got ${show(c.chown)}`);
    flags.push(`--chown=${c.chown}`);
  }
  if (c.chmod !== undefined) {
    if (typeof c.chmod !== 'string' || !CHMOD.test(c.chmod)) throw new RenderParamsError(`${name}.chmod`, `must be an octal or symbolic mode like 0644, got ${show(c.chmod)}`);
    flags.push(`--chmod=${c.chmod}`);
  }
  return [...flags, ...sources, c.dest].join(' ');
}

function execForm(value: string[], name: string): string {
  const items = list(value, name);
  items.forEach((s, i) => {
    if (typeof s !== 'string') throw new RenderParamsError(`${name}[${i}]`, `must be a string, got ${show(s)}`);
  });
  // JSON escapes every control character, so the array stays on one line and BuildKit reads it as exec form.
  return `[${items.map(s => JSON.stringify(s)).join(', ')}]`;
}

const isAbsolutePath = (s: string) => isPlainPath(s) && s.startsWith('/');

/** Every ServiceImageParams key: anything else is a typo that would otherwise be ignored silently. */
const PARAM_KEYS: ReadonlySet<string> = new Set<keyof ServiceImageParams>([
  'binaryName', 'mainPackage', 'buildTags', 'port', 'ldflagsX', 'goVersion', 'buildImageDigest',
  'buildArgs', 'buildEnv', 'buildSteps', 'expose', 'finalArgs', 'labels', 'env', 'finalCopies',
  'workdir', 'entrypointArgs', 'cmd', 'volumes', 'healthcheck', 'stopSignal',
]);

function validatedParams(policy: Policy, params: ServiceImageParams) {
  assertRenderablePolicy(policy);
  if (!params || typeof params !== 'object') throw new RenderParamsError('params', `must be an object, got ${show(params)}`);
  for (const [key, value] of Object.entries(params)) {
    if (!PARAM_KEYS.has(key) && value !== undefined) throw new RenderParamsError(key, `is not a parameter of the renderer (known: ${[...PARAM_KEYS].join(', ')})`);
  }
  const { binaryName, port, buildImageDigest } = params;
  if (typeof binaryName !== 'string' || !BINARY_NAME.test(binaryName)) {
    throw new RenderParamsError(
      'binaryName',
      `must start with a lower-case letter or digit and contain only a-z 0-9 . _ - (at most 64 characters), got ${show(binaryName)}`,
    );
  }
  const mainPackage = normaliseMainPackage(params.mainPackage);
  const buildTags = stringList(params.buildTags, 'buildTags', t => BUILD_TAG.test(t), 'must contain only letters, digits, _ and .');
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new RenderParamsError('port', `must be a whole number from 1 to 65535, got ${show(port)}`);
  }
  const expose = stringList(params.expose, 'expose', e => {
    const m = EXPOSE_PORT.exec(e);
    return m !== null && Number(m[1]) <= 65535 && (m[2] === undefined || (Number(m[2]) <= 65535 && Number(m[2]) >= Number(m[1])));
  }, 'must be a port or range like 8080, 8080/udp or 7000-7010/tcp');
  const ports = [...new Set([...(port === undefined ? [] : [String(port)]), ...expose])];

  const buildArgs = args(params.buildArgs, 'buildArgs');
  const buildEnv = pairs(params.buildEnv, 'buildEnv', VARIABLE_NAME, 'a variable name like GOPROXY');
  const buildVariables = new Set([...list(params.buildArgs, 'buildArgs').map(a => a.name), ...list(params.buildEnv, 'buildEnv').map(e => e.key)]);
  const xFlags = ldflagsXPairs(params.ldflagsX).map((x, i) => {
    const label = `ldflagsX.${typeof x?.name === 'string' ? x.name : i}`;
    if (!x || typeof x.name !== 'string' || !LDFLAGS_X_NAME.test(x.name)) throw new RenderParamsError(label, 'is not an importpath.name like main.version');
    if (typeof x.value !== 'string' || !LDFLAGS_X_VALUE.test(x.value)) {
      throw new RenderParamsError(label, `must be a literal of letters, digits and . _ + : @ / - with optional $VAR references, got ${show(x.value)}`);
    }
    const undeclared = referencedVariables(x.value).filter(v => !buildVariables.has(v));
    if (undeclared.length > 0) throw new RenderParamsError(label, `references ${undeclared.map(v => `$${v}`).join(', ')}, which no buildArgs or buildEnv entry declares`);
    return `-X ${x.name}=${x.value}`;
  });
  const buildSteps = stringList(params.buildSteps, 'buildSteps', isRunLine, 'must be a non-empty shell command on one line, without a heredoc');

  const goVersion = params.goVersion ?? policy.goVersion;
  if (!policy.supportedGoVersions.includes(goVersion)) {
    throw new RenderParamsError('goVersion', `must be one of the policy's supported Go versions (${policy.supportedGoVersions.join(', ')}), got ${show(goVersion)}`);
  }
  if (!EXACT_GO_VERSION.test(goVersion)) throw new RenderParamsError('goVersion', `must be an exact Go version like 1.26.8, got ${show(goVersion)}`);
  if (buildImageDigest !== undefined && (typeof buildImageDigest !== 'string' || !DIGEST.test(buildImageDigest))) {
    throw new RenderParamsError('buildImageDigest', `must be sha256: followed by 64 lower-case hex digits, got ${show(buildImageDigest)}`);
  }
  const buildTag = `golang:${goVersion}-alpine${policy.alpineVersion}`;
  const buildDigest = buildImageDigest ?? policyDigestOf(policy, buildTag);
  if (policy.requireDigest && buildDigest === undefined) {
    throw new RenderParamsError(
      'buildImageDigest',
      `is required because the policy sets requireDigest: pass the digest of ${buildTag}, or list it in hardenedGo.standard.imageDigests`,
    );
  }

  if (params.workdir !== undefined && (typeof params.workdir !== 'string' || !isAbsolutePath(params.workdir))) {
    throw new RenderParamsError('workdir', `must be an absolute path without spaces or quotes, got ${show(params.workdir)}`);
  }
  let healthcheck: string | undefined;
  if (params.healthcheck !== undefined) {
    const h = params.healthcheck;
    if (!h || typeof h !== 'object') throw new RenderParamsError('healthcheck', `must be {flags, cmd}, got ${show(h)}`);
    const flags = stringList(h.flags, 'healthcheck.flags', f => HEALTHCHECK_FLAG.test(f), 'must be --interval/--timeout/--start-period/--start-interval=<duration> or --retries=<n>');
    if (list(h.cmd, 'healthcheck.cmd').length === 0) throw new RenderParamsError('healthcheck.cmd', 'must not be empty');
    healthcheck = [...flags, 'CMD', execForm(h.cmd, 'healthcheck.cmd')].join(' ');
  }
  if (params.stopSignal !== undefined && (typeof params.stopSignal !== 'string' || !STOP_SIGNAL.test(params.stopSignal))) {
    throw new RenderParamsError('stopSignal', `must be a signal name like SIGINT or SIGRTMIN+3, or a number, got ${show(params.stopSignal)}`);
  }
  const entrypointArgs = stringList(params.entrypointArgs, 'entrypointArgs', () => true, 'must be a string');
  const entrypoint = execForm([`/${binaryName}`, ...entrypointArgs], 'entrypointArgs');
  const volumes = stringList(params.volumes, 'volumes', isAbsolutePath, 'must be an absolute path without spaces or quotes');

  return {
    binaryName,
    mainPackage,
    buildTags,
    xFlags,
    goVersion,
    buildImage: buildDigest === undefined ? buildTag : `${buildTag}@${buildDigest}`,
    ports,
    buildArgs,
    buildEnv,
    buildSteps,
    finalArgs: args(params.finalArgs, 'finalArgs'),
    labels: pairs(params.labels, 'labels', LABEL_KEY, 'a label key like org.opencontainers.image.source'),
    env: pairs(params.env, 'env', VARIABLE_NAME, 'a variable name like APP_ENV'),
    finalCopies: list(params.finalCopies, 'finalCopies').map(copyLine),
    workdir: params.workdir ?? false,
    volumes: volumes.length > 0 ? execForm(volumes, 'volumes') : false,
    healthcheck: healthcheck ?? false,
    stopSignal: params.stopSignal ?? false,
    entrypoint,
    cmd: params.cmd === undefined ? false : execForm(params.cmd, 'cmd'),
  };
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
  if (finalBase === 'scratch') return finalBase;
  if (!IMAGE_REFERENCE.test(finalBase)) {
    throw new RenderParamsError('policy.finalBases[0]', `is not an image reference, got ${show(finalBase)}`);
  }
  const pinned = withPolicyDigest(policy, finalBase);
  if (policy.requireDigest && !pinned.includes('@sha256:')) {
    throw new RenderParamsError(
      'policy.finalBases[0]',
      `must carry a digest because the policy sets requireDigest (in the entry or in hardenedGo.standard.imageDigests), got ${show(finalBase)}`,
    );
  }
  return pinned;
}

/** `image` with the digest the policy lists for it, unless it carries one already. */
function withPolicyDigest(policy: Policy, image: string): string {
  if (image.includes('@')) return image;
  const digest = policyDigestOf(policy, image);
  return digest === undefined ? image : `${image}@${digest}`;
}

/**
 * The BuildKit Dockerfile frontend every rendered file pins with its `# syntax=` line: an
 * exact release, so a build does not change under the service when Docker ships a new
 * frontend (Renovate and Dependabot move it; the policy's imageDigests can pin its digest).
 *
 * @public
 */
export const DOCKERFILE_SYNTAX = 'docker/dockerfile:1.26.0';

/**
 * How renderDockerfile writes the file.
 *
 * @public
 */
export interface RenderDockerfileOptions {
  /**
   * The comments that explain each step (default true). The fixer's whole-file rewrite leaves
   * them out: a pull request against the owner's file carries the owner's text, not our banners.
   */
  comments?: boolean;
}

/**
 * The canonical Dockerfile of a Go service under `policy`: the standard's build stage
 * (`golang:<go>-alpine<alpine>`) and a final stage on `policy.finalBases[0]` (scratch by
 * default) running as `policy.user`. It checks clean under the same policy.
 * Throws RenderParamsError for an invalid parameter.
 *
 * @public
 */
export function renderDockerfile(policy: Policy, params: ServiceImageParams, options: RenderDockerfileOptions = {}): string {
  const p = validatedParams(policy, params);
  const finalBase = finalBaseOf(policy);
  return templates().render('Dockerfile.njk', {
    comments: options.comments ?? true,
    syntax: withPolicyDigest(policy, DOCKERFILE_SYNTAX),
    standardVersion: policy.standardVersion,
    buildImage: p.buildImage,
    ldflags: ['-s', '-w', ...p.xFlags].join(' '),
    buildTags: p.buildTags.join(','),
    binaryName: p.binaryName,
    mainPackage: p.mainPackage,
    finalBase,
    finalIsScratch: finalBase === 'scratch',
    user: policy.user,
    ports: p.ports.join(' '),
    buildArgs: p.buildArgs,
    buildEnv: p.buildEnv,
    buildSteps: p.buildSteps,
    finalArgs: p.finalArgs,
    labels: p.labels,
    env: p.env,
    finalCopies: p.finalCopies,
    workdir: p.workdir,
    volumes: p.volumes,
    healthcheck: p.healthcheck,
    stopSignal: p.stopSignal,
    entrypoint: p.entrypoint,
    cmd: p.cmd,
  });
}

/**
 * The .dockerignore that goes with renderDockerfile: keeps VCS data, secrets and local artefacts out of `COPY . .`.
 *
 * @public
 */
export function renderDockerignore(policy: Policy, params: ServiceImageParams): string {
  validatedParams(policy, params);
  return templates().render('dockerignore.njk', { standardVersion: policy.standardVersion });
}
