import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { httpApiV2Event, lambdaContext } from '../support/events';
import { httpAnswer, thrownBody, useStack } from '../support/stack';

/**
 * Hostile and careless callers through the real handler: whatever comes in, the answer is the contract's 400 listing
 * the problems, small enough for any caller (and below Lambda's 6 MB response limit), and nothing is sent.
 */
const stack = useStack();

/** The stated bound on an error body (docs/reliability.md). */
const MAX_ERROR_BODY_BYTES = 8 * 1024;
const conversationId = SEED.conversations.active;
const responseId = SEED.responses.welcome;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const event = httpApiV2Event({ conversationId, body, headers });
  const outcome = await stack.invoke(event, lambdaContext());
  if (!outcome.ok) throw outcome.error;
  const raw = (outcome.value as { body: string }).body;
  return { ...httpAnswer(outcome), bytes: Buffer.byteLength(raw) };
}

describe('large bad input gets a small, complete 400', () => {
  it.each([
    ['130,000 invalid substitution keys (1.25 MB)', () => Object.fromEntries(Array.from({ length: 130_000 }, (_, i) => [`k${i}!`, 'x']))],
    ['200 keys of 2,000 invalid characters each', () => Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`${i}${'!'.repeat(2_000)}`, 'x']))],
    ['one key of a million characters', () => ({ ['{'.repeat(1_000_000)]: 'x' })],
    ['300 values over the length limit', () => Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`K${i}`, 'v'.repeat(2_001)]))],
  ])('%s', async (_name, substitutions) => {
    // Act
    const answer = await post({ responseId, substitutions: substitutions() });
    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    expect(answer.bytes).toBeLessThan(MAX_ERROR_BODY_BYTES);
    // The first problems are listed and the rest counted, so the caller knows how much is wrong.
    expect(answer.body.error.details.length).toBeGreaterThan(0);
    expect(answer.body.error.details.length).toBeLessThanOrEqual(21);
    expect(answer.body.error.message).toMatch(/\d+ problem/);
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });
});

describe('every problem listed, under the name the caller used', () => {
  it('a __proto__ substitution is named, not dropped', async () => {
    // Act
    const answer = await post(JSON.parse(`{"responseId":"${responseId}","substitutions":{"CUSTOMER_NAME":"Ana","__proto__":"x"}}`));
    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error.details).toEqual([expect.objectContaining({ path: 'substitutions.__proto__' })]);
  });

  it('a bad conversationId and a placeholder given twice (direct) are both reported', async () => {
    // Act
    const outcome = await stack.invoke({ conversationId: 'nope', responseId, substitutions: { CUSTOMER_NAME: 'Ana' }, substitution_CUSTOMER_NAME: 'Ana' });
    // Assess
    const paths = thrownBody(outcome).body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['conversationId', 'substitution_CUSTOMER_NAME']));
  });

  it('51 entries with one bad key report both the key and the entry limit', async () => {
    // Prepare
    const substitutions = Object.fromEntries([...Array.from({ length: 50 }, (_, i) => [`K${i}`, 'x']), ['bad {key}', 'x']]);
    // Act
    const answer = await post({ responseId, substitutions });
    // Assess
    const paths = answer.body.error.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['substitutions.bad {key}', 'substitutions']));
  });

  it('an empty substitution_ input is named as the input it is', async () => {
    // Act
    const outcome = await stack.invoke({ conversationId, responseId, substitution_: 'x' });
    // Assess
    expect(thrownBody(outcome).body.error.details).toEqual([expect.objectContaining({ path: 'substitution_' })]);
  });
});

describe('text that cannot be sent faithfully', () => {
  it('decodes a body declared charset=iso-8859-1', async () => {
    // Prepare
    const body = Buffer.from(JSON.stringify({ responseId, substitutions: { CUSTOMER_NAME: 'José' } }), 'latin1').toString('base64');
    const event = { ...httpApiV2Event({ conversationId, body: '' }), body, isBase64Encoded: true };
    event.headers['content-type'] = 'application/json; charset=iso-8859-1';
    // Act
    const answer = httpAnswer(await stack.invoke(event, lambdaContext()));
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body.text).toContain('Hello José,');
  });

  it.each([
    ['NUL', 'Ana\u0000'],
    ['ESC', '\u001b[31mAna'],
    ['a lone surrogate', 'Ana\ud800'],
    ['a bidi override', '\u202eanA'],
    ['a bidi isolate', '\u2066Ana\u2069'],
  ])('refuses %s in a substitution value with a 400 that says why', async (_name, value) => {
    // Act
    const answer = await post({ responseId, substitutions: { CUSTOMER_NAME: value } });
    // Assess
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error.details).toEqual([{ path: 'substitutions.CUSTOMER_NAME', message: expect.stringMatching(/character/) }]);
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });
});
