/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // nock's HTTP interceptor lives on the global scope for the whole worker; keep it between test files.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 20000,
  reporters: ['default', '<rootDir>/jest/summary-reporter.js'],
};
