#!/usr/bin/env bash
# The two commands that do everything on a fresh machine:
#   ./dev.sh start   install, build, and run the portal backend (http://localhost:7007)
#   ./dev.sh test    install, build, and run every test
set -euo pipefail
cd "$(dirname "$0")"
source scripts/node22.sh

install_deps() {
  # npm ci only when node_modules is missing or older than the lockfile.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

case "${1:-}" in
  start)
    install_deps
    # the backend runs its TypeScript through Backstage's node transform: only the view is built
    npm run build:dev-app -w @hardened-go/plugin-dockerfile-compliance
    exec npm start
    ;;
  test)
    install_deps
    bash scripts/test-prerequisites.sh
    mkdir -p test/.artifacts
    rc=0
    npm test -- --json --outputFile=test/.artifacts/jest-results.json || rc=$?
    node -e '
      const r = JSON.parse(require("fs").readFileSync("test/.artifacts/jest-results.json", "utf8"));
      const line = `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : "");
      console.log(line);
    ' || true
    exit "$rc"
    ;;
  *)
    echo "usage: ./dev.sh start | ./dev.sh test" >&2
    exit 2
    ;;
esac
