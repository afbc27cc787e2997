import { defineConfig } from 'vitest/config';

// Unit and integration tests under plain Node: `*.test.ts` beside their code, plus server/ and simulators/.
// The server tests are their own project so only they start the test PostgreSQL (server/test/pg-global-setup.ts).
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.{ts,tsx}', 'simulators/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'server', include: ['server/**/*.test.ts'], globalSetup: ['server/test/pg-global-setup.ts'] } },
    ],
  },
});
