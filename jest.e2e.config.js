/**
 * npm run test:e2e: browser tests (tests/e2e) with the system's Chromium, against the real server on a throwaway
 * Neo4j started by the same global set-up as the integration tests of npm test.
 */
const integration = require('./jest.config.js').projects.find((project) => project.displayName === 'integration');

module.exports = {
  testEnvironment: integration.testEnvironment,
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: integration.transform,
  globalSetup: integration.globalSetup,
  globalTeardown: integration.globalTeardown,
  maxWorkers: 1,
  testTimeout: 120_000,
};
