import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { httpApiV2Event, lambdaContext } from '../../support/events';
import { recordingEchoStack } from '../../support/middleware-stack';

/** The error mapper (contractResponses), through the contract middlewares around an echoing or failing handler. */

const CONVERSATION = '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b';
const RESPONSE = '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10';

describe('error mapping', () => {
  it('answers an unexpected error as internal_error without its message, and logs it', async () => {
    // Prepare
    const { handler, logs } = recordingEchoStack(new TypeError('secret detail at /var/task/handler.js:1'));
    // Act
    const result = (await handler(httpApiV2Event({ conversationId: CONVERSATION, body: { responseId: RESPONSE } }), lambdaContext())) as { statusCode: number; body: string };
    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('secret detail');
    expect(JSON.parse(result.body).error).toEqual({ code: 'internal_error', message: 'An unexpected error occurred.' });
    expect(logs).toEqual([expect.objectContaining({ level: 'error', fields: expect.objectContaining({ code: 'internal_error' }) })]);
  });

  it('carries the Genesys contextId and a Retry-After header', async () => {
    // Prepare
    const throttled = new AppError('upstream_throttled', 'Genesys kept throttling.', { genesysContextId: 'ctx-1', retryAfterSeconds: 7 });
    const { handler } = recordingEchoStack(throttled);
    // Act
    const result = (await handler(httpApiV2Event({ conversationId: CONVERSATION, body: { responseId: RESPONSE } }), lambdaContext())) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    // Assess
    expect(result.statusCode).toBe(503);
    expect(result.headers['Retry-After']).toBe('7');
    expect(JSON.parse(result.body).error).toEqual({ code: 'upstream_throttled', message: 'Genesys kept throttling.', genesysContextId: 'ctx-1' });
  });
});
