// One Jest run for the whole monorepo. TypeScript is transpiled by SWC (type checking is
// `tsc -b`, which `npm test` runs first). Workspace packages resolve to their sources so
// tests never depend on a stale dist/.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/plugins', '<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleNameMapper: {
    '^@hardened-go/dockerfile-standard$': '<rootDir>/plugins/dockerfile-standard/src',
    '^@hardened-go/plugin-scaffolder-backend-module-go-service$':
      '<rootDir>/plugins/scaffolder-backend-module-go-service/src',
    '^@hardened-go/plugin-catalog-backend-module-dockerfile-drift$':
      '<rootDir>/plugins/catalog-backend-module-dockerfile-drift/src',
  },
  testTimeout: 30000,
};
