import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { warmContainer } from './container';
import { DEADLINE_SAFETY_MARGIN_MS } from './deadline';
import { AppError } from './errors';
import { logger } from './logger';
import { failureMetrics, metrics } from './metrics';
import { contractResponses } from './middleware/contract-responses';
import { eventNormalizer } from './middleware/event-normalizer';
import { inputValidator, type ValidatedEvent } from './middleware/input-validator';

/** Entry point for API Gateway (REST v1, HTTP API v2) and direct invocations. Wiring only. */
export const handler = middy<ValidatedEvent>({
  // Backstop behind the per-call deadlines: answer 504 just before Lambda would kill the invocation.
  timeoutEarlyInMillis: DEADLINE_SAFETY_MARGIN_MS / 2,
  timeoutEarlyResponse: () => {
    throw new AppError('upstream_timeout', 'The invocation deadline was reached.');
  },
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  // First in, so its flush runs after everything else has counted.
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(eventNormalizer())
  .use(inputValidator())
  .use(contractResponses({ logger }))
  .use(failureMetrics())
  .handler((event: ValidatedEvent, context) => warmContainer().send(event, context));
