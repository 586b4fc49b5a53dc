'use strict';
/**
 * Lets the benchmarks load this repository's TypeScript: the workspace packages (whose
 * `main` is their src/index.ts during development, as in every Backstage repository) and
 * the test suites' helpers (test/support/*.ts, test/scaffolder/support/*.ts), through
 * Backstage's own node transform, the one `npm start` and bin/hardened-go use.
 */
let installed = false;

function installTsRequire() {
  if (installed) return;
  installed = true;
  require('@backstage/cli/config/nodeTransform.cjs');
}

module.exports = { installTsRequire };
