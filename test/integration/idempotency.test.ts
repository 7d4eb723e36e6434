import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { SEED } from '../../emulator';
import { AppError } from '../../src/errors';
import { type SendInputFn, withIdempotency } from '../../src/idempotency';
import type { SendResult } from '../../src/schema';
import type { SendInput, SendRequest } from '../../src/types';
import { useIdempotencyTable } from '../support/dynamodb';
import { appErrorRejectedBy } from '../support/errors';
import { httpApiV2Event, lambdaContext } from '../support/events';
import { httpAnswer, thrownBody, useStack } from '../support/stack';

/** Idempotency against a real DynamoDB implementation (dynalite, in process on 127.0.0.1). */
const TABLE = 'genesys-canned-response-test-idempotency';
useIdempotencyTable(TABLE);

const CONVERSATION = '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b';
const OTHER_CONVERSATION = '0c6d1f5e-8a7b-4c3d-9e2f-1a0b9c8d7e6f';

function event(idempotencyKey: string, input: Partial<SendInput> = {}): SendRequest {
  return {
    entry: 'direct',
    idempotencyKey,
    input: { conversationId: CONVERSATION, responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'Ana' }, ...input },
  };
}

/** A send that counts its calls and answers with a fresh message id each time (so a replay is recognisable). */
function countingSend(options: { delayMs?: number; failFirst?: boolean } = {}) {
  let calls = 0;
  const send = vi.fn<SendInputFn>(async (input): Promise<SendResult> => {
    calls += 1;
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (options.failFirst && calls === 1) throw new AppError('upstream_error', 'Genesys answered HTTP 500 while sending the message.');
    return {
      messageId: `message-${calls}`,
      conversationId: input.conversationId,
      communicationId: SEED.communications.activeAgent,
      responseId: input.responseId,
      responseName: 'Welcome',
      text: `Hello ${input.substitutions.CUSTOMER_NAME}`,
      status: 'sent',
      timestamp: new Date().toISOString(),
    };
  });
  return send;
}

describe('idempotent send against dynalite', () => {
  it('sends once for a repeated key and answers every repeat with the first result', async () => {
    // Prepare
    const send = countingSend();
    const sendOnce = withIdempotency(send, { tableName: TABLE });
    const key = randomUUID();
    // Act
    const first = await sendOnce(event(key), lambdaContext());
    const repeats = [await sendOnce(event(key), lambdaContext()), await sendOnce(event(key), lambdaContext())];
    // Assess
    expect(send).toHaveBeenCalledTimes(1);
    expect(repeats).toEqual([first, first]);
  });

  it('lets exactly one of several concurrent duplicates send; the others get 409 request_in_progress', async () => {
    // Prepare
    // The send outlasts every other claim by far, even on a loaded machine (dynalite answers in ms when idle).
    const send = countingSend({ delayMs: 1_500 });
    const sendOnce = withIdempotency(send, { tableName: TABLE });
    const key = randomUUID();
    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => sendOnce(event(key), lambdaContext())));
    // Assess
    expect(send).toHaveBeenCalledTimes(1);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(refused).toHaveLength(4);
    for (const error of refused) expect(error).toMatchObject({ code: 'request_in_progress', status: 409 });
  });

  it('refuses the same key with a different request: 400 validation_failed naming the key', async () => {
    // Prepare
    const send = countingSend();
    const sendOnce = withIdempotency(send, { tableName: TABLE });
    const key = randomUUID();
    await sendOnce(event(key), lambdaContext());
    // Act
    const refusal = await appErrorRejectedBy(sendOnce(event(key, { substitutions: { CUSTOMER_NAME: 'Bruno' } }), lambdaContext()));
    // Assess
    expect(refusal).toMatchObject({ code: 'validation_failed', status: 400, details: [{ path: 'idempotencyKey', message: expect.stringContaining('new key') }] });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed attempt: the retry sends, and only then is the key answered from the record', async () => {
    // Prepare
    const send = countingSend({ failFirst: true });
    const sendOnce = withIdempotency(send, { tableName: TABLE });
    const key = randomUUID();
    // Act
    const failed = await appErrorRejectedBy(sendOnce(event(key), lambdaContext()));
    const retried = await sendOnce(event(key), lambdaContext());
    const repeated = await sendOnce(event(key), lambdaContext());
    // Assess
    expect(failed).toMatchObject({ code: 'upstream_error' });
    expect(retried.messageId).toBe('message-2');
    expect(repeated).toEqual(retried);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('keeps the key of a send that may have delivered: a retry gets the same error, never a second send', async () => {
    // Prepare: the send's outcome stayed unknown after the check on the conversation.
    const unknown = new AppError('upstream_error', 'Genesys answered HTTP 503 while sending the message.', {
      genesysContextId: 'ctx-503',
      deliveryUnknown: true,
      details: [{ path: 'delivery', message: 'whether the message was delivered could not be checked' }],
    });
    const send = vi.fn<SendInputFn>(async () => {
      throw unknown;
    });
    const sendOnce = withIdempotency(send, { tableName: TABLE });
    const key = randomUUID();
    // Act
    const first = await appErrorRejectedBy(sendOnce(event(key), lambdaContext()));
    const retried = await appErrorRejectedBy(sendOnce(event(key), lambdaContext()));
    // Assess
    expect(first).toBe(unknown);
    expect(send).toHaveBeenCalledTimes(1);
    expect(retried).toMatchObject({ code: 'upstream_error', status: 502, message: unknown.message, genesysContextId: 'ctx-503' });
    expect(retried.details).toEqual([
      ...unknown.details!,
      { path: 'idempotencyKey', message: expect.stringContaining('may have gone out: check the conversation, then send with a new key') },
    ]);
  });

  it('treats the same key in another conversation as a request of its own', async () => {
    // Prepare
    const send = countingSend();
    const sendOnce = withIdempotency(send, { tableName: TABLE });
    const key = randomUUID();
    // Act
    const here = await sendOnce(event(key), lambdaContext());
    const there = await sendOnce(event(key, { conversationId: OTHER_CONVERSATION }), lambdaContext());
    // Assess
    expect(send).toHaveBeenCalledTimes(2);
    expect(there.conversationId).toBe(OTHER_CONVERSATION);
    expect(there.messageId).not.toBe(here.messageId);
  });
});

