import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { cannedResponseSender } from './composition-root';
import { DEADLINE_SAFETY_MARGIN_MS } from './deadline';
import { AppError } from './errors';
import { logger } from './logger';
import { metrics } from './metrics';
import { contractResponses } from './middleware/contract-responses';
import { eventNormalizer } from './middleware/event-normalizer';
import { failureMetrics } from './middleware/failure-metrics';
import { inputValidator, type SendContext } from './middleware/input-validator';

/**
 * Entry point for API Gateway (REST v1, HTTP API v2) and direct invocations. Wiring only.
 *
 * Middleware order: middy runs `before` hooks in the order registered, `after` and `onError` hooks in reverse.
 * - injectLambdaContext: first, so every log line of the invocation carries its request id.
 * - logMetrics: next, so its flush (after / onError) runs after every other middleware has counted.
 * - eventNormalizer → inputValidator: read the event, then set the validated request on the context.
 * - contractResponses: shapes the result, and turns any error into the contract's answer.
 * - failureMetrics: last, so its onError runs first and counts the error by code before contractResponses
 *   turns it into the answer.
 */
export const handler = middy<unknown, unknown, Error, SendContext>({
  // Backstop behind the per-call deadlines: answer 504 just before Lambda would kill the invocation.
  timeoutEarlyInMillis: DEADLINE_SAFETY_MARGIN_MS / 2,
  timeoutEarlyResponse: () => {
    throw new AppError('upstream_timeout', 'The invocation deadline was reached.');
  },
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(eventNormalizer())
  .use(inputValidator())
  .use(contractResponses({ logger }))
  .use(failureMetrics())
  .handler((_event, context) => cannedResponseSender()(context.sendRequest, context));
