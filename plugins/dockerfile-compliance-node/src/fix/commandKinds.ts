/**
 * What a shell command of a RUN line is, as far as rewriting goes. The canonical build has
 * its own package install, module download and `go build`; test/vet/generate runs are
 * carried; OS housekeeping is dropped; anything else is unknown and the fixer refuses
 * rather than drop a step the build may need.
 */
import type { SimpleCommand } from '@hardened-go/plugin-dockerfile-compliance-common';
import { basename } from './paths';
import { firstIndexOfAny, isGoBinary, isShell } from '@hardened-go/plugin-dockerfile-compliance-common';

export type CommandKind =
  /** `go build` / `go install` (the binary). */
  | 'go-build'
  /** `go mod download|verify|tidy`, `go get`, `go env`, `go version`, `go clean`, `go list`: replaced or irrelevant. */
  | 'go-modules'
  /** `go test|vet|generate|run`: carried as an extra build step. */
  | 'go-step'
  /** apk/apt/yum package manager calls. */
  | 'packages'
  /** User creation, CA update, mkdir/rm/chmod/chown, xx cross-compile helpers, echo: dropped. */
  | 'housekeeping'
  /** make, scripts, build tools: the binary's package and flags are not visible. */
  | 'opaque-build'
  /** git clone/checkout, curl, wget: source or files fetched from the network. */
  | 'fetch'
  | 'shell'
  | 'unknown';

const MODULE_SUBCOMMANDS = new Set(['mod', 'get', 'env', 'version', 'clean', 'list', 'help']);
const STEP_SUBCOMMANDS = new Set(['test', 'vet', 'generate', 'run', 'tool']);
const PACKAGE_MANAGERS = new Set(['apk', 'xx-apk', 'apt-get', 'apt', 'xx-apt-get', 'xx-apt', 'yum', 'dnf', 'microdnf', 'apt-key']);
const HOUSEKEEPING = new Set([
  'update-ca-certificates', 'adduser', 'addgroup', 'useradd', 'groupadd', 'deluser', 'delgroup', 'chpasswd',
  'mkdir', 'rm', 'chmod', 'chown', 'true', ':', 'echo', 'ls', 'set', 'xx-verify', 'xx-info', 'xx-clang', 'file', 'pwd', 'whoami', 'id', 'sync',
]);
const OPAQUE_BUILDERS = new Set(['make', 'gmake', 'mage', 'task', 'just', 'goreleaser', 'bazel', 'ko', 'gox']);
const FETCHERS = new Set(['git', 'curl', 'wget', 'svn', 'hg']);

/** `<<EOF`, `<<-EOF`, `3<<'EOF'`: a heredoc marker (the model also returns the heredoc's own commands). */
const HEREDOC_MARKER = /^\d*<<-?\S/;

export function classifyCommand(cmd: SimpleCommand): CommandKind {
  const [first = '', second = ''] = cmd.words;
  const name = basename(first);
  // `RUN <<EOF` and `RUN sh -e <<EOF`: the shell runs the heredoc script, whose commands the
  // model lists separately and which are classified one by one.
  if (HEREDOC_MARKER.test(first)) return 'housekeeping';
  if (isShell(first)) {
    const rest = cmd.words.slice(1);
    if (rest.length > 0 && rest.every((w) => HEREDOC_MARKER.test(w) || /^-[a-z]+$/.test(w)) && rest.some((w) => HEREDOC_MARKER.test(w))) return 'housekeeping';
  }
  if (isGoBinary(first)) {
    if (second === '--wrap') return 'housekeeping'; // xx-go --wrap installs the cross wrapper
    if (second === 'build' || second === 'install') return 'go-build';
    // go mod vendor/tidy/edit change the tree the build sees: they are carried like go generate.
    if (second === 'mod' && ['vendor', 'tidy', 'edit'].includes(cmd.words[2] ?? '')) return 'go-step';
    if (second === 'mod' && cmd.words[2] === 'init') return 'unknown';
    if (MODULE_SUBCOMMANDS.has(second)) return 'go-modules';
    if (STEP_SUBCOMMANDS.has(second)) return 'go-step';
    return 'unknown';
  }
  if (PACKAGE_MANAGERS.has(name)) return 'packages';
  // `echo x > file` writes a file the build may need: not housekeeping.
  if (HOUSEKEEPING.has(name)) return cmd.words.some((w) => /^\d*>|^>/.test(w) || /[^\s]>[^\s]/.test(w)) ? 'unknown' : 'housekeeping';
  if (OPAQUE_BUILDERS.has(name)) return 'opaque-build';
  if (name === 'git' && (second === 'config')) return 'unknown';
  if (FETCHERS.has(name)) return 'fetch';
  if (isShell(first)) return 'shell';
  if (first.endsWith('.sh') || first.startsWith('./')) return 'opaque-build';
  return 'unknown';
}

/** Packages an `apk add` / `apt-get install` installs (flags and `--virtual NAME` removed). */
export function installedPackages(cmd: SimpleCommand): string[] {
  const words = cmd.words.slice(1);
  const verbIndex = words.findIndex((w) => w === 'add' || w === 'install');
  if (verbIndex < 0) return [];
  const out: string[] = [];
  const rest = words.slice(verbIndex + 1);
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === '--virtual' || w === '-t' || w === '--repository' || w === '-X' || w === '--root' || w === '-p') {
      i++;
      continue;
    }
    if (w.startsWith('-')) continue;
    out.push(w.slice(0, firstIndexOfAny(w, '=<>~')));
  }
  return out;
}

/** What the canonical scratch image already provides; installing these at run time is not a dependency. */
export const PROVIDED_BY_STANDARD = new Set(['ca-certificates', 'tzdata', 'ca-certificates-bundle']);
