import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { httpApiV2Event, lambdaContext, restApiV1Event } from '../support/events';
import { httpAnswer, thrownBody, useStack } from '../support/stack';

const stack = useStack();

const welcome = { responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'Ana' } };
const active = SEED.conversations.active;

describe('entry points', () => {
  it('HTTP API v2: sends the built text and answers 200 with the contract body', async () => {
    // Act
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: active, body: welcome })));
    // Assess
    expect(answer.statusCode).toBe(200);
    const sent = stack.emulator.state.sentMessages;
    expect(sent).toHaveLength(1);
    expect(sent[0]!.request).toEqual({ textBody: answer.body.text });
    expect(answer.body).toEqual({
      messageId: sent[0]!.messageData.id,
      conversationId: active,
      communicationId: SEED.communications.activeAgent,
      responseId: SEED.responses.welcome,
      responseName: expect.any(String),
      text: expect.stringContaining('Ana'),
      status: sent[0]!.messageData.status,
      timestamp: sent[0]!.messageData.timestamp,
    });
    expect(answer.body.text).not.toContain('{{');
  });

  it('REST API v1: same behaviour', async () => {
    const answer = httpAnswer(await stack.invoke(restApiV1Event({ conversationId: active, body: welcome })));
    expect(answer.statusCode).toBe(200);
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
  });

  it('direct invocation: returns the success object itself', async () => {
    // Act
    const outcome = await stack.invoke({ conversationId: active, ...welcome, orgId: 'org-1' });
    // Assess
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.value).toMatchObject({ conversationId: active, status: 'sent', communicationId: SEED.communications.activeAgent });
  });
});

describe('build', () => {
  it("fills a placeholder without a value from the response's default", async () => {
    const outcome = await stack.invoke({ conversationId: active, ...welcome });
    expect(outcome.ok && (outcome.value as { text: string }).text).toContain('your agent');
  });

  it('refuses a placeholder with neither value nor default, sending nothing', async () => {
    // Act
    const { name, body } = thrownBody(await stack.invoke({ conversationId: active, responseId: SEED.responses.welcome }));
    // Assess
    expect(name).toBe('response_not_sendable');
    expect(body.error.message).toContain('CUSTOMER_NAME');
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });

  it('sends an HTML response as readable plain text', async () => {
    // Act
    const outcome = await stack.invoke({ conversationId: active, responseId: SEED.responses.openingHours });
    // Assess
    const text = (outcome.ok && (outcome.value as { text: string }).text) || '';
    expect(text).not.toMatch(/<[a-z/][^>]*>/i);
    expect(text).toMatch(/^• /m);
    expect(text).toMatch(/\(https:\/\/example\.com\/hours\)/);
    expect(stack.emulator.state.sentMessages[0]!.request.textBody).toBe(text);
  });

  it.each([
    ['a messaging template', SEED.responses.template],
    ['an email response', SEED.responses.emailOnly],
    ['a response over 2,000 characters', SEED.responses.tooLong],
  ])('refuses %s with 422', async (_name, responseId) => {
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: active, body: { responseId } })));
    expect(answer.statusCode).toBe(422);
    expect(answer.body.error.code).toBe('response_not_sendable');
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });
});

