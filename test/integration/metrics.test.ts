import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { type EmfLine, emfLines, valuesOf } from '../support/emf';
import { useStack } from '../support/stack';

const stack = useStack();

const CUSTOMER_NAME = 'Ana Customer-Marker';
const directEvent = (conversationId: string) => ({
  conversationId,
  responseId: SEED.responses.welcome,
  substitutions: { CUSTOMER_NAME },
});

/** Invokes the handler and returns the EMF lines written during that invocation. */
async function metricsOf(event: unknown): Promise<EmfLine[]> {
  const before = stack.output().length;
  await stack.invoke(event);
  return emfLines(stack.output().slice(before));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('metrics (EMF on stdout)', () => {
  it('a sent message: MessagesSent, one GenesysLatency per Genesys call, then cache hits on the warm container', async () => {
    // Act
    const cold = await metricsOf(directEvent(SEED.conversations.active));
    const warm = await metricsOf(directEvent(SEED.conversations.active));
    // Assess
    expect(cold.every((line) => line._aws.CloudWatchMetrics.every((set) => set.Namespace === 'GenesysCannedResponse'))).toBe(true);
    expect(valuesOf(cold, 'MessagesSent')).toEqual([1]);
    // token, canned response, conversation, send
    expect(valuesOf(cold, 'GenesysLatency')).toHaveLength(4);
    for (const ms of valuesOf(cold, 'GenesysLatency')) expect(ms).toBeGreaterThanOrEqual(0);
    expect(valuesOf(cold, 'ResponseCacheHits')).toEqual([]);
    expect(valuesOf(warm, 'MessagesSent')).toEqual([1]);
    // conversation, send: the canned response comes from the cache, the token (and secret) for both calls too
    expect(valuesOf(warm, 'GenesysLatency')).toHaveLength(2);
    expect(valuesOf(warm, 'ResponseCacheHits')).toEqual([1]);
    expect(sum(valuesOf(warm, 'TokenCacheHits'))).toBe(2);
    expect(sum(valuesOf(warm, 'SecretCacheHits'))).toBe(2);
    expect(valuesOf(warm, 'Failures')).toEqual([]);
  });

  it('a failure: Failures in total and by contract code, nothing sent', async () => {
    // Act
    const lines = await metricsOf(directEvent(SEED.conversations.ended));
    // Assess
    expect(valuesOf(lines, 'Failures')).toEqual([1]);
    const byCode = lines.filter((line) => line.code !== undefined);
    expect(byCode).toEqual([expect.objectContaining({ code: 'conversation_not_active', Failures: 1 })]);
    expect(valuesOf(lines, 'Failures', ['service', 'code'])).toEqual([1]);
    expect(valuesOf(lines, 'MessagesSent')).toEqual([]);
  });

  it('counts each 429 Genesys answered as a Throttle, even when the retry then succeeds', async () => {
    // Prepare
    stack.emulator.faults.inject('getResponse', { kind: 'status', status: 429, retryAfter: 0 }, 2);
    // Act
    const lines = await metricsOf(directEvent(SEED.conversations.active));
    // Assess
    expect(valuesOf(lines, 'Throttles')).toEqual([1, 1]);
    expect(valuesOf(lines, 'MessagesSent')).toEqual([1]);
  });

  it('carries no customer text and no ids in any metric line', async () => {
    // Act
    const lines = [
      ...(await metricsOf(directEvent(SEED.conversations.active))),
      ...(await metricsOf(directEvent(SEED.conversations.ended))),
    ];
    // Assess
    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(0);
    for (const value of [CUSTOMER_NAME, SEED.conversations.active, SEED.conversations.ended, SEED.responses.welcome, SEED.agentUserId]) {
      expect(text).not.toContain(value);
    }
    expect(text).not.toMatch(/Hello|Welcome/i);
  });
});
