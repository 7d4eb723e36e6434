import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { httpApiV2Event, lambdaContext, restApiV1Event } from '../../support/events';
import { echoStack, thrownBy } from '../../support/middleware-stack';

const CONVERSATION = '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b';
const RESPONSE = '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10';
const COMMUNICATION = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** The contract middlewares around an echoing handler (or one that throws `fail`), with their log lines recorded. */
function composed(fail?: Error) {
  const logs: LogLine[] = [];
  const record = (level: string) => (message: string, fields: Record<string, unknown>) => logs.push({ level, message, fields });
  const handler = echoStack({ ...(fail ? { fail } : {}), logger: { info: record('info'), warn: record('warn'), error: record('error') } as never });
  return { handler, logs };
}

describe('HTTP entry points', () => {
  it.each([
    ['HTTP API v2', httpApiV2Event],
    ['REST API v1', restApiV1Event],
  ])('%s: merges the path id into the body and answers 200 JSON', async (_name, build) => {
    // Prepare
    const { handler } = composed();
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
    const { handler } = composed();
    const result = (await handler(httpApiV2Event({ conversationId: CONVERSATION, body: { responseId: RESPONSE }, base64: true }), lambdaContext())) as { statusCode: number };
    expect(result.statusCode).toBe(200);
  });

  it.each([
    ['a body that is not JSON', { raw: true, body: '{"responseId":' }, 400, 'invalid_json'],
    ['an empty body', { raw: true, body: '' }, 400, 'invalid_json'],
    ['a form-encoded body', { raw: true, body: 'responseId=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
  ])('rejects %s', async (_name, request, status, code) => {
    // Prepare
    const { handler } = composed();
    // Act
    const result = (await handler(httpApiV2Event({ conversationId: CONVERSATION, ...request }), lambdaContext())) as { statusCode: number; body: string };
    // Assess
    expect(result.statusCode).toBe(status);
    expect(JSON.parse(result.body).error.code).toBe(code);
  });

  it('accepts JSON media types with parameters', async () => {
    const { handler } = composed();
    const event = httpApiV2Event({ conversationId: CONVERSATION, body: { responseId: RESPONSE }, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(((await handler(event, lambdaContext())) as { statusCode: number }).statusCode).toBe(200);
  });

  it('lists every problem of a bad request, by path, in one 400', async () => {
    // Prepare
    const { handler } = composed();
    const event = httpApiV2Event({
      conversationId: 'not-a-uuid',
      body: { responseId: 'nope', communicationId: 42, substitutions: { 'bad key!': 'x', OK: 'y'.repeat(2001) }, extra: true },
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
      ['(body)', 'Idempotency-Key', 'communicationId', 'conversationId', 'responseId', 'substitutions.OK', 'substitutions.bad key!'].sort(),
    );
  });
});

describe('direct invocation', () => {
  it('takes the flat event, ignoring the reserved data action fields and null optionals', async () => {
    // Prepare
    const { handler } = composed();
    const event = {
      conversationId: CONVERSATION,
      responseId: RESPONSE,
      communicationId: COMMUNICATION,
      agentUserId: null,
      substitutions: null,
      idempotencyKey: 'k-1',
      orgId: 'org',
      integrationId: 'int',
      rawRequest: '{}',
    };
    // Act
    const result = await handler(event, lambdaContext());
    // Assess
    expect(result).toEqual({
      received: { conversationId: CONVERSATION, responseId: RESPONSE, communicationId: COMMUNICATION, substitutions: {} },
      idempotencyKey: 'k-1',
    });
  });

  it('throws an Error named by the code whose message is the JSON error body, without a stack', async () => {
    // Prepare
    const { handler } = composed();
    const context = lambdaContext();
    // Act
    const error = await thrownBy(handler({ responseId: RESPONSE, surprise: 1 }, context));
    // Assess
    expect(error.name).toBe('validation_failed');
    const body = JSON.parse(error.message);
    expect(body.requestId).toBe(context.awsRequestId);
    expect(body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['(body)', 'conversationId']);
    expect(error.stack).toBe(`validation_failed: ${error.message}`);
  });

  it.each([['a string', 'hello'], ['an array', [1]], ['null', null]])('rejects %s as the event', async (_name, event) => {
    const error = await thrownBy(composed().handler(event, lambdaContext()));
    expect(error.name).toBe('validation_failed');
  });
});

describe('error mapping', () => {
  it('answers an unexpected error as internal_error without its message, and logs it', async () => {
    // Prepare
    const { handler, logs } = composed(new TypeError('secret detail at /var/task/handler.js:1'));
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
    const { handler } = composed(throttled);
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
