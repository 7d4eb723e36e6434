import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration tests start local servers on ephemeral ports; keep files isolated from each other.
    pool: 'forks',
    restoreMocks: true,
  },
});
