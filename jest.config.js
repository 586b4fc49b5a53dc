// One Jest run for the whole monorepo. TypeScript is transpiled by SWC (type checking is
// `tsc`, which `npm test` runs first). Workspace packages point `main`/`exports` at their
// sources during development (Backstage's convention; `prepack` switches them to dist/),
// so tests never depend on a stale build.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * Packages under node_modules (nested ones too) that are ES modules only ("type": "module"),
 * as regex-escaped paths relative to node_modules, e.g. `a/node_modules/b`.
 */
function esModulePackages() {
  const root = path.join(__dirname, 'node_modules');
  const found = [];
  const read = dir => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return [];
    }
  };
  const scan = (dir, prefix, depth) => {
    for (const entry of read(dir)) {
      if (entry.startsWith('.')) continue;
      const names = entry.startsWith('@') ? read(path.join(dir, entry)).map(n => `${entry}/${n}`) : [entry];
      for (const name of names) {
        const rel = `${prefix}${name}`;
        try {
          const pkg = JSON.parse(fs.readFileSync(path.join(dir, name, 'package.json'), 'utf8'));
          if (pkg.type === 'module') found.push(rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        } catch {
          // not a package
        }
        if (depth < 3) scan(path.join(dir, name, 'node_modules'), `${rel}/node_modules/`, depth + 1);
      }
    }
  };
  scan(root, '', 0);
  return found.length > 0 ? found : ['$^'];
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/plugins', '<rootDir>/packages', '<rootDir>/test'],
  // .test.tsx: the frontend plugin's component tests (jsdom, per-file `@jest-environment jsdom`).
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.tsx$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }],
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }],
    // Backstage's frontend packages ship ES modules only (*.esm.js); Jest runs CommonJS.
    '/node_modules/.+\\.m?js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Only ES-module files in node_modules are transformed (what the frontend packages load); the rest stay as is.
  transformIgnorePatterns: [`^<rootDir>/node_modules/(?!(${esModulePackages().join('|')})/)(?!.*(\\.esm\\.js|\\.mjs|/esm/.+\\.js)$)`],
  moduleNameMapper: {
    // Images and stylesheets imported by Backstage's frontend packages.
    '\\.(svg|png|jpe?g|gif|css)$': '<rootDir>/plugins/dockerfile-compliance/jest/fileStub.js',
  },
  testTimeout: 30000,
  // Jest's default is one worker per core less one, which on the 2-core CI machine means one
  // suite at a time. Most suites wait on real servers, PostgreSQL and the Go toolchain rather
  // than compute, so two at a time halves the run there (1,019 s -> 521 s); bigger machines
  // keep Jest's default.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
};
