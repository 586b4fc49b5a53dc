#!/usr/bin/env node
/**
 * Rewrites the generated parts of the rule docs from the rule metadata
 * (plugins/dockerfile-compliance-common/src/rules/GDS*.ts): each docs/rules/<ID>.md page's
 * title, severity, Why and related checks, the table of docs/rules/README.md and the rule
 * table of this README. The hand-written sections stay as they are. The Jest suite
 * (src/rules/ruleDocPages.test.ts) fails when a file is out of date.
 *
 * Usage: npm run rule-docs             rewrite what is out of date
 *        npm run rule-docs -- --check  only list it (exit code 1 when something is)
 */
const fs = require('node:fs');
const path = require('node:path');

// the TypeScript sources, through Backstage's node transform (as npm start and bench/ do)
require('@backstage/cli/config/nodeTransform.cjs');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE_DIR = 'plugins/dockerfile-compliance-common';
const { ruleDocsFiles } = require(path.join(ROOT, PACKAGE_DIR, 'src/rules/ruleDocPages.ts'));

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const file of ruleDocsFiles(PACKAGE_DIR)) {
    const full = path.join(ROOT, file.path);
    const exists = fs.existsSync(full);
    const current = exists ? fs.readFileSync(full, 'utf8') : '';
    const next = file.render(current);
    if (next === current) continue;
    stale.push(file.path);
    if (check) continue;
    fs.writeFileSync(full, next);
    console.log(exists ? `updated ${file.path}` : `created ${file.path}: write its What it checks, Bad and Good sections`);
  }
  if (check && stale.length > 0) {
    console.error(`out of date (run npm run rule-docs):\n  ${stale.join('\n  ')}`);
    process.exitCode = 1;
  } else if (stale.length === 0) {
    console.log('rule docs are up to date');
  }
}

main();
