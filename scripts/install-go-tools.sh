#!/usr/bin/env bash
# Installs the pinned Go linters the generated-service proof runs (test/scaffolder):
# golangci-lint v2 and actionlint, built from source through the Go module proxy with the
# machine's Go into .cache/go-tools/bin. Skips a tool whose pinned version is already there.
# The first golangci-lint build takes a few minutes; later runs are instant.
set -euo pipefail
cd "$(dirname "$0")/.."

GOLANGCI_LINT_VERSION=v2.15.0
ACTIONLINT_VERSION=v1.7.12

bin_dir="$PWD/.cache/go-tools/bin"
mkdir -p "$bin_dir"

# install <binary> <module path>@<version> <version>; a stamp file records what is installed.
install_tool() {
  local name="$1" pkg="$2" version="$3"
  local stamp="$bin_dir/.$name.version"
  if [ -x "$bin_dir/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
    return 0
  fi
  echo "[hardened-go] installing $name $version (go install, may take minutes the first time)" >&2
  GOBIN="$bin_dir" GOFLAGS=-buildvcs=false go install "$pkg@$version"
  echo "$version" >"$stamp"
}

install_tool golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint "$GOLANGCI_LINT_VERSION"
install_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION"
