import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SEED } from '../../emulator';
import { LOCAL_AWS_ENV, type LocalDynamoDB, startDynamoDB } from '../support/dynamodb';
import { httpApiV2Event, lambdaContext } from '../support/events';
import { type StallingProxy, startStallingProxy } from '../support/stalling-proxy';
import { httpAnswer, useStack } from '../support/stack';

/**
 * A stalled idempotency store (dynalite behind a proxy that leaves chosen DynamoDB operations unanswered), through
 * the real handler and the Genesys emulator. Powertools claims a key with PutItem and saves the result with
 * UpdateItem.
 */
const TABLE = 'genesys-canned-response-test-store-faults';
let dynamo: LocalDynamoDB;
let proxy: StallingProxy;

beforeAll(async () => {
  dynamo = await startDynamoDB();
  await dynamo.createIdempotencyTable(TABLE);
  proxy = await startStallingProxy(dynamo.endpoint);
  for (const [name, value] of Object.entries({ ...LOCAL_AWS_ENV, AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint })) vi.stubEnv(name, value);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await proxy.close();
  await dynamo.close();
});
afterEach(() => {
  proxy.release();
  vi.useRealTimers();
});

const stack = useStack({ env: { IDEMPOTENCY_TABLE: TABLE } });

const welcome = { responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'Ana' } };

async function sendWithKey(key: string, budgetMs = 10_000) {
  const started = performance.now();
  const event = httpApiV2Event({ conversationId: SEED.conversations.active, body: welcome, headers: { 'Idempotency-Key': key } });
  const answer = httpAnswer(await stack.invoke(event, lambdaContext(budgetMs)));
  return { ...answer, elapsedMs: performance.now() - started };
}

describe('a stalled idempotency store', () => {
  it('answers a delivered message as delivered when saving its result stalls, and never sends it again for that key', async () => {
    // Prepare
    proxy.stall('UpdateItem');
    const key = randomUUID();
    // Act
    const first = await sendWithKey(key);
    proxy.release();
    // Past any bound tied to the first invocation's own timeout, well within the key's hour.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    const retry = await sendWithKey(key);
    // Assess
    expect(proxy.count('UpdateItem')).toBeGreaterThanOrEqual(1);
    expect(first.statusCode).toBe(200);
    expect(first.body.messageId).toBe(stack.emulator.state.sentMessages[0]?.messageData.id);
    // The save gets a bounded share (two store attempts of at most 1 s each), not the invocation's 10 s.
    expect(first.elapsedMs).toBeLessThan(4_000);
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
    expect([200, 409]).toContain(retry.statusCode);
  });

  it('answers a stalled claim promptly with "nothing was sent", not 504 at the deadline', async () => {
    // Prepare
    proxy.stall('PutItem');
    // Act
    const answer = await sendWithKey(randomUUID());
    // Assess
    expect(answer.statusCode).toBe(500);
    expect(answer.body.error).toMatchObject({ code: 'internal_error', message: expect.stringContaining('nothing was sent') });
    expect(answer.elapsedMs).toBeLessThan(4_000);
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });

  it('answers a stalled claim within half of a short timeout, before the deadline, and sends nothing', async () => {
    // Prepare: a 2 s Lambda timeout leaves a 1.5 s deadline; the claim may take half of it.
    proxy.stall('PutItem');
    // Act
    const answer = await sendWithKey(randomUUID(), 2_000);
    // Assess
    expect(answer.statusCode).toBe(500);
    expect(answer.body.error).toMatchObject({ code: 'internal_error', message: expect.stringContaining('nothing was sent') });
    expect(answer.elapsedMs).toBeLessThan(1_400);
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });

  it('answers a slow send as delivered before a short timeout when saving its result stalls', async () => {
    // Prepare: the send takes 400 ms of a 1.5 s deadline (the post may use half); the save never answers.
    proxy.stall('UpdateItem');
    stack.emulator.faults.latency('sendMessage', 400);
    // Act
    const answer = await sendWithKey(randomUUID(), 2_000);
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body.messageId).toBe(stack.emulator.state.sentMessages[0]?.messageData.id);
    expect(answer.elapsedMs).toBeLessThan(1_750);
  });
});
