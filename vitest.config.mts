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
    // Fails any test file whose output contains the seeded client secret or a token.
    setupFiles: ['test/support/leak-guard.setup.ts'],
  },
});
