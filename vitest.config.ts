import { defineConfig } from 'vitest/config';

// Unit and integration tests under plain Node: `*.test.ts` beside their code, plus server/ and simulators/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'simulators/**/*.test.ts', 'test/unit/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
