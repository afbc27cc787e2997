import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer in Debian Chromium (playwright-core) against browser mode.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['./test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
