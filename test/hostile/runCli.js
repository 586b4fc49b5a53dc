'use strict';
/**
 * Child-process runner of the hostile-input suite: `node runCli.js FILE` runs the real CLI
 * (packages/cli, as bin/hardened-go does) twice in this process, `check --format json FILE`
 * and then `fix FILE` (the in-place edits, and the whole-file rewrite when they leave something), and prints one JSON line: per command the exit code, the status or
 * outcome, the CPU milliseconds of the whole process (workers included) and the wall time,
 * and the process' peak resident memory.
 */
const path = require('node:path');

// the CLI's TypeScript sources, through Backstage's node transform, as bin/hardened-go runs them here
require('@backstage/cli/config/nodeTransform.cjs');
const { run } = require(path.resolve(__dirname, '../../packages/cli/src/main'));

async function command(argv) {
  let stdout = '';
  let stderr = '';
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const code = await run(argv, {
    stdout: { write: s => (stdout += s) },
    stderr: { write: s => (stderr += s) },
    cwd: process.cwd(),
    isTTY: false,
    env: {},
  });
  const used = process.cpuUsage(cpu);
  return { code, stdout, stderr, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
}

async function main() {
  const file = process.argv[2];
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  const check = await command(['check', '--format', 'json', file]);
  let status = 'unparsable-output';
  let reasonCode;
  try {
    const report = JSON.parse(check.stdout).files[0];
    status = report.status;
    reasonCode = report.findings.some(f => /could not be checked within the limits/.test(f.message)) ? 'too-complex' : undefined;
  } catch {
    // reported as is
  }
  const fix = await command(['fix', file]);
  const outcome = /: already compliant$/m.test(fix.stderr) ? 'compliant' : /: fixed in part /m.test(fix.stderr) ? 'fixed in part' : /: fixed /m.test(fix.stderr) ? 'fixed' : (fix.stderr.match(/refused \(([a-z-]+)\)/) || [null, 'unknown'])[1];
  const out = {
    check: { code: check.code, status, reasonCode, cpuMs: check.cpuMs, wallMs: check.wallMs, stderr: check.stderr.slice(0, 500) },
    fix: { code: fix.code, outcome, cpuMs: fix.cpuMs, wallMs: fix.wallMs, stderr: fix.code === 2 ? fix.stderr.slice(0, 500) : '' },
    baseRssMb: rssBefore,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch(e => {
  process.stderr.write(`runCli: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 3;
});
