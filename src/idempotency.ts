import type { Context } from 'aws-lambda';
import { setTimeout as sleep } from 'node:timers/promises';
import { Deadline } from './deadline';
import { AppError, ValidationError } from './errors';
import type { SendResult } from './schema';
import type { SendInput, SendRequest } from './types';

/** Sends one canned response; what idempotency wraps. */
export type SendInputFn = (input: SendInput, context: Context) => Promise<SendResult>;

/** Sends the canned response of a validated request; with idempotency, at most once per key. */
export type SendRequestFn = (request: SendRequest, context: Context) => Promise<SendResult>;

export interface IdempotencyOptions {
  /** The DynamoDB table of IDEMPOTENCY_TABLE. */
  tableName: string;
  /** Called when a repeated key is answered with the stored result. Default: none. */
  onReplay?: () => void;
  /**
   * Called when the message went out but its record could not be completed (the answer is still the success).
   * Default: none.
   */
  onRecordNotCompleted?: (cause: unknown) => void;
}

/** The contract's promise: a repeated key within one hour gets the first result. */
export const IDEMPOTENCY_TTL_SECONDS = 3_600;

/**
 * Bounds on the store: one DynamoDB attempt ends within STORE_ATTEMPT_TIMEOUT_MS (the SDK makes at most two), and
 * a delivered message waits for its result to be saved at most RECORD_WAIT_MS (never past the deadline).
 */
export const STORE_LIMITS = { attemptTimeoutMs: 1_000, connectionTimeoutMs: 500, maxAttempts: 2, recordWaitMs: 2_500 } as const;

/**
 * The idempotent payload. The key is the caller's key *and* the conversation: a key reused for another
 * conversation (two flows numbering their requests alike) is a new request there, never another conversation's
 * result. Everything else the caller sent must match the first request (payload validation).
 */
interface KeyedRequest {
  idempotencyKey: string;
  input: SendInput;
}
const KEY_JMESPATH = '{key: idempotencyKey, conversationId: input.conversationId}';
const PAYLOAD_JMESPATH = 'input';

/**
 * One keyed invocation, next to the hashed request: its real Lambda context (the send's deadline), and what the
 * send did, kept so its outcome wins over a failure to record it.
 */
interface Invocation {
  context: Context;
  onSent: (result: SendResult) => void;
  sent?: SendResult;
  failure?: unknown;
}

type IdempotentSend = (request: KeyedRequest, storeContext: Context, invocation: Invocation) => Promise<SendResult>;
type Recorded = { result: SendResult; recordPending?: true } | { error: unknown };

/**
 * Powertools idempotency (`makeIdempotent`) over a DynamoDB table, for events that carry an Idempotency-Key;
 * events without one are sent as they are. Only a successful send is stored: a failed one deletes its
 * in-progress record, so a retry with the same key sends. Once Genesys has accepted the message, nothing the store
 * does afterwards turns the answer into an error or frees the key (see {@link STORE_LIMITS}). Powertools and the
 * DynamoDB client are loaded on the first keyed request, so a container that never sees one pays nothing for them.
 */
