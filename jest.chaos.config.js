/**
 * npm run test:chaos: the attacks of tests/chaos (races, fuzzing, load, Neo4j faults, shutdown, hostile inputs)
 * against the real server and a throwaway Neo4j; prints a table of figures at the end (test-results/chaos/).
 */
const integration = require('./jest.config.js').projects.find((project) => project.displayName === 'integration');

module.exports = {
  testEnvironment: integration.testEnvironment,
  roots: ['<rootDir>/tests/chaos'],
  testMatch: ['**/*.chaos.test.ts'],
  transform: integration.transform,
  setupFiles: integration.setupFiles,
  globalSetup: '<rootDir>/tests/chaos/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/chaos/support/global-teardown.ts',
  // One Neo4j Community server has one user database: scenarios run one after another against it.
  maxWorkers: 1,
  testTimeout: 120_000,
};
