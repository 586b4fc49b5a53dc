/**
 * A refusal is an answer, not an error: the fixer found something it cannot carry into the
 * standard's scratch image without guessing. Extraction throws a Refusal; harden() turns it
 * into `{ refused, refusalCode }` and leaves the file as it is.
 */
import type { RefusalCode } from './types';

export class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export function refuse(code: RefusalCode, message: string): never {
  throw new Refusal(code, message);
}

/**
 * One line of what the refusal codes mean, for the docs and the CLI's summary.
 *
 * @public
 */
export const REFUSAL_MEANINGS: Record<RefusalCode, string> = {
  unreadable: 'the file could not be read or parsed reliably (GDS000)',
  'not-go': 'the Dockerfile does not build a Go service',
  'no-go-build': 'the Go binary is built by a script, make or outside the Dockerfile, so its package and flags are unknown',
  'remote-source': 'the source is fetched (git clone, go install pkg@version, GOPATH import path) instead of coming from the build context',
  cgo: 'the build uses cgo, which a static binary in scratch cannot have',
  'multiple-binaries': 'more than one Go binary is built into the image',
  'needs-shell': 'the final image needs a shell or an OS tool (shell-form command, script, sh -c, RUN steps)',
  'runtime-packages': 'the final image installs OS packages the service needs at run time',
  'foreign-files': 'the final image gets files the canonical build cannot reproduce',
  'other-targets': 'the Dockerfile has other build targets the rewrite would drop',
  'unsupported-build': 'the build uses a step or flag the canonical build cannot express',
  'go-version': 'go.mod needs a Go version the policy does not support yet',
  'cannot-render': 'the renderer refused a carried-over value',
  'not-clean': 'the rewritten file would still not check clean under the policy',
  suppressed: 'the file suppresses an error/warning on purpose, and the rewrite would undo that decision',
  'too-complex': 'the file could not be checked within the limits (time, memory or work for its size)',
  'no-safe-edit': 'no finding has a safe in-place edit, and the whole-file rewrite was not possible or not allowed',
};