describe('idempotency through the real handler, Genesys emulator and dynalite', () => {
  const welcome = { responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'Ana' } };
  const active = SEED.conversations.active;

  const stack = useStack({ env: { IDEMPOTENCY_TABLE: TABLE } });

  it('HTTP: a retried request with the same Idempotency-Key puts one message into the conversation', async () => {
    // Prepare
    const key = randomUUID();
    const request = () => httpApiV2Event({ conversationId: active, body: welcome, headers: { 'Idempotency-Key': key } });
    // Act
    const first = httpAnswer(await stack.invoke(request()));
    const retry = httpAnswer(await stack.invoke(request()));
    // Assess
    expect(first.statusCode).toBe(200);
    expect(retry).toEqual(first);
    expect(stack.emulator.calls.count('sendMessage')).toBe(1);
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
  });

  it('HTTP: a send whose delivery could not be checked keeps its key; the retry is answered the same and sends nothing', async () => {
    // Prepare: the post fails 503 (it may have been processed), and the check cannot read the conversation.
    stack.emulator.faults.inject('sendMessage', { kind: 'status', status: 503 });
    stack.emulator.faults.inject('getMessageConversation', { kind: 'status', status: 500 }, 8);
    const key = randomUUID();
    const request = () => httpApiV2Event({ conversationId: active, body: welcome, headers: { 'Idempotency-Key': key } });
    // Act
    const first = httpAnswer(await stack.invoke(request()));
    const retry = httpAnswer(await stack.invoke(request()));
    // Assess
    expect(first.statusCode).toBe(502);
    expect(first.body.error.details).toEqual([{ path: 'delivery', message: expect.stringContaining('could not be checked') }]);
    expect(retry.statusCode).toBe(502);
    expect(retry.body.error).toMatchObject({ code: first.body.error.code, genesysContextId: first.body.error.genesysContextId });
    expect(retry.body.error.details).toEqual([
      ...first.body.error.details,
      { path: 'Idempotency-Key', message: expect.stringContaining('send with a new key') },
    ]);
    expect(stack.emulator.calls.count('sendMessage')).toBe(1);
  });

  it('direct: a reused key with other substitutions is refused and sends nothing more', async () => {
    // Prepare
    const key = randomUUID();
    const direct = (name: string) => ({ conversationId: active, responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: name }, idempotencyKey: key });
    await stack.invoke(direct('Ana'));
    // Act
    const refusal = thrownBody(await stack.invoke(direct('Bruno')));
    // Assess
    expect(refusal.name).toBe('validation_failed');
    expect(refusal.body.error.details).toEqual([{ path: 'idempotencyKey', message: expect.any(String) }]);
    expect(stack.emulator.calls.count('sendMessage')).toBe(1);
  });
});
