import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../../src/deadline';
import { BULK_READ_MAX_IDS, getMessageConversation, getMessages, postMessage, postOutcomeUnknown } from '../../../src/genesys/messages';
import { appErrorRejectedBy } from '../../support/errors';
import { settleWithFakeTimers } from '../../support/fake-timers';
import { FAKE_API, FAKE_LOGIN, type FakeAnswer, FakeGenesys, genesysError, throttled } from '../../support/fake-genesys';
import { fakeGenesysClient } from '../../support/genesys-client';

const MESSAGES_URL = `${FAKE_API}/api/v2/conversations/messages/conv-1/communications/comm-1/messages`;
const SENT = { id: 'msg-1', status: 'queued', timestamp: '2026-12-01T12:00:00.000Z', textBody: 'Hello' };

let fake: FakeGenesys;
beforeEach(() => {
  fake = new FakeGenesys();
});

const post = () => postMessage(fakeGenesysClient(fake).client, 'conv-1', 'comm-1', { textBody: 'Hello' }, Deadline.in(5_000));

describe('postMessage', () => {
  it('posts the AdditionalMessage as JSON to the communication and returns the MessageData', async () => {
    // Prepare
    fake.on('POST', MESSAGES_URL, { status: 200, body: SENT });
    // Act
    const message = await post();
    // Assess
    expect(message).toMatchObject({ id: 'msg-1', status: 'queued', timestamp: SENT.timestamp });
    const [request] = fake.requestsTo('POST', MESSAGES_URL);
    expect(request?.body).toEqual({ textBody: 'Hello' });
    expect(request?.headers['content-type']).toContain('application/json');
  });

  it('posts a messaging template as is, without a textBody', async () => {
    // Prepare
    fake.on('POST', MESSAGES_URL, { status: 200, body: SENT });
    const template = { responseId: 'resp-1', bodyParameters: [{ id: 'NAME', value: 'Ana' }] };
    // Act
    await postMessage(fakeGenesysClient(fake).client, 'conv-1', 'comm-1', { messagingTemplate: template }, Deadline.in(5_000));
    // Assess
    expect(fake.requestsTo('POST', MESSAGES_URL).map((request) => request.body)).toEqual([{ messagingTemplate: template }]);
  });

  it('path-encodes the conversation and communication ids', async () => {
    await appErrorRejectedBy(postMessage(fakeGenesysClient(fake).client, 'c/1', 'm?1', { textBody: 'Hello' }, Deadline.in(5_000)));
    expect(fake.requests.at(-1)?.path).toBe('/api/v2/conversations/messages/c%2F1/communications/m%3F1/messages');
  });

  it.each([
    [404, 'not.found'],
    [403, 'conversation.not.accessible'],
  ])('reports a %i %s as conversation_not_found with the contextId', async (status, code) => {
    fake.on('POST', MESSAGES_URL, genesysError(status, code, 'No.', 'ctx-post'));
    const error = await appErrorRejectedBy(post());
    expect(error).toMatchObject({ code: 'conversation_not_found', status: 404, genesysContextId: 'ctx-post' });
    expect(error.message).toContain('conv-1');
  });

  it("keeps a 403 about this function's permissions an upstream_auth_failed", async () => {
    fake.on('POST', MESSAGES_URL, genesysError(403, 'missing.permissions'));
    expect((await appErrorRejectedBy(post())).code).toBe('upstream_auth_failed');
  });

  it('answers a 2xx without the MessageData fields as delivered, with what is known when they cannot be read back', async () => {
    // Prepare: the read-back of the conversation fails too.
    fake.on('POST', MESSAGES_URL, { status: 200, body: { id: 'msg-1' } });
    fake.on('GET', `${FAKE_API}/api/v2/conversations/messages/conv-1`, genesysError(503, 'service.unavailable'));
    // The read-back is retried with back-off: run in fake time.
    vi.useFakeTimers();
    try {
      const before = Date.now();
      // Act
      const message = await settleWithFakeTimers(post());
      // Assess
      expect(message).toMatchObject({ id: 'msg-1', status: 'unknown' });
      expect(Date.parse(message.timestamp)).toBeGreaterThanOrEqual(before - 1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('postOutcomeUnknown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Whether a post that failed with `answer` may still have delivered the message. */
  async function unknownAfter(answer: FakeAnswer) {
    fake.on('POST', MESSAGES_URL, answer);
    const error = await settleWithFakeTimers(post()).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    return postOutcomeUnknown(error, 'conv-1', 'comm-1');
  }

  it.each([
    ['a timeout', { networkError: 'ETIMEDOUT' } as const],
    ['a connection reset after the request went out', { networkError: 'ECONNRESET' } as const],
    ['a 502', genesysError(502, 'bad.gateway')],
    // A 2xx, readable or not, is no failure to check: postMessage answers it as delivered (tested above).
  ])('is true after %s: the message may be on the conversation', async (_name, answer) => {
    expect(await unknownAfter(answer)).toBe(true);
  });

  it.each([
    ['a 400', genesysError(400, 'bad.request')],
    ['a 429', throttled(60)],
    ['a refused connection', { networkError: 'ECONNREFUSED' } as const],
  ])('is false after %s: Genesys did nothing', async (_name, answer) => {
    expect(await unknownAfter(answer)).toBe(false);
  });

  it('is false when the token grant failed, before the post went out', async () => {
    fake.on('POST', `${FAKE_LOGIN}/oauth/token`, genesysError(503, 'service.unavailable'));
    expect(await unknownAfter({ status: 200, body: SENT })).toBe(false);
    expect(fake.requestsTo('POST', MESSAGES_URL)).toHaveLength(0);
  });
});

describe('getMessageConversation', () => {
  it("reads each participant's messages by id and time", async () => {
    fake.on('GET', `${FAKE_API}/api/v2/conversations/messages/conv-1`, {
      status: 200,
      body: { id: 'conv-1', participants: [{ id: 'p-agent', purpose: 'agent', messages: [{ messageId: 'msg-1', messageTime: '2026-12-01T12:00:00Z' }] }, { id: 'p-customer' }] },
    });
    const conversation = await getMessageConversation(fakeGenesysClient(fake).client, 'conv-1', Deadline.in(5_000));
    expect(conversation.participants.map((participant) => participant.messages.map((message) => message.messageId))).toEqual([['msg-1'], []]);
  });

  it('reports an unknown conversation as Genesys answered it', async () => {
    const error = await appErrorRejectedBy(getMessageConversation(fakeGenesysClient(fake).client, 'conv-1', Deadline.in(5_000)));
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 404 });
  });
});

describe('getMessages', () => {
  const BULK_URL = `${FAKE_API}/api/v2/conversations/messages/conv-1/messages/bulk`;
  const listing = { status: 200, body: { entities: [{ ...SENT, normalizedMessage: { text: 'Hello' } }], pageSize: 1 } };

  it(`reads the messages by id in one bulk call of at most ${BULK_READ_MAX_IDS} ids`, async () => {
    // Prepare
    fake.on('POST', BULK_URL, listing);
    const ids = Array.from({ length: BULK_READ_MAX_IDS + 1 }, (_, index) => `msg-${index}`);
    // Act
    const messages = await getMessages(fakeGenesysClient(fake).client, 'conv-1', ids, Deadline.in(5_000));
    // Assess
    expect(messages.map((message) => message.normalizedMessage?.text)).toEqual(['Hello']);
    expect(fake.requestsTo('POST', BULK_URL).map((request) => (request.body as string[]).length)).toEqual([BULK_READ_MAX_IDS]);
  });

  it('is retried after a 5xx like a read, since it changes nothing', async () => {
    vi.useFakeTimers();
    try {
      fake.on('POST', BULK_URL, genesysError(503, 'service.unavailable'), listing);
      await settleWithFakeTimers(getMessages(fakeGenesysClient(fake).client, 'conv-1', ['msg-1'], Deadline.in(5_000)));
      expect(fake.requestsTo('POST', BULK_URL)).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
