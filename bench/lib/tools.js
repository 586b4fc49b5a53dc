'use strict';
/**
 * The tools compared on the same files. Each entry turns one Dockerfile text into "work
 * done" (a number, so the result is consumed and cannot be optimised away). A tool that
 * throws on a file is counted as a crash and the run goes on.
 */
const path = require('node:path');
const { installTsRequire } = require('./tsRequire');

const TOOLS = {
  /** Ours: parse + model + all rules (GDS000-GDS017) with the default policy, as the CLI and the catalog run it. */
  'hardened-go check': () => {
    installTsRequire();
    const std = require('@hardened-go/plugin-dockerfile-compliance-common');
    const policy = std.DEFAULT_POLICY;
    const now = new Date('2026-11-26T00:00:00Z');
    return text => std.checkDockerfile(text, policy, { now }).findings.length;
  },
  /** Ours, the parser alone (for the profile: what the model and rules add). */
  'hardened-go parse': () => {
    installTsRequire();
    const std = require('@hardened-go/plugin-dockerfile-compliance-common');
    return text => std.parseDockerfile(text).instructions.length;
  },
  /** rcjsuen/dockerfile-language-service's AST (VS Code's Dockerfile support): parse only. */
  'dockerfile-ast parse': () => {
    const { DockerfileParser } = require('dockerfile-ast');
    return text => DockerfileParser.parse(text).getInstructions().length;
  },
  /** The same project's validator (its diagnostics), default settings. */
  'dockerfile-utils validate': () => {
    const { validate } = require('dockerfile-utils');
    return text => validate(text).length;
  },
  /**
   * replicatedhq/dockerfilelint with its default rules. Like its CLI it looks for a
   * .dockerfilelintrc in the file's directory on every file (here an empty directory).
   */
  dockerfilelint: () => {
    const { run } = require('dockerfilelint');
    const dir = require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir(), 'dockerfilelint-'));
    return text => run(dir, text).length;
  },
};

module.exports = { TOOLS };