describe('communication resolution', () => {
  it('uses a given communicationId without reading the conversation', async () => {
    // Act
    const outcome = await stack.invoke({ conversationId: active, communicationId: SEED.communications.activeAgent, ...welcome });
    // Assess
    expect(outcome.ok).toBe(true);
    expect(stack.emulator.calls.counts()).toMatchObject({ getConversation: 0, getResponse: 1, sendMessage: 1 });
  });

  it('picks the connected agent after a transfer, and honours agentUserId', async () => {
    // Act
    const derived = await stack.invoke({ conversationId: SEED.conversations.activeTwoAgents, ...welcome });
    const firstAgent = await stack.invoke({ conversationId: SEED.conversations.activeTwoAgents, agentUserId: SEED.agentUserId, ...welcome });
    // Assess
    expect(derived.ok && (derived.value as { communicationId: string }).communicationId).toBe(SEED.communications.activeTwoAgentsSecondAgent);
    expect(thrownBody(firstAgent).name).toBe('conversation_not_active');
  });

  it.each([
    ['an ended conversation', SEED.conversations.ended, undefined],
    ['a conversation still in queue', SEED.conversations.noAgent, undefined],
    ['a disconnected communication given by the caller', SEED.conversations.ended, SEED.communications.endedAgent],
  ])('answers 409 conversation_not_active for %s', async (_name, conversationId, communicationId) => {
    // Act
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId, body: { ...welcome, ...(communicationId ? { communicationId } : {}) } })));
    // Assess
    expect(answer.statusCode).toBe(409);
    expect(answer.body.error.code).toBe('conversation_not_active');
    expect(stack.emulator.state.sentMessages).toHaveLength(0);
  });
});

describe('not found', () => {
  it('answers 404 response_not_found with the Genesys contextId', async () => {
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: active, body: { responseId: '00000000-0000-4000-8000-000000000000' } })));
    expect(answer.statusCode).toBe(404);
    expect(answer.body.error.code).toBe('response_not_found');
    expect(answer.body.error.genesysContextId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 conversation_not_found, derived or with a given communication', async () => {
    const unknown = '11111111-1111-4111-8111-111111111111';
    const derived = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: unknown, body: welcome })));
    const given = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: unknown, body: { ...welcome, communicationId: SEED.communications.activeAgent } })));
    expect([derived.statusCode, derived.body.error.code]).toEqual([404, 'conversation_not_found']);
    expect([given.statusCode, given.body.error.code]).toEqual([404, 'conversation_not_found']);
  });
});

describe('token and secret caching', () => {
  it('50 concurrent cold invocations make exactly one token request and one secret read', async () => {
    // Act
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => stack.invoke({ conversationId: active, communicationId: SEED.communications.activeAgent, ...welcome })),
    );
    // Assess
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(stack.emulator.calls.count('token')).toBe(1);
    expect(stack.secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(stack.emulator.calls.count('getResponse')).toBe(1);
    expect(stack.emulator.calls.count('sendMessage')).toBe(50);
  });

  it('a warm container reuses the token, the secret and the response: one Genesys call per message', async () => {
    // Prepare
    await stack.invoke({ conversationId: active, communicationId: SEED.communications.activeAgent, ...welcome });
    stack.emulator.calls.reset();
    stack.secretsManager.resetHistory();
    // Act
    for (let i = 0; i < 5; i += 1) await stack.invoke({ conversationId: active, communicationId: SEED.communications.activeAgent, ...welcome });
    // Assess
    expect(stack.emulator.calls.counts()).toMatchObject({ token: 0, getResponse: 0, sendMessage: 5 });
    expect(stack.secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});

describe('upstream failures', () => {
  it('answers 502 upstream_auth_failed when Genesys rejects the OAuth client', async () => {
    // Prepare
    stack.emulator.state.oauthClients.set(SEED.clientId, 'rotated-elsewhere');
    // Act
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: active, body: welcome })));
    // Assess
    expect(answer.statusCode).toBe(502);
    expect(answer.body.error.code).toBe('upstream_auth_failed');
    expect(answer.body.error.message).toContain('invalid_client');
  });

  it('answers 502 upstream_error for a malformed answer', async () => {
    stack.emulator.faults.inject('getResponse', { kind: 'malformed' });
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: active, body: welcome })));
    expect([answer.statusCode, answer.body.error.code]).toEqual([502, 'upstream_error']);
  });

  it('answers 503 upstream_throttled with Retry-After when Genesys keeps throttling', async () => {
    // Prepare
    stack.emulator.faults.inject('getResponse', { kind: 'status', status: 429, retryAfter: 30 }, 10);
    // Act
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: active, body: welcome })));
    // Assess
    expect(answer.statusCode).toBe(503);
    expect(answer.body.error.code).toBe('upstream_throttled');
    expect(answer.headers['Retry-After']).toBe('30');
  });
});

