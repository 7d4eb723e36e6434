import { availableParallelism } from 'node:os';
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
    // Most test files wait on sockets, timers and child processes rather than compute: vitest's default (one
    // worker per core but one) left a 2-core machine half idle. One per core: 4 measured no faster than 2 here.
    maxWorkers: Math.max(2, availableParallelism()),
    // Integration tests patch process streams and the environment: worker processes, not threads. Where a project
    // sets `isolate: false`, its files take turns in a few processes that load the modules once (an isolated
    // integration file spent ~2 s of CPU loading them); the helpers each file uses (test/support/stack.ts,
    // dynamodb.ts, emulator harness) put back the environment, streams and SDK mocks they change.
    pool: 'forks',
    restoreMocks: true,
    // Fails any test file whose output contains the seeded client secret or a token.
    setupFiles: ['test/support/leak-guard.setup.ts'],
    projects: [
      // No sockets and no process-wide state to isolate: one module registry per worker thread is enough.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/docs/**/*.test.ts'], pool: 'threads', isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'emulator', include: ['test/emulator/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'package', include: ['test/package/**/*.test.ts'], globalSetup: ['test/package/global-setup.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
