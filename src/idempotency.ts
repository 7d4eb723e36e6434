import type { Context } from 'aws-lambda';
import { Deadline } from './deadline';
import { AppError, type ErrorCode, type ErrorDetail, ValidationError, withDetail } from './errors';
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
 * Bounds on the store. One DynamoDB attempt ends within `attemptTimeoutMs` (the SDK makes at most `maxAttempts`).
 * Claiming the key may take at most `claimShare` of the time left: past it the caller is answered "nothing was
 * sent" and a claim that lands later sends nothing. Once the send has settled, saving its outcome is awaited at
 * most `recordWaitMs`, and never past the deadline.
 */
export const STORE_LIMITS = {
  attemptTimeoutMs: 1_000,
  connectionTimeoutMs: 500,
  maxAttempts: 2,
  claimShare: 0.5,
  recordWaitMs: 2_500,
} as const;

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
 * What the send of a keyed request ended with, once it ran: its result, an error after which it may have
 * delivered, or a failure after which nothing went out.
 */
type Settled = { result: SendResult } | { deliveryUnknown: AppError } | { failed: unknown };

/**
 * What is stored under a key whose send may have delivered without the function knowing: the error it answered,
 * so a retry gets that answer again instead of a second message.
 */
interface StoredDeliveryUnknown {
  deliveryUnknown: { code: ErrorCode; message: string; details?: ErrorDetail[]; genesysContextId?: string };
}
type StoredOutcome = SendResult | StoredDeliveryUnknown;

/**
 * One keyed invocation, next to the hashed request: its real Lambda context (the send's deadline), and what the
 * send did, kept so its outcome wins over a failure to record it.
 */
interface Invocation {
  context: Context;
  /**
   * `claiming` until Powertools holds the key; then `sending`, or `abandoned` when the claim took too long and the
   * caller was answered "nothing was sent" (the send must then not start).
   */
  stage: 'claiming' | 'sending' | 'abandoned';
  onSettled: (settled: Settled) => void;
  settled?: Settled;
}

type IdempotentSend = (request: KeyedRequest, storeContext: Context, invocation: Invocation) => Promise<StoredOutcome>;
type Raced = { stored: StoredOutcome } | { storeError: unknown } | { settled: Settled; recordPending: true } | { claimTooSlow: true };

/**
 * Powertools idempotency (`makeIdempotent`) over a DynamoDB table, for events that carry an Idempotency-Key;
 * events without one are sent as they are. A successful send is stored, and so is the error of a send that may
 * have delivered (its outcome unknown after the check): a retry gets the same answer, never a second message. Any
 * other failure deletes its in-progress record, so a retry with the same key sends. Once Genesys may have accepted
 * the message, nothing the store does afterwards changes the answer or frees the key (see {@link STORE_LIMITS}).
 * Powertools and the DynamoDB client are loaded on the first keyed request, so a container that never sees one
 * pays nothing for them.
 */
export function withIdempotency(send: SendInputFn, options: IdempotencyOptions): SendRequestFn {
  let idempotentSend: Promise<IdempotentSend> | undefined;
  return async (event, context) => {
    if (event.idempotencyKey === undefined) return send(event.input, context);
    const deadline = Deadline.fromContext(context);
    const claimBudgetMs = deadline.remainingMs() * STORE_LIMITS.claimShare;
    idempotentSend ??= loadIdempotentSend(send, options);
    let onSettled!: (settled: Settled) => void;
    const settledAt = new Promise<Settled>((resolve) => (onSettled = resolve));
    const invocation: Invocation = { context, stage: 'claiming', onSettled };
    // Powertools bounds an in-progress record by the remaining time of the context it is given. Given the key's
    // hour, a record is freed only by a failure this function saw and answered: an attempt that stopped after
    // Genesys may have accepted the message (a stalled store, a killed container) holds its key, never resends.
    const storeContext: Context = { ...context, getRemainingTimeInMillis: () => IDEMPOTENCY_TTL_SECONDS * 1_000 };
    const recorded: Promise<Raced> = (await idempotentSend)({ idempotencyKey: event.idempotencyKey, input: event.input }, storeContext, invocation).then(
      (stored) => ({ stored }),
      (storeError: unknown) => ({ storeError }),
    );
    // A settled send waits for its record (or, after a failure, the key's release) a bounded time, measured from
    // when it settled, then is answered as it is. A release that does not end holds the key: never a double send.
    const settledInTime = settledAt.then(async (settled): Promise<Raced> => {
      await delay(Math.min(STORE_LIMITS.recordWaitMs, deadline.remainingMs()));
      return { settled, recordPending: true };
    });
    const claimTooSlow = delay(claimBudgetMs).then((): Promise<Raced> | Raced => {
      if (invocation.stage === 'sending') return new Promise<never>(() => undefined);
      invocation.stage = 'abandoned';
      return { claimTooSlow: true };
    });
    const outcome = await Promise.race([recorded, settledInTime, claimTooSlow]);
    if ('claimTooSlow' in outcome) {
      throw new AppError('internal_error', 'The idempotency store did not answer in time; nothing was sent.');
    }
    if ('stored' in outcome) return answerStored(outcome.stored, invocation, event);
    if ('settled' in outcome) {
      if ('failed' in outcome.settled) throw withKeyHeld(outcome.settled.failed, event);
      void recorded.then((late) => {
        if ('storeError' in late) options.onRecordNotCompleted?.(late.storeError);
      });
      return answerSettled(outcome.settled);
    }
    if (invocation.settled) {
      const { settled } = invocation;
      // Powertools rethrows the send's own failure once the key is released; anything else means it was not.
      if ('failed' in settled) throw outcome.storeError === settled.failed ? settled.failed : withKeyHeld(settled.failed, event);
      // The message may have gone out but its record could not be completed: answering otherwise would invite a resend.
      options.onRecordNotCompleted?.(outcome.storeError);
      return answerSettled(settled);
    }
    throw toContractError(outcome.storeError, event);
  };
}

