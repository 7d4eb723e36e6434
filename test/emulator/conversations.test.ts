import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { http, sendPath, useEmulator } from './harness';

const { conversations, communications } = SEED;
const UNKNOWN_ID = '0b6c2f43-5d9e-4f7a-9a51-3e2d7c8b9f10';

describe('GET /api/v2/conversations/{conversationId}', () => {
  const ctx = useEmulator();

  it('answers the Conversation with participants whose messages[] hold the communications', async () => {
    // Act
    const { status, body } = await ctx.api.get(`/api/v2/conversations/${conversations.active}`);

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: conversations.active,
      startTime: expect.any(String),
      selfUri: `/api/v2/conversations/${conversations.active}`,
    });
    expect(body).not.toHaveProperty('endTime');
    const byPurpose = Object.fromEntries(body.participants.map((p: { purpose: string }) => [p.purpose, p]));
    expect(byPurpose.customer.messages[0]).toMatchObject({ state: 'connected', type: 'webmessaging' });
    expect(byPurpose.acd.messages[0].state).toBe('disconnected');
    expect(byPurpose.agent).toMatchObject({ userId: SEED.agentUserId, name: expect.any(String) });
    expect(byPurpose.agent.messages[0]).toMatchObject({
      id: communications.activeAgent,
      state: 'connected',
      type: 'webmessaging',
    });
  });

  it('shows the transfer case: first agent disconnected, second agent connected', async () => {
    // Act
    const { body } = await ctx.api.get(`/api/v2/conversations/${conversations.activeTwoAgents}`);

    // Assess
    const agents = body.participants
      .filter((p: { purpose: string }) => p.purpose === 'agent')
      .map((p: { userId: string; messages: Array<{ id: string; state: string }> }) => ({
        userId: p.userId,
        communicationId: p.messages[0]?.id,
        state: p.messages[0]?.state,
      }));
    expect(agents).toEqual([
      { userId: SEED.agentUserId, communicationId: communications.activeTwoAgentsFirstAgent, state: 'disconnected' },
      { userId: SEED.secondAgentUserId, communicationId: communications.activeTwoAgentsSecondAgent, state: 'connected' },
    ]);
  });

  it('shows an ended conversation with endTime and every communication disconnected', async () => {
    // Act
    const { body } = await ctx.api.get(`/api/v2/conversations/${conversations.ended}`);

    // Assess
    expect(body.endTime).toEqual(expect.any(String));
    const states = body.participants.map((p: { messages: Array<{ state: string }> }) => p.messages[0]?.state);
    expect(new Set(states)).toEqual(new Set(['disconnected']));
  });

  it('answers 404 not.found for an unknown conversation', async () => {
    // Act
    const { status, body } = await ctx.api.get(`/api/v2/conversations/${UNKNOWN_ID}`);

    // Assess
    expect(status).toBe(404);
    expect(body.code).toBe('not.found');
  });
});

describe('GET /api/v2/conversations/messages/{conversationId}', () => {
  const ctx = useEmulator();

  it('answers MessageMediaParticipants: participant ids and MessageDetails, no communication ids', async () => {
    // Act
    const { status, body } = await ctx.api.get(`/api/v2/conversations/messages/${conversations.active}`);

    // Assess
    expect(status).toBe(200);
    const agent = body.participants.find((p: { purpose: string }) => p.purpose === 'agent');
    expect(agent).toMatchObject({ state: 'connected', user: { id: SEED.agentUserId } });
    expect(agent.messages[0]).toEqual(
      expect.objectContaining({ messageId: expect.any(String), messageStatus: expect.any(String), messageTime: expect.any(String) }),
    );
    expect(JSON.stringify(body)).not.toContain(communications.activeAgent);
  });

  it('answers 404 not.found for an unknown conversation', async () => {
    // Act
    const { status } = await ctx.api.get(`/api/v2/conversations/messages/${UNKNOWN_ID}`);

    // Assess
    expect(status).toBe(404);
  });
});

