/**
 * npm test: two jest projects, run one after another.
 * - unit (tests/unit): no database and no Java; `npm run test:unit` runs them alone in seconds.
 * - integration (tests/integration): against a throwaway real Neo4j (tests/support/global-setup.ts). Jest runs a
 *   project's globalSetup only when at least one of its tests is selected, so the unit tests never start Neo4j.
 */
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // type-graphql's decorators read reflected types: loaded before any module, as the entry points do.
  setupFiles: ['reflect-metadata'],
};

const unit = { ...shared, displayName: 'unit', roots: ['<rootDir>/tests/unit'] };

const integration = {
  ...shared,
  displayName: 'integration',
  roots: ['<rootDir>/tests/integration'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
};

// The browser tests and the chaos suite have their own configurations (npm run test:e2e, test:chaos).
module.exports = {
  projects: [unit, integration],
  // One Neo4j Community server has one user database: suites run one after another against it.
  maxWorkers: 1,
  testTimeout: 60_000,
};
