import type { FastifyInstance } from 'fastify';
import { CallLog } from './calls';
import { FaultController } from './faults';
import type { Seed } from './model';
import { RateLimitCounter } from './rate-limit';
import { buildSecretsManagerServer } from './secrets-manager';
import { builtInSeed } from './seed';
import { buildMainServer } from './server';
import { EmulatorState } from './state';
import { TokenStore } from './tokens';

export interface EmulatorOptions {
  /** Default: the built-in seed (see SEED). */
  seed?: Seed;
  /** Lifetime of issued tokens; default 86400 (the Genesys default). Fractions are allowed for expiry tests. */
  tokenTtlSeconds?: number;
  /** No request log on stdout. */
  quiet?: boolean;
}

export interface ListenOptions {
  /** Main server port; default 0 (ephemeral). */
  port?: number;
  /** Loopback only (the emulator has no real security); default 127.0.0.1. */
  host?: string;
  /** Secrets Manager stand-in port; default 0 (ephemeral). Fixed ports suit a long-running local stack. */
  secretsManagerPort?: number;
}

export interface RunningEmulator {
  /** Base URL of both the API and the login routes, e.g. http://127.0.0.1:43123 (the transcript page is at `/`). */
  url: string;
  /** Endpoint for AWS_ENDPOINT_URL_SECRETS_MANAGER. */
  secretsManagerUrl: string;
  faults: FaultController;
  calls: CallLog;
  state: EmulatorState;
  /** Every access token the login route has issued since start. */
  issuedTokens(): readonly string[];
  /** Stops both listeners, ending hung requests and open streams. Safe to call more than once. */
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const DEFAULT_TOKEN_TTL_SECONDS = 86_400;

export async function startEmulator(options: EmulatorOptions & ListenOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`The emulator only listens on loopback hosts, not ${host}.`);
  const tokenTtlSeconds = options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!(tokenTtlSeconds > 0)) throw new Error(`tokenTtlSeconds must be > 0, got ${tokenTtlSeconds}.`);

  const state = new EmulatorState(options.seed ?? builtInSeed());
  const tokens = new TokenStore(tokenTtlSeconds);
  const calls = new CallLog();
  const faults = new FaultController(tokens);
  const log = options.quiet ? () => {} : (line: string) => console.log(`[genesys-emulator] ${line}`);

  const main = await buildMainServer({ state, tokens, rateLimit: new RateLimitCounter(), calls, faults, log });
  const secretsManager = await buildSecretsManagerServer({ state, calls, faults, log });
  const closeAll = async () => {
    await Promise.all([main.close(), secretsManager.close()]);
  };
  try {
    const url = await listen(main, host, options.port ?? 0);
    const secretsManagerUrl = await listen(secretsManager, host, options.secretsManagerPort ?? 0);
    let closing: Promise<void> | undefined;
    return { url, secretsManagerUrl, faults, calls, state, issuedTokens: () => tokens.issued, close: () => (closing ??= closeAll()) };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The emulator did not get a TCP address.');
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${hostPart}:${address.port}`;
}

export { SEED, builtInSeed } from './seed';
export type { CallLog, CallRecord } from './calls';
export type { Fault, FaultController, LatencyTarget } from './faults';
export type {
  CannedResponse,
  EmulatedCommunication,
  EmulatedConversation,
  EmulatedParticipant,
  OAuthClient,
  ResponseLibrary,
  RouteName,
  Seed,
  SentMessage,
  SentMessageData,
  TranscriptMessage,
} from './model';
export type { EmulatorState, StateChange } from './state';
