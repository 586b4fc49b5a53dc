/** Go environment variables: which settings the rewritten build keeps, and which belong to the running service instead. */
import type { Stage } from '@hardened-go/plugin-dockerfile-compliance-common';
import { argRefs, pairsOf, type Scope } from './extractScope';
import { dockerWord } from './quoting';
import type { ServiceSpec } from './serviceSpec';

/** Go environment variables that change how modules are fetched or built: carried into the build stage. */
const CARRIED_GO_ENV = new Set(['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GONOSUMCHECK', 'GOINSECURE', 'GOSUMDB', 'GOFLAGS', 'GOEXPERIMENT', 'GOAMD64', 'GOARM', 'GOARM64']);

/** Settings the Go runtime reads when the service runs: they belong to the final image, not the build. */
const GO_RUNTIME_ENV = new Set(['GOGC', 'GOMEMLIMIT', 'GOMAXPROCS', 'GODEBUG', 'GOTRACEBACK']);

/** A setting of the Go toolchain (GOPROXY, CGO_ENABLED, ...), not of the running service. */
export function isGoToolchainVar(name: string): boolean {
  return /^(GO[A-Z0-9_]*|CGO_[A-Z_]+)$/.test(name) && !GO_RUNTIME_ENV.has(name);
}

/** Of GOFLAGS, only the flags the canonical build can honour. */
function goflagsKept(value: string): string {
  const kept = value.split(/\s+/).filter((f) => /^-mod=|^-buildvcs=/.test(f));
  return kept.length === 0 ? '' : dockerWord(kept.join(' '));
}

/** Build-stage ENV (Go settings) of the build chain, whether or not it is part of the final image; the last one of a name wins. */
export function carryBuildEnv(scope: Scope, spec: ServiceSpec, buildChain: Set<Stage>): void {
  const { model } = scope;
  for (const stage of buildChain) {
    for (const si of stage.instructions) {
      if (si.instruction.keyword !== 'ENV') continue;
      for (const [key, value] of pairsOf(si.instruction)) {
        if (!isGoToolchainVar(key)) continue;
        if (CARRIED_GO_ENV.has(key)) {
          const kept = key === 'GOFLAGS' ? goflagsKept(model.expandAt(si, value)) : dockerWord(value, true);
          if (kept !== '' && kept !== '""') {
            spec.buildEnv = spec.buildEnv.filter((p) => p.key !== key);
            spec.buildEnv.push({ key, value: kept });
            for (const a of argRefs(si, value)) if (!spec.buildArgs.some((x) => x.name === a.name)) spec.buildArgs.push(a);
          }
        }
      }
    }
  }
}
