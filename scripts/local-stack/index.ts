import { startEmulator } from '../../emulator';
import { startDynamoDB } from './dynamodb';
import { startOffline } from './offline';
import { LOCAL_HOST, LOCAL_IDEMPOTENCY_TABLE, type LocalStackPorts, type LocalStackUrls, localStackUrls } from './settings';

export interface LocalStack {
  urls: LocalStackUrls;
  /** Resolves with serverless offline's exit code if it ends before close(). */
  offlineExited: Promise<number | null>;
  /** Stops serverless offline (its whole process group), the emulator and DynamoDB. Safe to call more than once. */
  close(): Promise<void>;
}

export interface LocalStackOptions {
  /** Receives serverless offline's output, line by line. */
  offlineLog: (line: string) => void;
}

/**
 * The emulator and a DynamoDB stand-in (with the idempotency table) in this process, and `serverless offline`
 * running the real function against them.
 */
export async function startLocalStack(ports: LocalStackPorts, options: LocalStackOptions): Promise<LocalStack> {
  const urls = localStackUrls(ports);
  const emulator = await startEmulator({
    host: LOCAL_HOST,
    port: ports.genesys,
    secretsManagerPort: ports.secretsManager,
  }).catch((error: unknown) => {
    throw withPortHint(error);
  });
  const dynamodb = await startDynamoDB({ host: LOCAL_HOST, port: ports.dynamodb }).catch(async (error: unknown) => {
    await emulator.close();
    throw withPortHint(error);
  });
  const closeServers = () => Promise.all([emulator.close(), dynamodb.close()]).then(() => undefined);
  try {
    await dynamodb.createIdempotencyTable(LOCAL_IDEMPOTENCY_TABLE);
    const offline = await startOffline({ ports, urls, log: options.offlineLog });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= offline.stop().finally(closeServers));
    return { urls, offlineExited: offline.exited, close };
  } catch (error) {
    await closeServers();
    throw error;
  }
}

function withPortHint(error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return error;
  const message = `${(error as Error).message}: is another local stack running? Set EMULATOR_PORT / SECRETS_MANAGER_PORT / DYNAMODB_PORT to use other ports.`;
  return new Error(message, { cause: error });
}
