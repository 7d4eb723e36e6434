import type { Context } from 'aws-lambda';
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
  onRecordNotCompleted?: (cause: Record<string, string>) => void;
}

/** The contract's promise: a repeated key within one hour gets the first result. */
export const IDEMPOTENCY_TTL_SECONDS = 3_600;

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

/** What the wrapped send did, kept per call so its outcome wins over a failure to record it. */
interface SendOutcome {
  sent?: SendResult;
  failure?: unknown;
}

type IdempotentSend = (request: KeyedRequest, context: Context, outcome: SendOutcome) => Promise<SendResult>;

/**
 * Powertools idempotency (`makeIdempotent`) over a DynamoDB table, for events that carry an Idempotency-Key;
 * events without one are sent as they are. Only a successful send is stored: a failed one deletes its
 * in-progress record, so a retry with the same key sends. Powertools and the DynamoDB client are loaded on the
 * first keyed request, so a container that never sees one pays nothing for them.
 */
export function withIdempotency(send: SendInputFn, options: IdempotencyOptions): SendRequestFn {
  let idempotentSend: Promise<IdempotentSend> | undefined;
  return async (event, context) => {
    if (event.idempotencyKey === undefined) return send(event.input, context);
    idempotentSend ??= loadIdempotentSend(send, options);
    const outcome: SendOutcome = {};
    try {
      return await (await idempotentSend)({ idempotencyKey: event.idempotencyKey, input: event.input }, context, outcome);
    } catch (error) {
      if (outcome.sent) {
        // The message went out but its record could not be completed: answering an error would invite a resend.
        options.onRecordNotCompleted?.(describeError(error));
        return outcome.sent;
      }
      if (outcome.failure !== undefined) throw outcome.failure;
      throw toContractError(error, event);
    }
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
    // A stalled DynamoDB call must fail while there is still time to answer, not eat the invocation's budget.
    awsSdkV3Client: new DynamoDBClient({ requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 } }),
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
  // The Lambda context as second argument makes Powertools hash the first one and bound the in-progress
  // record by the invocation's remaining time: a crashed attempt frees its key when its timeout has passed.
  return makeIdempotent(
    async (request: KeyedRequest, context: Context, outcome: SendOutcome) => {
      try {
        outcome.sent = await send(request.input, context);
        return outcome.sent;
      } catch (error) {
        outcome.failure = error;
        throw error;
      }
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

function describeError(error: unknown): Record<string, string> {
  return error instanceof Error ? { name: error.name, message: error.message.slice(0, 300) } : { type: typeof error };
}
