import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { spawnServerless } from './serverless-cli';
import type { LocalStackPorts, LocalStackUrls } from './settings';

export interface RunningOffline {
  /** Resolves with the exit code when serverless offline ends, on its own or through stop(). */
  exited: Promise<number | null>;
  /** Ends serverless offline and everything it started. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface OfflineOptions {
  ports: LocalStackPorts;
  urls: LocalStackUrls;
  /** Receives each line serverless offline writes, stdout and stderr alike. */
  log: (line: string) => void;
  readyTimeoutMs?: number;
}

// serverless-offline prints this once its HTTP server listens (after serverless-esbuild's first bundle).
const READY_LINE = /Server ready: /;
// osls's error report; after some failures (a bundle that does not build) the process stays alive regardless.
const FAILURE_LINE = /^Error:$/;
const STOP_GRACE_MS = 5_000;

/** `serverless offline` serving the real function from serverless.yml, bundled by serverless-esbuild. */
export async function startOffline(options: OfflineOptions): Promise<RunningOffline> {
  const args = [
    'offline',
    // Without it only AWS_* variables reach the function; GENESYS_API_URL and GENESYS_LOGIN_URL must too.
    '--localEnvironment',
    // One warm container serves concurrent requests, as the function's caches are safe to share: a worker per
    // request (the default) loads the bundle once per request, and a burst of cold starts on a small machine
    // outlasts the function timeout, which serverless offline answers with its own error and a stack trace.
    '--useInProcess',
    '--httpPort', String(options.ports.offlineHttp),
    '--lambdaPort', String(options.ports.offlineLambda),
  ];
  const child = spawnServerless(args, options.urls, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // 'close', not 'exit': every line it wrote has been logged by then.
  const exited = once(child, 'close').then(([code]) => code as number | null);
  // Its own process group (detached) keeps a terminal's Ctrl+C away from it; stop() ends the group, and a
  // parent that exits without stop() still takes it down.
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // already gone
    }
  };
  const killOnExit = () => killGroup('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    })());

  try {
    await whenReady(child, exited, options);
  } catch (error) {
    await stop();
    throw error;
  }
  return { exited, stop };
}

function whenReady(child: ChildProcess, exited: Promise<number | null>, options: OfflineOptions): Promise<void> {
  const timeoutMs = options.readyTimeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serverless offline was not ready within ${timeoutMs / 1000} s.`)), timeoutMs);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        options.log(line);
        if (READY_LINE.test(line)) {
          clearTimeout(timer);
          resolve();
        } else if (FAILURE_LINE.test(line)) {
          clearTimeout(timer);
          reject(new Error('serverless offline failed to start; its error is above.'));
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serverless offline exited (code ${code}) before it was ready; its output is above.`));
    });
  });
}
