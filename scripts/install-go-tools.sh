#!/usr/bin/env bash
# Installs the pinned Go tools the generated-service proofs run: golangci-lint v2 and
# actionlint (test/scaffolder), and go-containerregistry's crane, which assembles and
# exports the generated service's real OCI image (test/image, bench/image.js). Built from
# source through the Go module proxy with the machine's Go into .cache/go-tools/bin. Skips a
# tool whose pinned version is already there. The first golangci-lint build takes a few
# minutes, crane's about one; later runs are instant.
#   scripts/install-go-tools.sh          all of them
#   scripts/install-go-tools.sh crane    only the tools named
set -euo pipefail
cd "$(dirname "$0")/.."

GOLANGCI_LINT_VERSION=v2.15.0
ACTIONLINT_VERSION=v1.7.12
CRANE_VERSION=v0.22.1

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

# The tools named on the command line, or all of them.
TOOLS=("$@")
for tool in "${TOOLS[@]}"; do
  case "$tool" in golangci-lint | actionlint | crane) ;; *) echo "unknown tool $tool (golangci-lint, actionlint, crane)" >&2; exit 2 ;; esac
done
wanted() { [ ${#TOOLS[@]} -eq 0 ] || [[ " ${TOOLS[*]} " == *" $1 "* ]]; }

if wanted golangci-lint; then install_tool golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint "$GOLANGCI_LINT_VERSION"; fi
if wanted actionlint; then install_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT_VERSION"; fi
if wanted crane; then install_tool crane github.com/google/go-containerregistry/cmd/crane "$CRANE_VERSION"; fi
