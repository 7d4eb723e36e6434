import type { Deadline } from '../deadline';
import type { GenesysClient } from './client';
import { type MessageData, messageDataSchema } from './models';
import { parseAnswer } from './parse';
import { asConversationNotFound } from './conversations';

/**
 * `POST /api/v2/conversations/messages/{conversationId}/communications/{communicationId}/messages` with an
 * AdditionalMessage of `textBody` only. Retried on 429 alone: Genesys has not processed a throttled request,
 * while a retried 5xx or timeout could deliver the message twice.
 */
export async function sendTextMessage(
  client: GenesysClient,
  conversationId: string,
  communicationId: string,
  textBody: string,
  deadline: Deadline,
): Promise<MessageData> {
  const path = `/api/v2/conversations/messages/${encodeURIComponent(conversationId)}/communications/${encodeURIComponent(communicationId)}/messages`;
  try {
    const answer = await client.post(path, { textBody }, deadline, 'sending the message', 'throttle-only');
    return parseAnswer(messageDataSchema, answer, 'message answer');
  } catch (error) {
    throw asConversationNotFound(error, conversationId);
  }
}
