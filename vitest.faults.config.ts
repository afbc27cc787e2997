import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the sync fault suite (test/faults/) against a real PostgreSQL started once.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['server/test/pg-global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
