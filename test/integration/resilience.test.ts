import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEED } from '../../emulator';
import { httpApiV2Event, lambdaContext } from '../support/events';
import { httpAnswer, SEED_SECRET_STRING, useStack } from '../support/stack';

/**
 * The function keeps working when something it does not need right now fails (a stalled Secrets Manager while the
 * cached secret and token are good), and answers throttling in the contract's terms. The secret's TTL is 0, so
 * every invocation wants a fresh secret without any waiting.
 */
const stack = useStack({ env: { SECRET_TTL_SECONDS: '0' } });

afterEach(() => {
  vi.restoreAllMocks();
  stack.secretsManager.on(GetSecretValueCommand, { SecretId: SEED.secretId }).resolves({ SecretString: SEED_SECRET_STRING });
});

const given = { responseId: SEED.responses.welcome, communicationId: SEED.communications.activeAgent, substitutions: { CUSTOMER_NAME: 'Ana' } };

async function send(budgetMs = 10_000) {
  const started = performance.now();
  const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: SEED.conversations.active, body: given }), lambdaContext(budgetMs)));
  return { ...answer, elapsedMs: performance.now() - started };
}

describe('dependencies the message does not need', () => {
  it('a stalled Secrets Manager past the secret TTL: answered at once from the cached secret and token', async () => {
    // Prepare
    expect((await send()).statusCode).toBe(200);
    stack.secretsManager.on(GetSecretValueCommand, { SecretId: SEED.secretId }).callsFake(() => new Promise(() => {}));
    // Act
    const answer = await send();
    // Assess
    expect(answer.statusCode).toBe(200);
    // Generous for a loaded machine; the stall itself would hold the answer until the 9.5 s deadline.
    expect(answer.elapsedMs).toBeLessThan(1_500);
    expect(stack.emulator.state.sentMessages).toHaveLength(2);
  });
});

describe('failed refreshes behind a working cache', () => {
  it('a failing Secrets Manager past the secret TTL: the cached secret serves the message, and a WARN line says why', async () => {
    // Prepare
    expect((await send()).statusCode).toBe(200);
    stack.secretsManager
      .on(GetSecretValueCommand, { SecretId: SEED.secretId })
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    // Act
    const answer = await send();
    // Assess
    expect(answer.statusCode).toBe(200);
    const throttledRefreshes = () =>
      stack
        .logLines()
        .filter((line) => line.level === 'WARN' && (line.cause as { cause?: { name?: string } } | undefined)?.cause?.name === 'ThrottlingException');
    await vi.waitFor(() => expect(throttledRefreshes()).toHaveLength(1));
    expect(throttledRefreshes()[0]).toMatchObject({
      message: expect.stringContaining('credentials secret refresh failed'),
      cause: { code: 'internal_error', message: 'The credentials secret could not be read right now.', cause: { message: 'Rate exceeded' } },
    });
  });
});

describe('throttling answers', () => {
  it('answers 503 at once when the wait actually taken (with its jitter) would outlast the deadline', async () => {
    // Prepare: Retry-After 9 s against a 9.5 s budget; the jitter axios-retry adds (up to 20 %) at its largest.
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    stack.emulator.faults.inject('getResponse', { kind: 'status', status: 429, retryAfter: 9 }, 5);
    // Act
    const answer = await send(10_000);
    // Assess
    expect(answer.statusCode).toBe(503);
    expect(answer.body.error.code).toBe('upstream_throttled');
    expect(answer.elapsedMs).toBeLessThan(2_000);
  });

  it.each([
    ['Infinity', 300],
    ['1e400', 300],
    ['1e10', 300],
    ['-5', 1],
    ['soon', 1],
  ])('answers Retry-After %s from Genesys as whole seconds, at least 1, capped: %i', async (retryAfter, seconds) => {
    // Prepare
    stack.emulator.faults.inject('getResponse', { kind: 'status', status: 429, retryAfter }, 5);
    // Act
    const answer = await send(3_000);
    // Assess
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['Retry-After']).toBe(String(seconds));
  });
});
