/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // A hang guard, never a speed limit. No test waits on time: they wait for conditions or move a
  // FixedClock. A machine five times slower than a developer's, or one shared with other work,
  // must still pass, so this is minutes, not seconds; no test sets a timeout of its own.
  testTimeout: 300_000,
  maxWorkers: 2,
};
