#!/usr/bin/env bash
# Everything the test suite needs beyond node_modules, installed only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null || { echo "Go is required for the tests (the generated services and the BuildKit differential parser are Go)" >&2; exit 1; }
bash scripts/install-go-tools.sh   # golangci-lint + actionlint for the generated-service proof (test/scaffolder), crane for its real image (test/image)
# The CA bundle and time-zone data that stand in for Alpine's in the generated service's image (test/image).
[ -s /etc/ssl/certs/ca-certificates.crt ] && [ -f /usr/share/zoneinfo/Europe/Berlin ] || { sudo_if_needed=$([ "$(id -u)" = 0 ] || echo sudo); $sudo_if_needed apt-get update -qq && $sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ca-certificates tzdata >/dev/null; }
# PostgreSQL server binaries for the end-to-end suite on PostgreSQL (test/support/postgres.ts starts a throwaway cluster).
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { sudo_if_needed=$([ "$(id -u)" = 0 ] || echo sudo); $sudo_if_needed apt-get update -qq && $sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
# Chromium for the compliance view's real-browser test (test/ui), driven by playwright-core.
[ -x /usr/bin/chromium ] || { sudo_if_needed=$([ "$(id -u)" = 0 ] || echo sudo); $sudo_if_needed apt-get update -qq && $sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
# pre-commit 4.7.0 (PyPI) in a venv under .cache, for the pre-commit hook's test with the real tool (test/shift-left).
[ "$(.cache/pre-commit-venv/bin/pre-commit --version 2>/dev/null)" = "pre-commit 4.7.0" ] || { python3 -m venv --clear .cache/pre-commit-venv && .cache/pre-commit-venv/bin/pip install -q pre-commit==4.7.0; }