describe('POST /api/v2/conversations/messages/{conversationId}/communications/{communicationId}/messages', () => {
  const ctx = useEmulator();
  const activeSend = sendPath(conversations.active, communications.activeAgent);

  it('sends a text message: MessageData back, recorded in state and in the transcript', async () => {
    // Prepare
    const transcriptBefore = ctx.emulator.state.conversations.get(conversations.active)!.transcript.length;

    // Act
    const { status, body } = await ctx.api.post(activeSend, { textBody: 'Hello Ana, this is Maya.' });

    // Assess
    expect(status).toBe(200);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: expect.any(String),
      direction: 'outbound',
      status: 'sent',
      conversationId: conversations.active,
      messengerType: 'webmessaging',
      fromAddress: SEED.deploymentId,
      toAddress: expect.any(String),
      // SDK 262's MessageData has no textBody: the text is in normalizedMessage.
      normalizedMessage: { id: body.id, type: 'Text', text: 'Hello Ana, this is Maya.', direction: 'Outbound', status: 'Sent' },
      selfUri: expect.stringContaining(body.id),
    });
    const { sentMessages, conversations: stored } = ctx.emulator.state;
    expect(sentMessages).toHaveLength(1);
    expect(sentMessages[0]).toMatchObject({ communicationId: communications.activeAgent, messageData: { id: body.id } });
    const transcript = stored.get(conversations.active)!.transcript;
    expect(transcript).toHaveLength(transcriptBefore + 1);
    expect(transcript.at(-1)).toMatchObject({ id: body.id, direction: 'outbound', text: 'Hello Ana, this is Maya.' });
  });

  it('shows the sent message under the agent participant of the MessageConversation', async () => {
    // Prepare
    const sent = await ctx.api.post(activeSend, { textBody: 'One moment please.' });

    // Act
    const { body } = await ctx.api.get(`/api/v2/conversations/messages/${conversations.active}`);

    // Assess
    const agent = body.participants.find((p: { purpose: string }) => p.purpose === 'agent');
    expect(agent.messages.at(-1)).toMatchObject({ messageId: sent.body.id, messageStatus: 'sent' });
  });

  it('accepts exactly 2,000 characters, and media ids instead of text', async () => {
    // Act
    const longest = await ctx.api.post(activeSend, { textBody: 'x'.repeat(2000) });
    const media = await ctx.api.post(activeSend, { mediaIds: ['5d0c1e9a-8a3b-4f5e-9d2c-7b6a5f4e3d2c'] });

    // Assess
    expect([longest.status, media.status]).toEqual([200, 200]);
  });

  it.each([
    ['no body field', {}, /got none/],
    ['two body fields', { textBody: 'hi', mediaIds: ['m1'] }, /got textBody and mediaIds/],
    ['2,001 characters', { textBody: 'x'.repeat(2001) }, /2001 characters.*maximum is 2000/],
    ['an empty text', { textBody: '' }, /non-empty/],
    ['an unknown field', { textBody: 'hi', body: 'hi' }, /Unknown field.*body/],
    ['empty mediaIds', { mediaIds: [] }, /mediaIds/],
    ['a template id that is no template', { messagingTemplate: { responseId: SEED.responses.welcome } }, /not a messaging template/],
  ])('answers 400 invalid.value naming the body for %s', async (_case, body, message) => {
    // Act
    const answer = await ctx.api.post(activeSend, body);

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'invalid.value',
      status: 400,
      messageParams: { field: 'body' },
      details: [{ errorCode: 'invalid.value', fieldName: 'body' }],
    });
    expect(answer.body.message).toMatch(message);
    expect(ctx.emulator.state.sentMessages).toHaveLength(0);
  });

  it('answers 400 bad.request naming the body and the reason for a body that is not JSON', async () => {
    // Act
    const answer = await http(`${ctx.emulator.url}${activeSend}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: '{"textBody": ',
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'bad.request',
      messageWithParams: 'The request {field} is not valid JSON: {reason}.',
      messageParams: { field: 'body', reason: expect.stringMatching(/not valid JSON/) },
      details: [{ errorCode: 'bad.request', fieldName: 'body' }],
    });
  });

  it('answers 404 not.found for an unknown conversation or a communication not in it', async () => {
    // Act
    const unknownConversation = await ctx.api.post(sendPath(UNKNOWN_ID, communications.activeAgent), { textBody: 'hi' });
    const foreignCommunication = await ctx.api.post(sendPath(conversations.active, communications.endedAgent), { textBody: 'hi' });

    // Assess
    expect(unknownConversation.status).toBe(404);
    expect(unknownConversation.body.code).toBe('not.found');
    expect(foreignCommunication.status).toBe(404);
    expect(foreignCommunication.body.code).toBe('not.found');
  });

  it.each([
    ['the customer communication', conversations.active, communications.activeCustomer],
    ['an ended conversation', conversations.ended, communications.endedAgent],
    ['the transferred-away agent', conversations.activeTwoAgents, communications.activeTwoAgentsFirstAgent],
    ['a queued conversation without agent', conversations.noAgent, communications.noAgentCustomer],
  ])('answers 400 "not connected" for %s', async (_case, conversationId, communicationId) => {
    // Act
    const answer = await ctx.api.post(sendPath(conversationId, communicationId), { textBody: 'hi' });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('bad.request');
    expect(answer.body.message).toMatch(/not connected/);
    // The parameterised form next to the message, naming the communication, as Genesys's ErrorBody carries it.
    expect(answer.body.messageWithParams).toMatch(/\{communicationId\}/);
    expect(answer.body.messageParams).toMatchObject({ communicationId, conversationId });
  });

  it('sends through the second agent of a transferred conversation', async () => {
    // Act
    const answer = await ctx.api.post(
      sendPath(conversations.activeTwoAgents, communications.activeTwoAgentsSecondAgent),
      { textBody: 'The refund is on its way.' },
    );

    // Assess
    expect(answer.status).toBe(200);
  });

  it('answers the same MessageData at the selfUri of the sent message', async () => {
    // Prepare
    const sent = await ctx.api.post(activeSend, { textBody: 'hi' });

    // Act
    const read = await ctx.api.get(sent.body.selfUri);

    // Assess
    expect(read.status).toBe(200);
    expect(read.body).toEqual(sent.body);
  });
});
