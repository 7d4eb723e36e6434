import { defineConfig } from 'vitest/config';

/**
 * One project per kind of test, so each can be run alone (`npm run test:unit` is the inner loop) and `npm test`
 * runs them all. Unit tests open no sockets; integration tests run the handler against the emulator over real
 * sockets; package tests read the artifacts `serverless package` writes (packaged once per run, in globalSetup).
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration tests start local servers on ephemeral ports and patch process streams: one process per file.
    pool: 'forks',
    restoreMocks: true,
    // Fails any test file whose output contains the seeded client secret or a token.
    setupFiles: ['test/support/leak-guard.setup.ts'],
    projects: [
      // No sockets and no process-wide state to isolate: one module registry per worker thread is enough.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/docs/**/*.test.ts'], pool: 'threads', isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'emulator', include: ['test/emulator/**/*.test.ts'] } },
      { extends: true, test: { name: 'package', include: ['test/package/**/*.test.ts'], globalSetup: ['test/package/global-setup.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
