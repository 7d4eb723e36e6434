import { beforeEach, describe, expect, it } from 'vitest';
import { Deadline } from '../../../src/deadline';
import { postMessage } from '../../../src/genesys/messages';
import { appErrorRejectedBy } from '../../support/errors';
import { FAKE_API, FakeGenesys, genesysError } from '../../support/fake-genesys';
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

  it('reports an answer without the MessageData fields as upstream_error, naming them', async () => {
    fake.on('POST', MESSAGES_URL, { status: 200, body: { id: 'msg-1' } });
    const error = await appErrorRejectedBy(post());
    expect(error).toMatchObject({ code: 'upstream_error', status: 502 });
    expect(error.message).toContain('(timestamp, status)');
  });
});
