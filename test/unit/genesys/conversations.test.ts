import { describe, expect, it } from 'vitest';
import { connectedAgentCommunication, findAgentCommunication } from '../../../src/genesys/conversations';
import type { Conversation } from '../../../src/genesys/models';
import { appErrorThrownBy } from '../../support/errors';

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
