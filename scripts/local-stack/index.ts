import { startEmulator } from '../../emulator';
import { startOffline } from './offline';
import { LOCAL_HOST, type LocalStackPorts, type LocalStackUrls, localStackUrls } from './settings';

export interface LocalStack {
  urls: LocalStackUrls;
  /** Resolves with serverless offline's exit code if it ends before close(). */
  offlineExited: Promise<number | null>;
  /** Stops serverless offline (its whole process group) and the emulator. Safe to call more than once. */
  close(): Promise<void>;
}

export interface LocalStackOptions {
  /** Receives serverless offline's output, line by line. */
  offlineLog: (line: string) => void;
}

/** The emulator in this process, and `serverless offline` running the real function against it. */
export async function startLocalStack(ports: LocalStackPorts, options: LocalStackOptions): Promise<LocalStack> {
  const urls = localStackUrls(ports);
  const emulator = await startEmulator({
    host: LOCAL_HOST,
    port: ports.genesys,
    secretsManagerPort: ports.secretsManager,
  }).catch((error: unknown) => {
    throw withPortHint(error);
  });
  try {
    const offline = await startOffline({ ports, urls, log: options.offlineLog });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= offline.stop().finally(() => emulator.close()));
    return { urls, offlineExited: offline.exited, close };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

function withPortHint(error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return error;
  const message = `${(error as Error).message}: is another local stack running? Set EMULATOR_PORT / SECRETS_MANAGER_PORT to use other ports.`;
  return new Error(message, { cause: error });
}
