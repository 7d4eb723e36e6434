import type { Deadline } from '../deadline';
import { AppError, GenesysApiError, restating } from '../errors';
import type { GenesysClient } from './client';
import { type Conversation, conversationSchema } from './models';
import { parseAnswer } from './parse';

/** A 403 that is about this function's role, not about the conversation being out of reach. */
const PERMISSION_CODES = new Set(['missing.permissions', 'missing.any.permissions', 'missing.division.permission']);

/** Maps "no such conversation, or no access to it" answers to the contract's 404. */
export function asConversationNotFound(error: unknown, conversationId: string): unknown {
  if (
    error instanceof GenesysApiError &&
    (error.upstreamStatus === 404 || (error.upstreamStatus === 403 && !PERMISSION_CODES.has(error.upstreamCode ?? '')))
  ) {
    return new AppError('conversation_not_found', `Genesys has no conversation ${conversationId}, or this function cannot see it.`, restating(error));
  }
  return error;
}

/** `GET /api/v2/conversations/{id}`: the model whose participants carry their messaging communications. */
export async function getConversation(client: GenesysClient, conversationId: string, deadline: Deadline): Promise<Conversation> {
  try {
    const answer = await client.get(`/api/v2/conversations/${encodeURIComponent(conversationId)}`, deadline, 'reading the conversation');
    return parseAnswer(conversationSchema, answer, 'conversation');
  } catch (error) {
    throw asConversationNotFound(error, conversationId);
  }
}

export interface AgentCommunication {
  id: string;
  /** `webmessaging`, `sms`, `whatsapp`, `open`, … when Genesys says. */
  type: string | undefined;
}

/**
 * The connected messaging communication of the agent participant (of `agentUserId` when given). When several
 * agents are connected (a conference), the most recently joined one is used.
 */
export function findAgentCommunication(conversation: Conversation, agentUserId?: string): AgentCommunication {
  if (conversation.endTime) {
    throw new AppError('conversation_not_active', `Conversation ${conversation.id} has ended.`);
  }
  const agents = conversation.participants.filter(
    (participant) => participant.purpose === 'agent' && (agentUserId === undefined || participant.userId === agentUserId),
  );
  const connected = agents.flatMap((agent) => agent.messages.filter((message) => message.state === 'connected'));
  const communication = connected.at(-1);
  if (!communication) {
    const who = agentUserId ? `agent ${agentUserId}` : 'agent';
    throw new AppError('conversation_not_active', `Conversation ${conversation.id} has no connected ${who} messaging communication.`);
  }
  return { id: communication.id, type: communication.type ?? undefined };
}

/** `communicationId` when it is a connected communication of an agent in this (not ended) conversation. */
export function connectedAgentCommunication(conversation: Conversation, communicationId: string): AgentCommunication | undefined {
  if (conversation.endTime) return undefined;
  const communication = conversation.participants
    .filter((participant) => participant.purpose === 'agent')
    .flatMap((participant) => participant.messages)
    .find((message) => message.id === communicationId && message.state === 'connected');
  return communication ? { id: communication.id, type: communication.type ?? undefined } : undefined;
}

/** The id of the participant whose messaging communication is `communicationId`. */
export function participantOf(conversation: Conversation, communicationId: string): string | undefined {
  return conversation.participants.find((participant) => participant.messages.some((message) => message.id === communicationId))?.id;
}
