/** npm test: unit and integration tests against a throwaway real Neo4j (see tests/support/global-setup.ts). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // The browser tests and the chaos suite have their own configurations (npm run test:e2e, test:chaos).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', '<rootDir>/tests/chaos/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // type-graphql's decorators read reflected types: loaded before any module, as the entry points do.
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // One Neo4j Community server has one user database: suites run one after another against it.
  maxWorkers: 1,
  testTimeout: 60_000,
};
