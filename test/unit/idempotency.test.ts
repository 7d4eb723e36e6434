import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/errors';
import { type SendInputFn, withIdempotency } from '../../src/idempotency';
import type { SendResult } from '../../src/schema';
import type { SendInput, SendRequest } from '../../src/types';
import { appErrorRejectedBy } from '../support/errors';
import { lambdaContext } from '../support/events';

/** DynamoDB mocked at the SDK boundary: the record shapes and the failure paths a real table rarely shows. */
const dynamo = mockClient(DynamoDBClient);

const CONVERSATION = '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b';
const RESPONSE = '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10';
const COMMUNICATION = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const KEY = 'order-42';

function keyedEvent(): SendRequest {
  return {
    entry: 'http',
    idempotencyKey: KEY,
    input: { conversationId: CONVERSATION, responseId: RESPONSE, communicationId: COMMUNICATION, substitutions: { CUSTOMER_NAME: 'Ana' } },
  };
}

function sentResult(input: SendInput): SendResult {
  return {
    messageId: 'm-1',
    conversationId: input.conversationId,
    communicationId: COMMUNICATION,
    responseId: input.responseId,
    responseName: 'Welcome',
    text: 'Hello Ana',
    status: 'sent',
    timestamp: '2026-11-28T12:00:00.000Z',
  };
}

function countingSend(behaviour: SendInputFn = async (input) => sentResult(input)) {
  return vi.fn<SendInputFn>(behaviour);
}

/** The first PutItem claims the key; every later one fails its condition and gets the claimed item back. */
function claimOnlyOnce(): void {
  let claimed: Record<string, AttributeValue> | undefined;
  dynamo.on(PutItemCommand).callsFake((input: PutItemCommandInput) => {
    if (!claimed) {
      claimed = input.Item;
      return {};
    }
    throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: claimed });
  });
}

