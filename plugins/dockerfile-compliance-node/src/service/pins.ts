/**
 * Exact versions the generated CI configuration uses. GitHub Actions are pinned by full
 * commit SHA (a tag can be moved to malicious code; a SHA cannot), with the release tag in a
 * comment so Dependabot/Renovate can propose updates. Container images in GitLab CI are
 * pinned to exact tags, kept current by Renovate.
 *
 * Source of the SHAs: the release tags' commits as published on GitHub (not verifiable from
 * this build machine, which has no GitHub access); the generated dependabot.yml keeps them
 * current in every generated repository.
 */

export interface PinnedAction {
  /** `owner/repo` as written in `uses:`. */
  repo: string;
  /** Full 40-hex commit SHA of the release. */
  sha: string;
  /** The release tag the SHA belongs to (comment only). */
  version: string;
}

/** @public */
export const PINNED_ACTIONS = {
  checkout: { repo: 'actions/checkout', sha: 'de0fac2e4500dabe0009e67214ff5f5447ce83dd', version: 'v6.0.2' },
  setupGo: { repo: 'actions/setup-go', sha: '4b73464bb391d4059bd26b0524d20df3927bd417', version: 'v6.3.0' },
  golangciLint: { repo: 'golangci/golangci-lint-action', sha: '1e7e51e771db61008b38414a730f564565cf7c20', version: 'v9.2.0' },
  setupBuildx: { repo: 'docker/setup-buildx-action', sha: 'b5ca514318bd6ebac0fb2aedd5d36ec1b5c232a2', version: 'v3.10.0' },
  login: { repo: 'docker/login-action', sha: '74a5d142397b4f367a81961eba4e8cd7edddf772', version: 'v3.4.0' },
  buildPush: { repo: 'docker/build-push-action', sha: '263435318d21b8e681c14492fe198d362a7d2c83', version: 'v6.18.0' },
  trivy: { repo: 'aquasecurity/trivy-action', sha: 'ed142fd0673e97e23eac54620cfb913e5ce36c25', version: 'v0.36.0' },
  cosignInstaller: { repo: 'sigstore/cosign-installer', sha: '6f9f17788090df1f26f669e9d70d6ae9567deba6', version: 'v4.1.2' },
} as const satisfies Record<string, PinnedAction>;

/**
 * govulncheck release the generated CI runs (`go run golang.org/x/vuln/cmd/govulncheck@<version>`:
 * the Go module proxy and checksum database pin it, no action needed).
 *
 * @public
 */
export const GOVULNCHECK_VERSION = 'v1.9.0';

/**
 * The platforms every generated image is built for: the Dockerfile cross-compiles from the
 * build machine's platform, so arm64 needs no emulation.
 *
 * @public
 */
export const IMAGE_PLATFORMS = ['linux/amd64', 'linux/arm64'] as const;

/**
 * golangci-lint release the generated CI runs; the same release the tests lint generated
 * services with (scripts/install-go-tools.sh pins it too; a test keeps the two equal).
 *
 * @public
 */
export const GOLANGCI_LINT_VERSION = 'v2.15.0';

/**
 * Exact image tags for the GitLab CI jobs.
 *
 * @public
 */
export const GITLAB_CI_IMAGES = {
  /** Debian-based golang image: `go test -race` needs cgo and a C toolchain, which alpine lacks. */
  go: (goVersion: string) => `golang:${goVersion}`,
  golangciLint: `golangci/golangci-lint:${GOLANGCI_LINT_VERSION}`,
  docker: 'docker:28.5.1-cli',
  dockerDaemon: 'docker:28.5.1-dind',
  trivy: 'aquasec/trivy:0.66.0',
} as const;

/** `uses:` value of a pinned action: `owner/repo@<sha> # <tag>`. */
export function usesLine(action: PinnedAction): string {
  return `${action.repo}@${action.sha} # ${action.version}`;
}

/**
 * This repository's own GitHub Action (action.yml) at the release the generated CI runs: a
 * release tag, since a release cannot name its own commit SHA. Its docs show how to pin it by
 * SHA (docs/shift-left.md); the generated dependabot.yml proposes each new release. A test
 * keeps the tag equal to the CLI's version, which the action runs.
 *
 * @public
 */
export const HARDENED_GO_CHECK_ACTION = { repo: 'hardened-go/hardened-go', version: 'v0.2.0' } as const;

/**
 * The GitLab CI template of the same check (shift-left/gitlab in this repository) at that
 * release, included by URL with its content hash, so a changed file is refused, not run. A
 * test keeps the hash equal to the file's.
 *
 * @public
 */
export const GITLAB_CHECK_TEMPLATE = {
  url: `https://raw.githubusercontent.com/${HARDENED_GO_CHECK_ACTION.repo}/${HARDENED_GO_CHECK_ACTION.version}/shift-left/gitlab/hardened-go-check.gitlab-ci.yml`,
  integrity: 'sha256-KKxwR6vgviNWy7IfnjrQsnhaKUqpcpyhlH9Uqz5TVHY=',
} as const;
