import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // e2e and interop tests start processes and bind sockets: keep them from competing
    // for the two cores with heavy unit suites by running files in forks.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
