import middy from '@middy/core';
import { contractResponses, type ContractResponsesOptions } from '../../src/middleware/contract-responses';
import { eventNormalizer } from '../../src/middleware/event-normalizer';
import { inputValidator, type SendContext } from '../../src/middleware/input-validator';

const silentLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface EchoStackOptions {
  /** Thrown by the handler instead of echoing. Default: none. */
  fail?: Error;
  /** Default: a logger that drops everything. */
  logger?: ContractResponsesOptions['logger'];
}

/**
 * The handler's contract middlewares (normalise → validate → map errors) around a handler that answers with the
 * input it was given: what the function accepts, and how it refuses, without Genesys behind it.
 */
export function echoStack(options: EchoStackOptions = {}): (event: unknown, context: unknown) => Promise<unknown> {
  const handler = middy<unknown, unknown, Error, SendContext>()
    .use(eventNormalizer())
    .use(inputValidator())
    .use(contractResponses({ logger: options.logger ?? (silentLogger as never) }))
    .handler(async (_event, context) => {
      if (options.fail) throw options.fail;
      return { received: context.sendRequest.input, idempotencyKey: context.sendRequest.idempotencyKey ?? null };
    });
  return handler as (event: unknown, context: unknown) => Promise<unknown>;
}

export interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** The echo stack (or one whose handler throws `fail`), with the log lines its error mapper writes recorded. */
export function recordingEchoStack(fail?: Error) {
  const logs: LogLine[] = [];
  const record = (level: string) => (message: string, fields: Record<string, unknown>) => logs.push({ level, message, fields });
  const handler = echoStack({ ...(fail ? { fail } : {}), logger: { info: record('info'), warn: record('warn'), error: record('error') } as never });
  return { handler, logs };
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
