import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { httpApiV2Event, lambdaContext } from '../support/events';
import { httpAnswer, useStack } from '../support/stack';

/**
 * How the function behaves when Genesys misbehaves, driven by the emulator's fault injection:
 * reads and the token grant are retried, the send only on 429, and every failure answers within the
 * invocation's deadline.
 */
const stack = useStack();

const derived = { responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'Ana' } };
const given = { ...derived, communicationId: SEED.communications.activeAgent };

async function send(body: object, budgetMs = 10_000) {
  const started = performance.now();
  const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: SEED.conversations.active, body }), lambdaContext(budgetMs)));
  return { ...answer, elapsedMs: performance.now() - started };
}

describe('retried: reads and the token grant', () => {
  it('waits out 429 with Retry-After twice, then succeeds', async () => {
    // Prepare
    stack.emulator.faults.inject('getResponse', { kind: 'status', status: 429, retryAfter: 1 }, 2);
    // Act
    const answer = await send(given);
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(stack.emulator.calls.count('getResponse')).toBe(3);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(2_000);
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    stack.emulator.faults.inject('getConversation', { kind: 'status', status: 429, retryAfter: new Date(Date.now() + 1_000).toUTCString() });
    const answer = await send(derived);
    expect(answer.statusCode).toBe(200);
    expect(stack.emulator.calls.count('getConversation')).toBe(2);
  });

  it.each([
    ['503 on GET twice', 'getResponse', { kind: 'status', status: 503 } as const, 2],
    ['a dropped connection on GET', 'getConversation', { kind: 'drop' } as const, 1],
    ['502 from the token endpoint', 'token', { kind: 'status', status: 502 } as const, 1],
  ] as const)('recovers from %s', async (_name, route, fault, count) => {
    // Prepare
    stack.emulator.faults.inject(route, fault, count);
    // Act
    const answer = await send(derived);
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(stack.emulator.calls.count(route)).toBe(count + 1);
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
  });

  it('answers 503 with Retry-After at once when the wait would outlast the deadline', async () => {
    // Prepare
    stack.emulator.faults.inject('getResponse', { kind: 'status', status: 429, retryAfter: 60 });
    // Act
    const answer = await send(given, 5_000);
    // Assess
    expect(answer.statusCode).toBe(503);
    expect(answer.body.error.code).toBe('upstream_throttled');
    expect(answer.headers['Retry-After']).toBe('60');
    expect(answer.elapsedMs).toBeLessThan(1_000);
    expect(stack.emulator.calls.count('getResponse')).toBe(1);
  });
});

describe('the send: retried on 429 only, never twice to a customer', () => {
  it('retries a throttled send (Genesys did not process it) and delivers one message', async () => {
    stack.emulator.faults.inject('sendMessage', { kind: 'status', status: 429, retryAfter: 1 }, 2);
    const answer = await send(given);
    expect(answer.statusCode).toBe(200);
    expect(stack.emulator.calls.count('sendMessage')).toBe(3);
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
  });

  it.each([
    ['500', { kind: 'status', status: 500 } as const, 502, 'upstream_error'],
    ['503', { kind: 'status', status: 503 } as const, 502, 'upstream_error'],
    ['a dropped connection', { kind: 'drop' } as const, 502, 'upstream_error'],
  ] as const)('answers %s with one POST only', async (_name, fault, status, code) => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', fault);
    // Act
    const answer = await send(given);
    // Assess
    expect([answer.statusCode, answer.body.error.code]).toEqual([status, code]);
    expect(stack.emulator.calls.count('sendMessage')).toBe(1);
  });
});

describe('deadlines', () => {
  it('answers 504 within the budget when the send hangs with 3 s left, after one POST', async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'hang' });
    // Act
    const answer = await send(given, 3_000);
    // Assess: the post gets the budget less the 1 s kept back to look for the message (2.5 s - 1 s).
    expect(answer.statusCode).toBe(504);
    expect(answer.body.error.code).toBe('upstream_timeout');
    expect(answer.elapsedMs).toBeLessThan(3_000);
    expect(answer.elapsedMs).toBeGreaterThan(1_400);
    expect(stack.emulator.calls.count('sendMessage')).toBe(1);
  });

  it('answers 504 within the budget when a read hangs', async () => {
    stack.emulator.faults.inject('getConversation', { kind: 'hang' }, 5);
    const answer = await send(derived, 3_000);
    expect(answer.statusCode).toBe(504);
    expect(answer.elapsedMs).toBeLessThan(3_000);
    expect(stack.emulator.state.sentMessages).toHaveLength(0);
  });

  it('answers 504 when slow answers use up the budget across retries', async () => {
    // Prepare: every read is slow and fails, so retries run into the deadline.
    stack.emulator.faults.latency('getResponse', 600);
    stack.emulator.faults.inject('getResponse', { kind: 'status', status: 500 }, 10);
    // Act
    const answer = await send(given, 2_000);
    // Assess
    expect([504, 502]).toContain(answer.statusCode);
    expect(answer.elapsedMs).toBeLessThan(2_000);
  });
});

describe('token revocation', () => {
  it('refreshes once and sends once when the token is revoked between messages', async () => {
    // Prepare
    await send(given);
    stack.emulator.calls.reset();
    stack.emulator.faults.revokeTokens();
    // Act
    const answer = await send(given);
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(stack.emulator.calls.counts()).toMatchObject({ token: 1, sendMessage: 2 });
    expect(stack.emulator.state.sentMessages).toHaveLength(2);
  });

  it('answers 502 upstream_auth_failed when even the new token is refused', async () => {
    // Prepare: the client loses its permission; every API call answers 401.
    stack.emulator.faults.inject('getResponse', { kind: 'status', status: 401 }, 5);
    // Act
    const answer = await send(given);
    // Assess
    expect([answer.statusCode, answer.body.error.code]).toEqual([502, 'upstream_auth_failed']);
    expect(stack.emulator.calls.count('getResponse')).toBe(2);
    expect(stack.emulator.calls.count('token')).toBe(2);
  });
});
