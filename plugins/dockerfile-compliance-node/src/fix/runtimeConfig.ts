/** Runtime configuration of the final image the rewrite carries: EXPOSE, LABEL, ENV, VOLUME, HEALTHCHECK, STOPSIGNAL. */
import type { Stage, StageInstruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { argRefs, at, pairsOf, type Scope } from './extractScope';
import { isGoToolchainVar } from './goEnvironment';
import { dockerWord } from './quoting';
import { refuse } from './refusals';
import { isSecretName } from './secrets';
import type { KeptArg, ServiceSpec } from './serviceSpec';

/** The final image's configuration, instruction by instruction along its FROM chain (later ones win). */
export function carryImageConfig(scope: Scope, spec: ServiceSpec, buildChain: Set<Stage>, singleImage: boolean): void {
  const { model } = scope;
  const addArgs = (args: KeptArg[]) => {
    for (const a of args) if (!spec.finalArgs.some((x) => x.name === a.name)) spec.finalArgs.push(a);
  };
  for (const si of model.chainInstructions(model.finalStage)) {
    const ins = si.instruction;
    switch (ins.keyword) {
      case 'EXPOSE':
        for (const word of ins.args) {
          const port = model.expandAt(si, word);
          for (const p of port.split(/\s+/).filter(Boolean)) {
            if (!/^\d{1,5}(-\d{1,5})?(\/(tcp|udp|sctp))?$/i.test(p)) refuse('cannot-render', `EXPOSE ${word} at ${at(si)} is not a port the renderer can write`);
            if (!spec.expose.includes(p)) spec.expose.push(p);
          }
        }
        break;
      case 'LABEL':
        for (const [key, value] of pairsOf(ins)) {
          spec.labels = spec.labels.filter((l) => l.key !== key);
          spec.labels.push({ key: dockerWord(key), value: dockerWord(value, true) });
          addArgs(argRefs(si, value));
        }
        break;
      case 'MAINTAINER':
        spec.labels.push({ key: 'maintainer', value: dockerWord(ins.rawArgs, false) });
        scope.notes.push(`MAINTAINER at ${at(si)} became LABEL maintainer (MAINTAINER is deprecated)`);
        break;
      case 'ENV':
        carryEnv(scope, spec, si, buildChain.has(si.stage), singleImage, addArgs);
        break;
      case 'VOLUME':
        for (const word of ins.args) for (const v of model.expandAt(si, word).split(/\s+/).filter(Boolean)) if (!spec.volumes.includes(v)) spec.volumes.push(v);
        break;
      case 'HEALTHCHECK':
        healthcheck(spec, si);
        break;
      case 'STOPSIGNAL': {
        // Image configuration, not a command: it works in scratch and the service's graceful
        // shutdown may depend on it. Docker reads the name case-insensitively, SIG prefix optional.
        const signal = model.expandAt(si, ins.args[0] ?? '').trim().toUpperCase();
        spec.stopSignal = /^\d+$/.test(signal) || signal.startsWith('SIG') ? signal : `SIG${signal}`;
        break;
      }
      default:
        break;
    }
  }
}

/**
 * ENV of the final image: the service's own settings are kept; Go toolchain settings, secrets
 * and paths of the old base image are not. A multi-stage build's ENV stays in the build.
 */
function carryEnv(scope: Scope, spec: ServiceSpec, si: StageInstruction, inBuild: boolean, singleImage: boolean, addArgs: (args: KeptArg[]) => void): void {
  for (const [key, value] of pairsOf(si.instruction)) {
    if (isGoToolchainVar(key)) continue;
    if (inBuild && !singleImage) continue;
    if (isSecretName(key)) {
      scope.notes.push(`dropped ENV ${key} (${at(si)}): a secret does not belong in the image; pass it at run time`);
      continue;
    }
    if (key === 'ZONEINFO') {
      scope.notes.push(`dropped ENV ZONEINFO (${at(si)}): the image has /usr/share/zoneinfo, where Go looks by default`);
      continue;
    }
    if (key === 'PATH' || (key === 'HOME' && singleImage)) {
      scope.notes.push(`dropped ENV ${key} (${at(si)}): it names directories of the old base image`);
      continue;
    }
    spec.env = spec.env.filter((e) => e.key !== key);
    spec.env.push({ key, value: dockerWord(value, true) });
    addArgs(argRefs(si, value));
  }
}

function healthcheck(spec: ServiceSpec, si: StageInstruction): void {
  const ins = si.instruction;
  if (ins.args[0]?.toUpperCase() === 'NONE') {
    spec.healthcheck = undefined;
    return;
  }
  // args: [flags..., 'CMD', ...] — the parser keeps HEALTHCHECK flags as instruction flags.
  const cmdIndex = ins.args.findIndex((a) => a.toUpperCase() === 'CMD');
  const cmdWords = cmdIndex >= 0 ? ins.args.slice(cmdIndex + 1) : ins.args;
  if (!ins.json) refuse('needs-shell', `HEALTHCHECK at ${at(si)} is in shell form; a scratch image has no shell to run it`);
  spec.healthcheck = { flags: ins.flags.map((f) => `--${f.name}=${f.value ?? ''}`), cmd: cmdWords };
}
