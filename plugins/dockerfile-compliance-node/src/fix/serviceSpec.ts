/** What the fixer carries from a Dockerfile into the canonical rewrite: the ServiceSpec and its parts. */
import type { LdflagsX } from './goCommandLine';

/** A key and a value written as one Dockerfile word (quoted as needed, `$VAR` kept). */
export interface KeptPair {
  key: string;
  value: string;
}

export interface KeptArg {
  name: string;
  /** Default as a Dockerfile word, or undefined for `ARG NAME`. */
  default?: string;
}

export interface FinalCopy {
  /** true: from the build stage's module tree (`/src/...`); false: from the build context. */
  fromBuild: boolean;
  sources: string[];
  dest: string;
  chown?: string;
  chmod?: string;
}

/**
 * What is specific to a service: the one Go binary (package, name, tags, -X variables), how it
 * starts, and what the final image carries besides it.
 */
export interface ServiceSpec {
  binaryName: string;
  mainPackage: string;
  buildTags: string[];
  ldflagsX: LdflagsX[];
  buildArgs: KeptArg[];
  buildEnv: KeptPair[];
  buildSteps: string[];
  expose: string[];
  finalArgs: KeptArg[];
  labels: KeptPair[];
  env: KeptPair[];
  finalCopies: FinalCopy[];
  workdir?: string;
  entrypointArgs: string[];
  cmd?: string[];
  volumes: string[];
  healthcheck?: { flags: string[]; cmd: string[] };
  /** STOPSIGNAL of the final image (the signal the service shuts down gracefully on), upper case. */
  stopSignal?: string;
  /** The build image's `repository:tag` and digest when the input pinned it by digest. */
  buildImagePin?: { image: string; digest: string };
  notes: string[];
}
