'use strict';
/**
 * `node bench/hostile.js [sizes...]`: the worst case per hostile-input family (test/hostile/
 * families.ts), each file at the policy's maxFileBytes (1 MiB, or the sizes given), through
 * the real CLI in a child process (test/hostile/runCli.js: `check` then `fix`, each under the
 * default limits of 2 s and 256 MB per file). Prints one JSON line: per family the CPU
 * seconds and peak MB per MiB of input, the verdict and whether a limit was hit.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { installTsRequire } = require('./lib/tsRequire');

installTsRequire();
const { HOSTILE_FAMILIES } = require('../test/hostile/families.ts');

const MIB = 1024 * 1024;
const sizes = process.argv.slice(2).map(Number).filter(n => n > 0);
if (sizes.length === 0) sizes.push(MIB);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardened-go-bench-hostile-'));
const runCli = file => JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '..', 'test', 'hostile', 'runCli.js'), file], { cwd: dir, encoding: 'utf8', maxBuffer: 16 << 20 }));
const families = [];
let baseline;
try {
  // what a process costs for a tiny file (start-up, worker start, one check and one fix): subtracted per family
  fs.writeFileSync(path.join(dir, 'tiny.Dockerfile'), 'FROM alpine:3.20\nCMD x\n');
  const tiny = runCli(path.join(dir, 'tiny.Dockerfile'));
  baseline = { checkCpuSeconds: tiny.check.cpuMs / 1000, fixCpuSeconds: tiny.fix.cpuMs / 1000, rssGrowthMB: tiny.maxRssMb - tiny.baseRssMb };
  for (const family of HOSTILE_FAMILIES) {
    for (const size of sizes) {
      const text = family.build(size);
      const bytes = Buffer.byteLength(text);
      const file = path.join(dir, `${family.name}.Dockerfile`);
      fs.writeFileSync(file, text);
      const r = runCli(file);
      const mib = bytes / MIB;
      families.push({
        family: family.name,
        attack: family.attack,
        bytes,
        check: { cpuSeconds: r.check.cpuMs / 1000, wallSeconds: r.check.wallMs / 1000, status: r.check.status, tooComplex: r.check.reasonCode === 'too-complex' },
        fix: { cpuSeconds: r.fix.cpuMs / 1000, wallSeconds: r.fix.wallMs / 1000, outcome: r.fix.outcome },
        peakRssMB: r.maxRssMb,
        baseRssMB: r.baseRssMb,
        worstCpuSecondsPerMiB: Math.max(0, r.check.cpuMs / 1000 - baseline.checkCpuSeconds, r.fix.cpuMs / 1000 - baseline.fixCpuSeconds) / mib,
        peakMBPerMiB: Math.max(0, r.maxRssMb - r.baseRssMb - baseline.rssGrowthMB) / mib,
      });
      process.stderr.write(`[bench hostile] ${family.name} ${bytes} bytes: check ${r.check.status} ${(r.check.cpuMs / 1000).toFixed(2)} s, fix ${r.fix.outcome} ${(r.fix.cpuMs / 1000).toFixed(2)} s, peak ${r.maxRssMb.toFixed(0)} MB\n`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const worst = (key) => families.reduce((a, b) => (b[key] > a[key] ? b : a));
console.log(
  JSON.stringify({
    method:
      'Each family file (at most the given bytes) in a fresh process: hardened-go check --format json, then hardened-go fix, in-process through the CLI (workers included in the CPU figure); ' +
      'per MiB: above what the same process costs for a 2-line file (baseline), divided by the file size in MiB; peak MB = high-water RSS above the RSS before the first command. ' +
      'A file over the limits (2 s, 256 MB, or the work budget) is error / too-complex, which caps its cost.',
    baseline,
    families,
    worstCpu: { family: worst('worstCpuSecondsPerMiB').family, cpuSecondsPerMiB: worst('worstCpuSecondsPerMiB').worstCpuSecondsPerMiB },
    worstMemory: { family: worst('peakMBPerMiB').family, mbPerMiB: worst('peakMBPerMiB').peakMBPerMiB },
  }),
);
