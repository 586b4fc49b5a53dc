/**
 * Replays a Dockerfile's Go build stage with the host's Go instead of a container engine
 * (there is none on this machine): its WORKDIR, ENV and COPY instructions against the build
 * context (honouring .dockerignore), and its RUN lines verbatim through `sh -c`, with the
 * image's absolute paths mapped into a temporary root. `apk` lines install system packages
 * into the image and cannot run on the host: they are reported as skipped, and the files the
 * final stage copies from them are measured on the host instead (an estimate).
 *
 * With `platform` (the platform the image is built for, as `docker buildx build --platform`),
 * the replay also follows BuildKit's platform semantics: the build stage runs on its FROM's
 * `--platform` (e.g. `$BUILDPLATFORM`: this machine) or else on the target platform, and the
 * Go of that stage builds for it by default (GOOS/GOARCH are set to it); BuildKit's automatic
 * platform ARGs (TARGETOS, TARGETARCH, BUILDPLATFORM, ...) get their values where the stage
 * declares them with `ARG`, and an `ARG name=default` applies when `env` does not set it.
 * A Dockerfile that cross-compiles (`GOOS=$TARGETOS GOARCH=$TARGETARCH`) and one built under
 * emulation (plain `go build` on the target platform) both come out for the target; one that
 * pins the stage to the build platform and forgets GOOS/GOARCH comes out for this machine.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expand, parseDockerfile, type Instruction } from '@hardened-go/plugin-dockerfile-compliance-common';
import { dockerignoreMatcher } from './dockerignore';

export interface ReplayResult {
  /** Every RUN command executed, exactly as written in the Dockerfile. */
  ran: string[];
  /** RUN commands that only install system packages into the image (not replayable here). */
  skipped: string[];
  /** The RUN line that contains `go build`. */
  goBuildLine: string;
  /** Files the final stage copies from the build stage: source in the image, where it is on this machine, its size. */
  finalStageCopies: Array<{ source: string; hostPath: string; bytes: number; fromHost: boolean }>;
  /** With `platform`: the platform the build stage ran as (`os/arch`), from its FROM --platform or the target. */
  stagePlatform?: string;
}

/** A platform as BuildKit names it: `linux/arm64` is { os: 'linux', arch: 'arm64' }. */
export interface ReplayPlatform {
  os: string;
  arch: string;
  variant?: string;
}

export const platformName = (p: ReplayPlatform) => `${p.os}/${p.arch}${p.variant ? `/${p.variant}` : ''}`;

/** This machine's platform in Go's and BuildKit's names. */
export function hostPlatform(): ReplayPlatform {
  const arch = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' } as Record<string, string>)[process.arch];
  if (!arch) throw new Error(`no Go name for the architecture ${process.arch}`);
  return { os: process.platform, arch };
}

/** BuildKit's automatic platform ARGs for a build of `target` on `build`. */
function platformArgs(target: ReplayPlatform, build: ReplayPlatform): Map<string, string> {
  const args = new Map<string, string>();
  for (const [prefix, p] of [['TARGET', target], ['BUILD', build]] as const) {
    args.set(`${prefix}PLATFORM`, platformName(p));
    args.set(`${prefix}OS`, p.os);
    args.set(`${prefix}ARCH`, p.arch);
    args.set(`${prefix}VARIANT`, p.variant ?? '');
  }
  return args;
}

function parsePlatform(text: string): ReplayPlatform {
  const [os, arch, variant] = text.split('/');
  if (!os || !arch) throw new Error(`not a platform: ${JSON.stringify(text)}`);
  return { os, arch, variant };
}

interface Stage {
  name?: string;
  base: string;
  from: Instruction;
  instructions: Instruction[];
}

function stagesOf(text: string): Stage[] {
  const parsed = parseDockerfile(text);
  if (parsed.errors.length > 0) throw new Error(`Dockerfile does not parse: ${JSON.stringify(parsed.errors)}`);
  const stages: Stage[] = [];
  for (const instruction of parsed.instructions) {
    if (instruction.keyword === 'FROM') {
      const [base, as, name] = instruction.args;
      stages.push({ base: base!, name: as?.toUpperCase() === 'AS' ? name : undefined, from: instruction, instructions: [] });
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return stages;
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('error', reject);
    child.on('close', code => (code === 0 ? resolve() : reject(new Error(`RUN ${command} exited ${code}:\n${output}`))));
  });
}

function walk(dir: string, base = ''): string[] {
  return fs.readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap(entry => {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    return entry.isDirectory() ? [rel, ...walk(dir, rel)] : [rel];
  });
}

function sizeOf(p: string): number {
  const stat = fs.lstatSync(p);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(p).reduce((sum, child) => sum + sizeOf(path.join(p, child)), 0);
}

