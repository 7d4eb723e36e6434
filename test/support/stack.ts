import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../emulator';
import { resetForColdStart } from '../../src/composition-root';
import { handler } from '../../src/handler';
import { lambdaContext } from './events';

/**
 * The real middy handler wired to the project's Genesys emulator over real sockets, with Secrets Manager
 * mocked at the SDK boundary. Every byte the process writes to stdout/stderr is captured, so tests can
 * assert on logs and prove that no credential leaks.
 */
export interface Stack {
  emulator: RunningEmulator;
  secretsManager: AwsClientStub<SecretsManagerClient>;
  /** Invokes the handler as Lambda would; resolves with the result or the thrown error. */
  invoke(event: unknown, context?: Context): Promise<InvokeOutcome>;
  /** A fresh container: environment re-read, every cache and client dropped. */
  coldStart(env?: Record<string, string | undefined>): void;
  /** Seeded state, no faults, empty call logs and a cold container: what each test starts from. */
  fresh(): void;
  /** Everything written to stdout and stderr since the stack started. */
  output(): string;
  /** Log lines (JSON) written since the stack started. */
  logLines(): Record<string, unknown>[];
  close(): Promise<void>;
}

export type InvokeOutcome = { ok: true; value: unknown } | { ok: false; error: Error };

export const SEED_SECRET_STRING = JSON.stringify({ clientId: SEED.clientId, clientSecret: SEED.clientSecret });

export async function startStack(options: { env?: Record<string, string | undefined>; tokenTtlSeconds?: number } = {}): Promise<Stack> {
  const emulator = await startEmulator({ quiet: true, ...(options.tokenTtlSeconds ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}) });
  const secretsManager = mockClient(SecretsManagerClient);
  // Any other secret id does not exist. (The catch-all goes first: a later, more specific rule wins.)
  secretsManager
    .on(GetSecretValueCommand)
    .rejects(Object.assign(new Error("Secrets Manager can't find the specified secret."), { name: 'ResourceNotFoundException' }));
  secretsManager.on(GetSecretValueCommand, { SecretId: SEED.secretId }).resolves({ SecretString: SEED_SECRET_STRING });

  const captured: string[] = [];
  const restore = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream);
    // Captured, not forwarded: the function's JSON logs would drown the test report (set DEBUG_STACK=1 to see them).
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return process.env.DEBUG_STACK ? (write as (...args: unknown[]) => boolean)(chunk, ...rest) : true;
    }) as typeof stream.write;
    return () => {
      stream.write = write;
    };
  });

  const baseEnv = {
    GENESYS_SECRET_ID: SEED.secretId,
    GENESYS_API_URL: emulator.url,
    GENESYS_LOGIN_URL: emulator.url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    ...options.env,
  };
  // What the environment held before the stack touched it, restored on close: test files share worker processes.
  const original = new Map<string, string | undefined>();
  const coldStart = (env: Record<string, string | undefined> = {}) => {
    for (const [name, value] of Object.entries({ ...baseEnv, ...env })) {
      if (!original.has(name)) original.set(name, process.env[name]);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetForColdStart();
  };
  coldStart();

  return {
    emulator,
    secretsManager,
    coldStart,
    fresh: () => {
      emulator.state.reset();
      emulator.faults.clear();
      emulator.calls.reset();
      secretsManager.resetHistory();
      coldStart();
    },
    invoke: async (event, context = lambdaContext()) => {
      try {
        return { ok: true, value: await handler(event as never, context as never) };
      } catch (error) {
        return { ok: false, error: error as Error };
      }
    },
    output: () => captured.join(''),
    logLines: () =>
      captured
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    close: async () => {
      for (const undo of restore) undo();
      for (const [name, value] of original) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetForColdStart();
      secretsManager.restore();
      await emulator.close();
    },
  };
}

/**
 * One stack for the test file (or describe block) that calls it: started before its tests, {@link Stack.fresh}
 * before each, closed after. The returned object forwards to the running stack.
 */
export function useStack(options: Parameters<typeof startStack>[0] = {}): Stack {
  let running: Stack | undefined;
  beforeAll(async () => {
    running = await startStack(options);
  });
  afterAll(async () => running?.close());
  beforeEach(() => running?.fresh());
  return new Proxy({} as Stack, {
    get: (_target, property) => {
      if (!running) throw new Error('the stack is used outside a test');
      return Reflect.get(running, property);
    },
  });
}

/** The HTTP answer of an outcome, parsed. */
export function httpAnswer(outcome: InvokeOutcome): { statusCode: number; headers: Record<string, string>; body: any } {
  if (!outcome.ok) throw outcome.error;
  const response = outcome.value as { statusCode: number; headers: Record<string, string>; body: string };
  return { statusCode: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
}

/** The error body a direct invocation threw. */
export function thrownBody(outcome: InvokeOutcome): { name: string; body: any } {
  if (outcome.ok) throw new Error(`expected a thrown error, got ${JSON.stringify(outcome.value)}`);
  return { name: outcome.error.name, body: JSON.parse(outcome.error.message) };
}
