import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { randomUUID } from 'node:crypto';
import { type AppError, describeError, toAppError, toErrorBody } from '../errors';
import type { SendResult } from '../schema';
import { entryPointOf } from './event-normalizer';

export interface ContractResponsesOptions {
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/** A short description of an error's cause for logs: never the object itself (an axios error holds headers). */
/**
 * Shapes results and failures per the contract. `after`: HTTP events get `200` with the JSON body, direct
 * invocations the plain object. `onError`: any error becomes an AppError (unknown ones `internal_error`),
 * is logged once with the request id, and is answered as an HTTP error response, or, for a direct
 * invocation, thrown as an Error whose `name` is the code and `message` the JSON error body (no stack).
 * Its place in the chain is written down in src/handler.ts.
 */
export function contractResponses(options: ContractResponsesOptions): MiddlewareObj {
  const { logger } = options;
  return {
    name: 'contractResponses',
    after: (request) => {
      // Ids only, never the text: it may carry customer data.
      const { messageId, conversationId, responseId, status } = (request.response ?? {}) as Partial<SendResult>;
      logger.info('canned response sent', { outcome: 'sent', entry: entryPointOf(request), messageId, conversationId, responseId, status });
      if (entryPointOf(request) === 'http') {
        request.response = { statusCode: 200, headers: JSON_HEADERS, body: JSON.stringify(request.response) };
      }
    },
    onError: (request) => {
      const error = toAppError(request.error);
      const requestId = request.context?.awsRequestId ?? randomUUID();
      logFailure(logger, error);
      const body = toErrorBody(error, requestId);
      if (entryPointOf(request) === 'http') {
        request.response = {
          statusCode: error.status,
          headers: {
            ...JSON_HEADERS,
            ...(error.retryAfterSeconds !== undefined ? { 'Retry-After': String(error.retryAfterSeconds) } : {}),
          },
          body: JSON.stringify(body),
        };
        return;
      }
      const thrown = new Error(JSON.stringify(body));
      thrown.name = error.code;
      // Lambda returns a thrown error's stack to the caller as `trace`: give it nothing but the error line.
      thrown.stack = `${thrown.name}: ${thrown.message}`;
      request.error = thrown;
    },
  };
}

function logFailure(logger: ContractResponsesOptions['logger'], error: AppError): void {
  const fields = {
    outcome: 'failed',
    code: error.code,
    status: error.status,
    errorMessage: error.message,
    ...(error.genesysContextId ? { genesysContextId: error.genesysContextId } : {}),
    ...(error.cause !== undefined ? { cause: describeError(error.cause) } : {}),
  };
  if (error.status >= 500) logger.error('canned response failed', fields);
  else logger.warn('canned response rejected', fields);
}