export function withIdempotency(send: SendInputFn, options: IdempotencyOptions): SendRequestFn {
  let idempotentSend: Promise<IdempotentSend> | undefined;
  return async (event, context) => {
    if (event.idempotencyKey === undefined) return send(event.input, context);
    idempotentSend ??= loadIdempotentSend(send, options);
    let delivered!: (result: SendResult) => void;
    const deliveredAt = new Promise<SendResult>((resolve) => (delivered = resolve));
    const invocation: Invocation = { context, onSent: delivered };
    // Powertools bounds an in-progress record by the remaining time of the context it is given. Given the key's
    // hour, a record is freed only by a failure this function saw and answered: an attempt that stopped after
    // Genesys may have accepted the message (a stalled store, a killed container) holds its key, never resends.
    const storeContext: Context = { ...context, getRemainingTimeInMillis: () => IDEMPOTENCY_TTL_SECONDS * 1_000 };
    const recorded: Promise<Recorded> = (await idempotentSend)({ idempotencyKey: event.idempotencyKey, input: event.input }, storeContext, invocation).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    // A delivered message waits for its record a bounded time, then is answered as delivered all the same.
    const recordWaitMs = Math.min(STORE_LIMITS.recordWaitMs, Deadline.fromContext(context).remainingMs());
    const deliveredInTime = deliveredAt.then(async (result): Promise<Recorded> => {
      await sleep(recordWaitMs, undefined, { ref: false });
      return { result, recordPending: true };
    });
    const outcome = await Promise.race([recorded, deliveredInTime]);
    if ('result' in outcome) {
      if (outcome.recordPending) {
        void recorded.then((late) => {
          if ('error' in late) options.onRecordNotCompleted?.(late.error);
        });
      }
      return outcome.result;
    }
    if (invocation.sent) {
      // The message went out but its record could not be completed: answering an error would invite a resend.
      options.onRecordNotCompleted?.(outcome.error);
      return invocation.sent;
    }
    if (invocation.failure !== undefined) throw invocation.failure;
    throw toContractError(outcome.error, event);
  };
}

async function loadIdempotentSend(send: SendInputFn, options: IdempotencyOptions): Promise<IdempotentSend> {
  const [{ IdempotencyConfig, makeIdempotent }, { DynamoDBPersistenceLayer }, { DynamoDBClient }] = await Promise.all([
    import('@aws-lambda-powertools/idempotency'),
    import('@aws-lambda-powertools/idempotency/dynamodb'),
    import('@aws-sdk/client-dynamodb'),
  ]);
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    // A stalled DynamoDB call must fail while there is still time to answer. requestTimeout alone only logs a
    // warning in @smithy/node-http-handler; throwOnRequestTimeout makes it end the call.
    awsSdkV3Client: new DynamoDBClient({
      maxAttempts: STORE_LIMITS.maxAttempts,
      requestHandler: {
        connectionTimeout: STORE_LIMITS.connectionTimeoutMs,
        requestTimeout: STORE_LIMITS.attemptTimeoutMs,
        throwOnRequestTimeout: true,
      },
    }),
  });
  const config = new IdempotencyConfig({
    eventKeyJmesPath: KEY_JMESPATH,
    payloadValidationJmesPath: PAYLOAD_JMESPATH,
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
    hashFunction: 'sha256',
    responseHook: (response) => {
      options.onReplay?.();
      return response;
    },
  });
  // A Lambda context as second argument makes Powertools hash the first argument only.
  return makeIdempotent(
    async (request: KeyedRequest, _storeContext: Context, invocation: Invocation) => {
      try {
        invocation.sent = await send(request.input, invocation.context);
      } catch (error) {
        invocation.failure = error;
        throw error;
      }
      invocation.onSent(invocation.sent);
      return invocation.sent;
    },
    { persistenceStore, config },
  );
}

/** Powertools' errors (matched by name, as Powertools itself does) in the contract's terms. */
function toContractError(error: unknown, event: SendRequest): unknown {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'IdempotencyAlreadyInProgressError') {
    return new AppError('request_in_progress', 'A request with this idempotency key is being processed right now; retry shortly.', { cause: error });
  }
  if (name === 'IdempotencyValidationError') {
    // 400, not 409: retrying will never succeed; the caller must use a new key (see docs/operations.md "Idempotency").
    return new ValidationError([
      {
        path: event.entry === 'http' ? 'Idempotency-Key' : 'idempotencyKey',
        message: 'was already used within the last hour for a different request to this conversation; use a new key',
      },
    ]);
  }
  if (name === 'IdempotencyPersistenceLayerError') {
    return new AppError('internal_error', 'The idempotency store could not be used; nothing was sent.', { cause: error });
  }
  return error;
}
