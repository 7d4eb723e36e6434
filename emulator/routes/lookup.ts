import type { FastifyReply } from 'fastify';
import { sendGenesysError, sendInvalidId } from '../genesys-errors';
import type { EmulatedConversation } from '../model';
import type { EmulatorState } from '../state';
import { isUuid } from './validation';

/** Finds a conversation by path id; sends the 400 (not a UUID) or 404 and returns undefined when there is none. */
export function findConversation(
  state: EmulatorState,
  reply: FastifyReply,
  conversationId: string,
): EmulatedConversation | undefined {
  if (!isUuid(conversationId)) {
    sendInvalidId(reply, 'conversationId', conversationId);
    return undefined;
  }
  const conversation = state.conversations.get(conversationId);
  if (!conversation) sendGenesysError(reply, 404, 'not.found', `Conversation ${conversationId} was not found.`);
  return conversation;
}
