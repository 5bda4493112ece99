/**
 * npm run test:e2e: browser tests (tests/e2e) with the system's Chromium, against the real server on a throwaway
 * Neo4j started by the same global set-up as npm test.
 */
const base = require('./jest.config.js');

module.exports = {
  testEnvironment: base.testEnvironment,
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: base.transform,
  globalSetup: base.globalSetup,
  globalTeardown: base.globalTeardown,
  maxWorkers: 1,
  testTimeout: 120_000,
};
