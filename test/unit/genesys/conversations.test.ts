import { describe, expect, it } from 'vitest';
import { Deadline } from '../../../src/deadline';
import { connectedAgentCommunication, findAgentCommunication, getConversation } from '../../../src/genesys/conversations';
import type { Conversation } from '../../../src/genesys/models';
import { appErrorRejectedBy, appErrorThrownBy } from '../../support/errors';
import { FAKE_API, FakeGenesys, genesysError } from '../../support/fake-genesys';
import { fakeGenesysClient } from '../../support/genesys-client';

const AGENT_A = 'user-a';
const AGENT_B = 'user-b';

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'conv-1',
    participants: [
      { id: 'p-customer', purpose: 'customer', messages: [{ id: 'comm-customer', state: 'connected', type: 'webmessaging' }] },
      { id: 'p-acd', purpose: 'acd', messages: [{ id: 'comm-acd', state: 'disconnected', type: 'webmessaging' }] },
      { id: 'p-agent-a', purpose: 'agent', userId: AGENT_A, messages: [{ id: 'comm-a', state: 'disconnected', type: 'webmessaging' }] },
      { id: 'p-agent-b', purpose: 'agent', userId: AGENT_B, messages: [{ id: 'comm-b', state: 'connected', type: 'sms' }] },
    ],
    ...overrides,
  };
}


describe('findAgentCommunication', () => {
  it("returns the connected agent's messaging communication, skipping customer, acd and a transferred-away agent", () => {
    expect(findAgentCommunication(conversation())).toEqual({ id: 'comm-b', type: 'sms' });
  });

  it('filters by agentUserId', () => {
    const error = appErrorThrownBy(() => findAgentCommunication(conversation(), AGENT_A));
    expect(error.code).toBe('conversation_not_active');
    expect(error.message).toContain(AGENT_A);
    expect(findAgentCommunication(conversation(), AGENT_B).id).toBe('comm-b');
  });

  it('reports an ended conversation as not active', () => {
    const error = appErrorThrownBy(() => findAgentCommunication(conversation({ endTime: '2026-11-28T10:00:00Z' })));
    expect(error.status).toBe(409);
    expect(error.message).toContain('ended');
  });

  it('reports a conversation still waiting in queue as not active', () => {
    const waiting = conversation({ participants: conversation().participants.filter((participant) => participant.purpose !== 'agent') });
    expect(appErrorThrownBy(() => findAgentCommunication(waiting)).code).toBe('conversation_not_active');
  });
});

describe('connectedAgentCommunication', () => {
  it('finds only a connected agent communication of a live conversation, with its channel', () => {
    expect(connectedAgentCommunication(conversation(), 'comm-b')).toEqual({ id: 'comm-b', type: 'sms' });
    expect(connectedAgentCommunication(conversation(), 'comm-a')).toBeUndefined();
    expect(connectedAgentCommunication(conversation(), 'comm-customer')).toBeUndefined();
    expect(connectedAgentCommunication(conversation({ endTime: '2026-11-28T10:00:00Z' }), 'comm-b')).toBeUndefined();
  });
});

describe('getConversation', () => {
  const url = `${FAKE_API}/api/v2/conversations/conv-1`;
  const read = (fake: FakeGenesys) => getConversation(fakeGenesysClient(fake).client, 'conv-1', Deadline.in(5_000));

  it('reads the participants and their messaging communications, an absent list being empty', async () => {
    // Prepare
    const fake = new FakeGenesys().on('GET', url, {
      status: 200,
      body: { id: 'conv-1', participants: [{ id: 'p-agent', purpose: 'agent', messages: [{ id: 'comm-1', state: 'connected', type: 'sms' }] }, { id: 'p-bot' }] },
    });
    // Act
    const answer = await read(fake);
    // Assess
    expect(answer.participants.map((participant) => participant.messages.map((message) => message.id))).toEqual([['comm-1'], []]);
  });

  it.each([
    [404, 'not.found'],
    [403, 'not.authorized.for.conversation'],
  ])('reports a %i %s as conversation_not_found with the contextId', async (status, code) => {
    const error = await appErrorRejectedBy(read(new FakeGenesys().on('GET', url, genesysError(status, code, 'No.', 'ctx-conv'))));
    expect(error).toMatchObject({ code: 'conversation_not_found', status: 404, genesysContextId: 'ctx-conv' });
  });

  it.each(['missing.permissions', 'missing.any.permissions', 'missing.division.permission'])(
    "keeps a 403 %s (this function's role) an upstream_auth_failed",
    async (code) => {
      const error = await appErrorRejectedBy(read(new FakeGenesys().on('GET', url, genesysError(403, code))));
      expect(error.code).toBe('upstream_auth_failed');
    },
  );

  it('reports a conversation answer without an id as upstream_error', async () => {
    const error = await appErrorRejectedBy(read(new FakeGenesys().on('GET', url, { status: 200, body: { participants: [] } })));
    expect(error).toMatchObject({ code: 'upstream_error', status: 502 });
    expect(error.message).toContain('malformed conversation (id)');
  });
});
