'use strict';
/**
 * How the shift-left integrations (the GitHub Action, the pre-commit hook, the GitLab
 * template) run the hardened-go CLI: the release of @hardened-go/cli that belongs to this
 * checkout (the version in packages/cli/package.json, so pinning the action or the hook to a
 * tag pins the CLI too), through npx. HARDENED_GO_CLI names an installed `hardened-go`
 * instead (air-gapped runners, a mirror, or this repository's own tests).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const CLI_PACKAGE = '@hardened-go/cli';

/** The CLI version this checkout belongs to. */
function cliVersion() {
  const manifest = path.join(__dirname, '..', 'packages', 'cli', 'package.json');
  return JSON.parse(fs.readFileSync(manifest, 'utf8')).version;
}

/** The command and its leading arguments: [file, ...args]. */
function cliCommand(env = process.env) {
  if (env.HARDENED_GO_CLI) return [env.HARDENED_GO_CLI];
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  return [npx, '--yes', `${CLI_PACKAGE}@${cliVersion()}`];
}

/**
 * Runs `hardened-go <args>` in `cwd`. stdout is captured (or passed through with
 * `inheritStdout`), stderr is passed through and captured. Resolves with the exit code.
 */
function runCli(args, options = {}) {
  const [file, ...lead] = cliCommand(options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...lead, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? process.env,
      stdio: ['ignore', options.inheritStdout ? 'inherit' : 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    const out = [];
    const err = [];
    child.stdout?.on('data', chunk => out.push(chunk));
    child.stderr.on('data', chunk => {
      err.push(chunk);
      process.stderr.write(chunk);
    });
    child.on('error', error => reject(new Error(`cannot run ${file}: ${error.message}`)));
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? 2 : 0),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

module.exports = { CLI_PACKAGE, cliVersion, cliCommand, runCli };
