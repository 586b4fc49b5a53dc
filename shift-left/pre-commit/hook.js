#!/usr/bin/env node
'use strict';
/**
 * The pre-commit hook (.pre-commit-hooks.yaml): `hardened-go check` on the staged
 * Dockerfiles pre-commit passes, with the hook's args before them (by default
 * `--fail-on error`: inform and warn rules report, enforced rules past their deadline fail).
 * The exit code is the CLI's: 0 passes, 1 findings, 2 a usage, configuration or portal error.
 */
const { runCli } = require('../cli');

runCli(['check', ...process.argv.slice(2)], { inheritStdout: true }).then(
  ({ code }) => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`hardened-go pre-commit hook: ${error.message}\n`);
    process.exitCode = 2;
  },
);
