#!/usr/bin/env node
'use strict';
// The hardened-go CLI. The logic lives in dist/cli/main.js (build with `npm run build`).
const { run } = require('../dist/cli/main');

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
}).then(
  code => {
    // exitCode, not exit(): let a piped stdout drain before the process ends.
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`hardened-go: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
