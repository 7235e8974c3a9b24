import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser tests share one machine's two cores: run files one at a time per worker, two workers.
    maxWorkers: 2,
  },
});
