#!/usr/bin/env node
/**
 * Packs every publishable workspace package the way `npm publish` would (`npm pack`, which
 * runs each package's `backstage-cli package prepack`/`postpack`), into one folder, and
 * writes `packages.json` there: package name → tarball file name.
 *
 * Usage: node scripts/pack-packages.js [DIR]   (default test/.artifacts/packages)
 *
 * The packages must be built first (`npm run build`): prepack points main/exports at dist/.
 * `npm test` runs this before Jest so that the adopter tests (test/adopter) install exactly
 * what would be published, and no test reads a package.json while prepack rewrites it.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

function workspacePackages() {
  const dirs = [];
  for (const parent of ['plugins', 'packages']) {
    for (const name of fs.readdirSync(path.join(ROOT, parent)).sort()) {
      const file = path.join(ROOT, parent, name, 'package.json');
      if (fs.existsSync(file)) dirs.push({ dir: path.join(parent, name), pkg: JSON.parse(fs.readFileSync(file, 'utf8')) });
    }
  }
  return dirs.filter(p => !p.pkg.private);
}

function main() {
  const out = path.resolve(ROOT, process.argv[2] ?? path.join('test', '.artifacts', 'packages'));
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const packed = {};
  for (const { dir, pkg } of workspacePackages()) {
    if (!fs.existsSync(path.join(ROOT, dir, 'dist'))) {
      throw new Error(`${pkg.name} is not built (no ${dir}/dist); run npm run build first`);
    }
    const json = execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
      cwd: path.join(ROOT, dir),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // npm prints the prepack script's output before the JSON array.
    const result = JSON.parse(json.slice(json.indexOf('\n[') + 1 || json.indexOf('[')));
    packed[pkg.name] = result[0].filename;
    process.stdout.write(`packed ${pkg.name}@${pkg.version} (${result[0].entryCount} files)\n`);
  }
  fs.writeFileSync(path.join(out, 'packages.json'), `${JSON.stringify(packed, null, 2)}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`pack-packages: ${error.message}\n`);
  process.exit(1);
}