beforeEach(() => {
  dynamo.reset();
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => {
  dynamo.restore();
});

describe('idempotent send, DynamoDB mocked', () => {
  it('claims the key as a hash for one hour, in progress for that hour unless released, and stores only the sent result', async () => {
    // Prepare
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(UpdateItemCommand).resolves({});
    const send = countingSend();
    const sendOnce = withIdempotency(send, { tableName: 'idempotency' });
    const startedAt = Date.now();
    // Act
    const result = await sendOnce(keyedEvent(), lambdaContext(10_000));
    // Assess
    expect(send).toHaveBeenCalledTimes(1);
    const put = dynamo.commandCalls(PutItemCommand)[0]!.args[0].input;
    expect(put.TableName).toBe('idempotency');
    expect(put.Item?.status?.S).toBe('INPROGRESS');
    expect(JSON.stringify(put)).not.toContain(KEY);
    expect(JSON.stringify(put)).not.toContain(CONVERSATION);
    expect(Number(put.Item?.expiration?.N)).toBeCloseTo(startedAt / 1000 + 3_600, -1);
    // Not the invocation's 10 s: an attempt that stopped after Genesys may have accepted the message holds its key.
    const inProgressUntil = Number(put.Item?.in_progress_expiration?.N);
    expect(inProgressUntil).toBeGreaterThanOrEqual(startedAt + 3_600_000);
    expect(inProgressUntil).toBeLessThanOrEqual(Date.now() + 3_600_000);
    const update = dynamo.commandCalls(UpdateItemCommand)[0]!.args[0].input;
    expect(update.Key).toEqual({ id: put.Item?.id });
    expect(update.ExpressionAttributeValues?.[':status']).toEqual({ S: 'COMPLETED' });
    expect(unmarshall(update.ExpressionAttributeValues?.[':response_data']?.M ?? {})).toEqual(result);
  });

  it('answers a duplicate that arrives while the first is in flight with 409 request_in_progress, without sending', async () => {
    // Prepare
    claimOnlyOnce();
    dynamo.on(UpdateItemCommand).resolves({});
    let release: () => void = () => undefined;
    const send = countingSend(async (input) => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return sentResult(input);
    });
    const sendOnce = withIdempotency(send, { tableName: 'idempotency' });
    const first = sendOnce(keyedEvent(), lambdaContext());
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    // Act
    const duplicate = await appErrorRejectedBy(sendOnce(keyedEvent(), lambdaContext()));
    release();
    // Assess
    expect(duplicate).toMatchObject({ code: 'request_in_progress', status: 409 });
    await expect(first).resolves.toMatchObject({ messageId: 'm-1' });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends nothing and answers 500 internal_error when the table cannot be reached', async () => {
    // Prepare
    dynamo.on(PutItemCommand).rejects(Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' }));
    const send = countingSend();
    // Act
    const error = await appErrorRejectedBy(withIdempotency(send, { tableName: 'idempotency' })(keyedEvent(), lambdaContext()));
    // Assess
    expect(error).toMatchObject({ code: 'internal_error', message: expect.stringContaining('nothing was sent') });
    expect(send).not.toHaveBeenCalled();
  });

  it('answers a slow claim "nothing was sent" within half the time left, and a claim that lands later sends nothing', async () => {
    // Prepare: a 2 s Lambda timeout leaves a 1.5 s deadline, so the claim may take 750 ms.
    vi.useFakeTimers();
    let landClaim: () => void = () => undefined;
    dynamo.on(PutItemCommand).callsFake(() => new Promise((resolve) => (landClaim = () => resolve({}))));
    dynamo.on(DeleteItemCommand).resolves({});
    const send = countingSend();
    const answered = appErrorRejectedBy(withIdempotency(send, { tableName: 'idempotency' })(keyedEvent(), lambdaContext(2_000)));
    // Act
    await vi.advanceTimersByTimeAsync(760);
    const error = await answered;
    landClaim();
    await vi.waitFor(() => expect(dynamo.commandCalls(DeleteItemCommand)).toHaveLength(1));
    // Assess
    expect(error).toMatchObject({ code: 'internal_error', message: expect.stringContaining('nothing was sent') });
    expect(send).not.toHaveBeenCalled();
  });

  it('waits for a stalled save only the time left when the send settles, so a slow send is answered before the deadline', async () => {
    // Prepare: a 2 s Lambda timeout (1.5 s deadline), a send taking 1.2 s, a save that never answers.
    vi.useFakeTimers();
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(UpdateItemCommand).callsFake(() => new Promise(() => undefined));
    const send = countingSend(async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      return sentResult(input);
    });
    let result: SendResult | undefined;
    void withIdempotency(send, { tableName: 'idempotency' })(keyedEvent(), lambdaContext(2_000)).then((sent) => (result = sent));
    // Act
    await vi.advanceTimersByTimeAsync(1_510);
    // Assess
    expect(result).toEqual(sentResult(keyedEvent().input));
  });

  it('still answers with the sent message when its result cannot be recorded', async () => {
    // Prepare
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(UpdateItemCommand).rejects(new Error('ProvisionedThroughputExceededException'));
    const notCompleted: unknown[] = [];
    const send = countingSend();
    // Act
    const result = await withIdempotency(send, { tableName: 'idempotency', onRecordNotCompleted: (cause) => notCompleted.push(cause) })(
      keyedEvent(),
      lambdaContext(),
    );
    // Assess
    expect(result).toEqual(sentResult(keyedEvent().input));
    expect(send).toHaveBeenCalledTimes(1);
    expect(notCompleted).toEqual([expect.any(Error)]);
  });

  it('a failed send is not recorded, releases its key and reports its own error', async () => {
    // Prepare
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(DeleteItemCommand).resolves({});
    const notFound = new AppError('response_not_found', 'Genesys has no canned response.');
    const send = countingSend(async () => {
      throw notFound;
    });
    // Act
    const error = await appErrorRejectedBy(withIdempotency(send, { tableName: 'idempotency' })(keyedEvent(), lambdaContext()));
    // Assess
    expect(error).toBe(notFound);
    expect(dynamo.commandCalls(UpdateItemCommand)).toHaveLength(0);
    const claimed = dynamo.commandCalls(PutItemCommand)[0]!.args[0].input.Item?.id;
    expect(dynamo.commandCalls(DeleteItemCommand)[0]!.args[0].input.Key).toEqual({ id: claimed });
  });

  it.each([
    ['fails', () => dynamo.on(DeleteItemCommand).rejects(new Error('DynamoDB unavailable'))],
    ['never answers', () => dynamo.on(DeleteItemCommand).callsFake(() => new Promise(() => undefined))],
  ])('a failed send whose key release %s reports its own error, saying to retry with a new key, within the deadline', async (_case, deleteBehaviour) => {
    // Prepare: a 2 s Lambda timeout leaves a 1.5 s deadline.
    vi.useFakeTimers();
    dynamo.on(PutItemCommand).resolves({});
    deleteBehaviour();
    const send = countingSend(async () => {
      throw new AppError('response_not_found', 'Genesys has no canned response.', { genesysContextId: 'ctx-404' });
    });
    const answered = appErrorRejectedBy(withIdempotency(send, { tableName: 'idempotency' })(keyedEvent(), lambdaContext(2_000)));
    // Act
    await vi.advanceTimersByTimeAsync(1_510);
    const error = await answered;
    // Assess
    expect(error).toMatchObject({ code: 'response_not_found', message: 'Genesys has no canned response.', genesysContextId: 'ctx-404' });
    expect(error.details).toEqual([{ path: 'Idempotency-Key', message: expect.stringContaining('retry with a new key') }]);
    expect(dynamo.commandCalls(UpdateItemCommand)).toHaveLength(0);
  });

  it('leaves the table alone for a request without a key', async () => {
    // Prepare
    const send = countingSend();
    // Act
    await withIdempotency(send, { tableName: 'idempotency' })({ ...keyedEvent(), idempotencyKey: undefined }, lambdaContext());
    // Assess
    expect(send).toHaveBeenCalledTimes(1);
    expect(dynamo.calls()).toHaveLength(0);
  });
});