/** A wait that never keeps the process alive (the global timer, so tests can run it in fake time). */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function answerSettled(settled: Settled): SendResult {
  if ('result' in settled) return settled.result;
  throw 'failed' in settled ? settled.failed : settled.deliveryUnknown;
}

/** A failure after which nothing was sent, but whose key the store did not release in time: a retry needs a new key. */
function withKeyHeld(failure: unknown, event: SendRequest): unknown {
  if (!(failure instanceof AppError)) return failure;
  return withDetail(failure, {
    path: keyName(event),
    message: 'the idempotency store did not release this key in time, so a retry with it may be answered 409 for up to an hour: retry with a new key',
  });
}

/** This invocation's own outcome, or the one stored by the key's first request (a replay). */
function answerStored(stored: StoredOutcome, invocation: Invocation, event: SendRequest): SendResult {
  if (invocation.settled) return answerSettled(invocation.settled);
  if (!('deliveryUnknown' in stored)) return stored;
  const { code, message, details, genesysContextId } = stored.deliveryUnknown;
  throw new AppError(code, message, {
    genesysContextId,
    deliveryUnknown: true,
    details: [
      ...(details ?? []),
      {
        path: keyName(event),
        message: 'the first request with this key ended this way and its message may have gone out: check the conversation, then send with a new key',
      },
    ],
  });
}

function storedDeliveryUnknown(error: AppError): StoredDeliveryUnknown {
  return {
    deliveryUnknown: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...(error.genesysContextId ? { genesysContextId: error.genesysContextId } : {}),
    },
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
    async (request: KeyedRequest, _storeContext: Context, invocation: Invocation): Promise<StoredOutcome> => {
      // The caller was already told "nothing was sent"; failing here also frees the key.
      if (invocation.stage === 'abandoned') throw new Error('The key was claimed after its caller had been answered.');
      invocation.stage = 'sending';
      let settled: Settled;
      try {
        settled = { result: await send(request.input, invocation.context) };
      } catch (error) {
        settled = error instanceof AppError && error.deliveryUnknown ? { deliveryUnknown: error } : { failed: error };
      }
      invocation.settled = settled;
      invocation.onSettled(settled);
      // Nothing went out: Powertools deletes the in-progress record, so a retry with the key sends.
      if ('failed' in settled) throw settled.failed;
      return 'result' in settled ? settled.result : storedDeliveryUnknown(settled.deliveryUnknown);
    },
    { persistenceStore, config },
  );
}

/** The key as the caller named it: a header over HTTP, a field in a direct invocation. */
function keyName(event: SendRequest): string {
  return event.entry === 'http' ? 'Idempotency-Key' : 'idempotencyKey';
}

/** Powertools' errors (matched by name, as Powertools itself does) in the contract's terms. */
function toContractError(error: unknown, event: SendRequest): unknown {
  const name = error instanceof Error ? error.name : undefined;
  if (name === 'IdempotencyAlreadyInProgressError') {
    return new AppError(
      'request_in_progress',
      'A request with this idempotency key is being processed right now, or an earlier one stopped once its message may ' +
        'have gone out (its key is then held for an hour): retry shortly; if this persists, check the conversation and use a new key.',
      { cause: error },
    );
  }
  if (name === 'IdempotencyValidationError') {
    // 400, not 409: retrying will never succeed; the caller must use a new key (see docs/operations.md "Idempotency").
    return new ValidationError([
      {
        path: keyName(event),
        message: 'was already used within the last hour for a different request to this conversation; use a new key',
      },
    ]);
  }
  if (name === 'IdempotencyPersistenceLayerError') {
    return new AppError('internal_error', 'The idempotency store could not be used; nothing was sent.', { cause: error });
  }
  return error;
}
