'use strict';
/**
 * Lets the benchmarks reuse the test suites' TypeScript helpers (test/support/*.ts,
 * test/scaffolder/support/*.ts) without a second copy: `.ts` files are transpiled on
 * require with SWC, the same transpiler (and target) Jest uses. Workspace packages still
 * load from their compiled dist/ (`npm run bench` runs `tsc -b` first).
 */
const fs = require('node:fs');
const Module = require('node:module');
const swc = require('@swc/core');

let installed = false;

function installTsRequire() {
  if (installed) return;
  installed = true;
  Module._extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      sourceMaps: 'inline',
      jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}

module.exports = { installTsRequire };
