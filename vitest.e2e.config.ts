import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built extension (.output/) in the system browsers.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