describe('configuration', () => {
  it('answers 500 configuration_error for a missing secret, naming no secret content', async () => {
    // Prepare
    stack.coldStart({ GENESYS_SECRET_ID: 'does/not/exist' });
    // Act
    const { name, body } = thrownBody(await stack.invoke({ conversationId: active, ...welcome }));
    // Assess
    expect(name).toBe('configuration_error');
    expect(body.error.message).toContain('ResourceNotFoundException');
  });

  it('answers 500 configuration_error for a plain-http override to a remote host', async () => {
    stack.coldStart({ GENESYS_API_URL: 'http://api.mypurecloud.com' });
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: active, body: welcome })));
    expect(answer.statusCode).toBe(500);
    expect(answer.body.error.code).toBe('configuration_error');
    expect(answer.body.error.message).toContain('GENESYS_API_URL');
    expect(stack.emulator.calls.list()).toHaveLength(0);
  });

  it('answers 500 configuration_error for an incomplete secret', async () => {
    stack.secretsManager.on(GetSecretValueCommand, { SecretId: 'incomplete' }).resolves({ SecretString: JSON.stringify({ clientId: SEED.clientId }) });
    stack.coldStart({ GENESYS_SECRET_ID: 'incomplete' });
    const { name, body } = thrownBody(await stack.invoke({ conversationId: active, ...welcome }));
    expect(name).toBe('configuration_error');
    expect(body.error.message).toContain('clientSecret');
  });

  it('answers 500 configuration_error for an unknown LOG_LEVEL', async () => {
    stack.coldStart({ LOG_LEVEL: 'LOUD' });
    const { name, body } = thrownBody(await stack.invoke({ conversationId: active, ...welcome }));
    expect(name).toBe('configuration_error');
    expect(body.error.message).toContain('LOG_LEVEL');
    stack.coldStart({ LOG_LEVEL: undefined });
  });
});

describe('logs and bodies', () => {
  it('log each send once, with its ids and without the message text', async () => {
    // Prepare
    const context = lambdaContext();
    // Act
    const outcome = await stack.invoke({ conversationId: active, ...welcome }, context);
    // Assess
    const result = (outcome.ok ? outcome.value : {}) as { messageId: string; text: string };
    const lines = stack.logLines().filter((line) => line.function_request_id === context.awsRequestId && line.outcome === 'sent');
    expect(lines).toEqual([expect.objectContaining({ messageId: result.messageId, conversationId: active, responseId: welcome.responseId, status: 'sent' })]);
    expect(JSON.stringify(lines)).not.toContain(result.text);
  });

  it('carry the request id on every line, and never the secret, the token or a stack trace', async () => {
    // Prepare
    const context = lambdaContext();
    stack.emulator.faults.inject('sendMessage', { kind: 'status', status: 500 });
    // Act
    const answer = await stack.invoke(httpApiV2Event({ conversationId: active, body: welcome }), context);
    await stack.invoke({ conversationId: active, ...welcome });
    stack.emulator.faults.revokeTokens();
    const direct = await stack.invoke({ conversationId: active, responseId: '00000000-0000-4000-8000-000000000000' });
    const tokens = stack.emulator.issuedTokens();
    // Assess
    const lines = stack.logLines().filter((line) => line.function_request_id === context.awsRequestId);
    expect(lines.length).toBeGreaterThan(0);
    const everything = stack.output() + JSON.stringify(answer) + JSON.stringify(thrownBody(direct));
    expect(everything).not.toContain(SEED.clientSecret);
    expect(everything).not.toContain(Buffer.from(`${SEED.clientId}:${SEED.clientSecret}`).toString('base64'));
    expect(new Set(tokens).size).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(everything).not.toContain(token);
    expect(JSON.stringify(answer)).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
