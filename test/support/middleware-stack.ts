import middy from '@middy/core';
import { contractResponses } from '../../src/middleware/contract-responses';
import { eventNormalizer } from '../../src/middleware/event-normalizer';
import { inputValidator, type ValidatedEvent } from '../../src/middleware/input-validator';

const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The handler's contract middlewares (normalise → validate → map errors) around a handler that answers with the
 * input it was given: what the function accepts, and how it refuses, without Genesys behind it.
 */
export function echoStack(): (event: unknown, context: unknown) => Promise<unknown> {
  const handler = middy<ValidatedEvent>()
    .use(eventNormalizer())
    .use(inputValidator())
    .use(contractResponses({ logger: silentLogger as never }))
    .handler(async (event) => ({ received: event.input, idempotencyKey: event.idempotencyKey ?? null }));
  return handler as (event: unknown, context: unknown) => Promise<unknown>;
}

/** The error a promise rejects with; fails when it resolves. */
export async function thrownBy(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a thrown error');
}
