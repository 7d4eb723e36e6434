import { describe, expect, it } from 'vitest';
import { httpApiV2Event, lambdaContext, restApiV1Event } from '../../support/events';
import { recordingEchoStack } from '../../support/middleware-stack';

/** The event normaliser, through the contract middlewares around an echoing handler. */

const CONVERSATION = '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b';
const RESPONSE = '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10';

describe('HTTP entry points', () => {
  it.each([
    ['HTTP API v2', httpApiV2Event],
    ['REST API v1', restApiV1Event],
  ])('%s: merges the path id into the body and answers 200 JSON', async (_name, build) => {
    // Prepare
    const { handler } = recordingEchoStack();
    const event = build({ conversationId: CONVERSATION, body: { responseId: RESPONSE, substitutions: { CUSTOMER_NAME: 'Ana' } }, headers: { 'Idempotency-Key': 'order-42' } });
    // Act
    const result = (await handler(event, lambdaContext())) as { statusCode: number; headers: Record<string, string>; body: string };
    // Assess
    expect(result.statusCode).toBe(200);
    expect(result.headers['Content-Type']).toMatch(/^application\/json/);
    expect(JSON.parse(result.body)).toEqual({
      received: { conversationId: CONVERSATION, responseId: RESPONSE, substitutions: { CUSTOMER_NAME: 'Ana' } },
      idempotencyKey: 'order-42',
    });
  });

  it('decodes base64 bodies', async () => {
    const { handler } = recordingEchoStack();
    const result = (await handler(httpApiV2Event({ conversationId: CONVERSATION, body: { responseId: RESPONSE }, base64: true }), lambdaContext())) as { statusCode: number };
    expect(result.statusCode).toBe(200);
  });

  it.each([
    ['a body that is not JSON', { raw: true, body: '{"responseId":' }, 400, 'invalid_json'],
    ['an empty body', { raw: true, body: '' }, 400, 'invalid_json'],
    ['a form-encoded body', { raw: true, body: 'responseId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
  ])('rejects %s', async (_name, request, status, code) => {
    // Prepare
    const { handler } = recordingEchoStack();
    // Act
    const result = (await handler(httpApiV2Event({ conversationId: CONVERSATION, ...request }), lambdaContext())) as { statusCode: number; body: string };
    // Assess
    expect(result.statusCode).toBe(status);
    expect(JSON.parse(result.body).error.code).toBe(code);
  });

  it('accepts JSON media types with parameters', async () => {
    const { handler } = recordingEchoStack();
    const event = httpApiV2Event({ conversationId: CONVERSATION, body: { responseId: RESPONSE }, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(((await handler(event, lambdaContext())) as { statusCode: number }).statusCode).toBe(200);
  });

  it('lists every problem of a bad request, by path, in one 400', async () => {
    // Prepare
    const { handler } = recordingEchoStack();
    const event = httpApiV2Event({
      conversationId: 'not-a-uuid',
      body: { responseId: 'nope', communicationId: 42, substitutions: { 'bad {key}': 'x', OK: 'y'.repeat(2001) }, extra: true },
      headers: { 'Idempotency-Key': '' },
    });
    const context = lambdaContext();
    // Act
    const result = (await handler(event, context)) as { statusCode: number; body: string };
    // Assess
    const body = JSON.parse(result.body);
    expect(result.statusCode).toBe(400);
    expect(body.requestId).toBe(context.awsRequestId);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(
      ['(body)', 'Idempotency-Key', 'communicationId', 'conversationId', 'responseId', 'substitutions.OK', 'substitutions.bad {key}'].sort(),
    );
  });
});