/** Replays the stage that runs `go build`; `root` becomes the image's `/`. */
export async function replayBuildStage(options: {
  dockerfile: string;
  context: string;
  root: string;
  env: NodeJS.ProcessEnv;
  /** The platform the image is built for; `build` (the machine the builder runs on) defaults to this one. */
  platform?: { target: ReplayPlatform; build?: ReplayPlatform };
}): Promise<ReplayResult> {
  const { context, root } = options;
  const stages = stagesOf(options.dockerfile);
  const buildStage = stages.find(s => s.instructions.some(i => i.keyword === 'RUN' && /\bgo build\b/.test(i.args.join(' '))));
  if (!buildStage) throw new Error('no stage runs go build');
  const ignored = dockerignoreMatcher(fs.existsSync(path.join(context, '.dockerignore')) ? fs.readFileSync(path.join(context, '.dockerignore'), 'utf8') : '');
  const contextFiles = walk(context).filter(rel => !ignored(rel));
  const inRoot = (imagePath: string) => path.join(root, imagePath);
  const env: NodeJS.ProcessEnv = { ...options.env };
  let workdir = '/';
  const result: ReplayResult = { ran: [], skipped: [], goBuildLine: '', finalStageCopies: [] };
  const automaticArgs = options.platform ? platformArgs(options.platform.target, options.platform.build ?? hostPlatform()) : new Map<string, string>();
  if (options.platform) {
    // Visible only once the stage declares them; the stage's Go builds for the platform the stage runs on.
    for (const name of automaticArgs.keys()) delete env[name];
    const flag = buildStage.from.flags.find(f => f.name === 'platform')?.value;
    const stagePlatform = flag ? parsePlatform(expand(flag, n => automaticArgs.get(n)).result) : options.platform.target;
    env.GOOS = stagePlatform.os;
    env.GOARCH = stagePlatform.arch;
    result.stagePlatform = platformName(stagePlatform);
  }

  for (const instruction of buildStage.instructions) {
    switch (instruction.keyword) {
      case 'WORKDIR':
        workdir = path.posix.resolve(workdir, instruction.args[0]!);
        fs.mkdirSync(inRoot(workdir), { recursive: true });
        break;
      case 'ARG':
        if (!options.platform) break; // without a platform the caller's env stands for every build arg
        for (const word of instruction.args) {
          const eq = word.indexOf('=');
          const name = eq < 0 ? word : word.slice(0, eq);
          if (automaticArgs.has(name)) env[name] = automaticArgs.get(name);
          else if (eq >= 0 && env[name] === undefined) env[name] = word.slice(eq + 1);
        }
        break;
      case 'ENV':
        for (let i = 0; i + 1 < instruction.args.length; i += 2) env[instruction.args[i]!] = instruction.args[i + 1];
        break;
      case 'COPY': {
        if (instruction.flags.some(f => f.name === 'from')) throw new Error('COPY --from in the build stage is not replayable');
        const sources = instruction.args.slice(0, -1);
        const dest = path.posix.resolve(workdir, instruction.args[instruction.args.length - 1]!);
        for (const source of sources) {
          const pattern = new RegExp(`^${source.replace(/^\.\/?/, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
          const whole = source === '.' || source === './';
          const matches = contextFiles.filter(rel => (whole ? true : pattern.test(rel)));
          for (const rel of matches) {
            const from = path.join(context, rel);
            const to = inRoot(path.posix.join(dest, rel));
            if (fs.statSync(from).isDirectory()) fs.mkdirSync(to, { recursive: true });
            else {
              fs.mkdirSync(path.dirname(to), { recursive: true });
              fs.copyFileSync(from, to);
            }
          }
        }
        break;
      }
      case 'RUN': {
        const command = instruction.args.join(' ');
        if (/^apk\s/.test(command)) {
          result.skipped.push(command);
          break;
        }
        // Absolute image paths (-o /out/x) are mapped into root; nothing else is changed.
        const onHost = command.replace(/(^|[\s=])\/(?=[A-Za-z0-9_])/g, `$1${root}/`);
        await run(onHost, inRoot(workdir), env);
        result.ran.push(command);
        if (/\bgo build\b/.test(command)) result.goBuildLine = command;
        break;
      }
      default:
        break;
    }
  }

  const finalStage = stages[stages.length - 1]!;
  const fromBuild = (i: Instruction) => i.flags.some(f => f.name === 'from' && (f.value === buildStage.name || f.value === String(stages.indexOf(buildStage))));
  for (const copy of finalStage.instructions.filter(i => i.keyword === 'COPY' && fromBuild(i))) {
    for (const source of copy.args.slice(0, -1)) {
      const replayed = inRoot(source);
      const fromHost = !fs.existsSync(replayed);
      const hostPath = fromHost ? source : replayed;
      result.finalStageCopies.push({ source, hostPath, fromHost, bytes: fs.existsSync(hostPath) ? sizeOf(hostPath) : 0 });
    }
  }
  return result;
}
