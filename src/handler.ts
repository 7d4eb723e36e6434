import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { warmContainer } from './container';
import { Deadline, DEADLINE_SAFETY_MARGIN_MS } from './deadline';
import { AppError } from './errors';
import { logger } from './logger';
import { contractResponses } from './middleware/contract-responses';
import { eventNormalizer } from './middleware/event-normalizer';
import { inputValidator, type ValidatedEvent } from './middleware/input-validator';
import { sendCannedResponse } from './pipeline';

/** Entry point for API Gateway (REST v1, HTTP API v2) and direct invocations. Wiring only. */
export const handler = middy<ValidatedEvent>({
  // Backstop behind the per-call deadlines: answer 504 just before Lambda would kill the invocation.
  timeoutEarlyInMillis: DEADLINE_SAFETY_MARGIN_MS / 2,
  timeoutEarlyResponse: () => {
    throw new AppError('upstream_timeout', 'The invocation deadline was reached.');
  },
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(eventNormalizer())
  .use(inputValidator())
  .use(contractResponses({ logger }))
  .handler((event: ValidatedEvent, context) =>
    sendCannedResponse(event.input, warmContainer().pipeline, Deadline.fromContext(context)),
  );
