import { afterAll, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { LocalStackPorts } from '../../scripts/local-stack/settings';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** What `npm start` runs (node itself loads it through tsx's loader, so a signal reaches it directly). */
const START_SCRIPT = 'scripts/local-stack/start.ts';
const READY_TEXT = 'Press Ctrl+C to stop.';

/** `npm start` running as a child process on free ports. */
export interface LocalStackProcess {
  ports: LocalStackPorts;
  /** Everything it printed so far. */
  output(): string;
  /** Ctrl+C (SIGINT), as in a terminal; resolves with the exit code. SIGKILL after 15 s, the last resort. */
  stop(): Promise<number | null>;
}

export async function startLocalStackProcess(timeoutMs: number): Promise<LocalStackProcess> {
  const [genesys, secretsManager, offlineHttp, offlineLambda, dynamodb] = await freePorts(5);
  const ports: LocalStackPorts = { genesys, secretsManager, offlineHttp, offlineLambda, dynamodb } as LocalStackPorts;
  const env = {
    ...process.env,
    EMULATOR_PORT: String(ports.genesys),
    SECRETS_MANAGER_PORT: String(ports.secretsManager),
    OFFLINE_HTTP_PORT: String(ports.offlineHttp),
    OFFLINE_LAMBDA_PORT: String(ports.offlineLambda),
    DYNAMODB_PORT: String(ports.dynamodb),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', START_SCRIPT], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const started: LocalStackProcess = { ports, output: () => output, stop };

  const deadline = Date.now() + timeoutMs;
  while (!output.includes(READY_TEXT)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not get ready (exit code ${child.exitCode}); its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return started;
}

/** Ports nobody listens on right now (all held at once, so they differ). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer().listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    }),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Whether the port can be listened on, i.e. nothing (an orphan, say) holds it. */
export async function isFree(port: number): Promise<boolean> {
  const server = createServer();
  try {
    await once(server.listen(port, '127.0.0.1'), 'listening');
    return true;
  } catch {
    return false;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** For the test file: `npm start` started before its tests (ready within 90 s) and stopped after them. */
export function useLocalStackProcess(): () => LocalStackProcess {
  let stack: LocalStackProcess | undefined;
  beforeAll(async () => {
    stack = await startLocalStackProcess(90_000);
  }, 100_000);
  afterAll(async () => {
    await stack?.stop();
  }, 20_000);
  return () => {
    if (!stack) throw new Error('the local stack did not start');
    return stack;
  };
}
