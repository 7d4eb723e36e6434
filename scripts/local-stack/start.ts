import { performance } from 'node:perf_hooks';
import { readyBanner } from './banner';
import { type LocalStack, startLocalStack } from './index';
import { localStackPorts } from './settings';

/**
 * `npm start`: the Genesys Cloud emulator and `serverless offline` running the function against it, until
 * Ctrl+C / SIGTERM. Ports: EMULATOR_PORT (8090), SECRETS_MANAGER_PORT (8091), OFFLINE_HTTP_PORT (3000),
 * OFFLINE_LAMBDA_PORT (3002).
 */
let stack: LocalStack | undefined;
let stopping = false;

function stop(reason: string, exitCode: number): void {
  if (stopping) {
    // A second Ctrl+C: leave now; the exit hooks still kill serverless offline's process group.
    process.exit(exitCode || 1);
  }
  stopping = true;
  console.log(`\n${reason}: stopping the local stack`);
  // Before the stack is up there is nothing to close gracefully; exiting runs the same exit hooks.
  (stack?.close() ?? Promise.resolve()).then(
    () => process.exit(exitCode),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  const startedAt = performance.now();
  console.log('Starting the local stack: Genesys Cloud emulator + serverless offline (bundling the function)…');
  stack = await startLocalStack(localStackPorts(), { offlineLog: (line) => console.log(`[offline] ${line}`) });
  console.log(readyBanner(stack.urls, (performance.now() - startedAt) / 1000));
  // close() ends serverless offline too; only an exit before that is a crash.
  void stack.offlineExited.then((code) => stopping || stop(`serverless offline exited (code ${code})`, 1));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
