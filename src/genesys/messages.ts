import type { Deadline } from '../deadline';
import { type GenesysClient, mayHaveBeenProcessed } from './client';
import { asConversationNotFound } from './conversations';
import {
  type MessageConversation,
  type MessageData,
  messageConversationSchema,
  messageDataSchema,
  type SentMessage,
  textMessageListingSchema,
} from './models';
import { parseAnswer } from './parse';

/** `TemplateParameter`: the value of one `{{id}}` of a messaging template. */
export interface TemplateParameter {
  id: string;
  value: string;
}

/** `SendMessagingTemplateRequest` as this function sends it; a list is left out when its part has no placeholder. */
export interface MessagingTemplateRequest {
  responseId: string;
  headerParameters?: TemplateParameter[];
  bodyParameters?: TemplateParameter[];
  buttonUrlParameters?: TemplateParameter[];
}

/** The AdditionalMessage body: exactly one message body field per request (Genesys's send endpoint). */
export type AdditionalMessage =
  | { textBody: string; messagingTemplate?: never }
  | { messagingTemplate: MessagingTemplateRequest; textBody?: never };

/**
 * `POST /api/v2/conversations/messages/{conversationId}/communications/{communicationId}/messages`. Retried on
 * 429 alone: Genesys has not processed a throttled request, while a retried 5xx or timeout could deliver the
 * message twice.
 */
export async function postMessage(
  client: GenesysClient,
  conversationId: string,
  communicationId: string,
  body: AdditionalMessage,
  deadline: Deadline,
): Promise<MessageData> {
  const path = postPath(conversationId, communicationId);
  try {
    const answer = await client.post(path, body, deadline, 'sending the message', 'throttle-only');
    return parseAnswer(messageDataSchema, answer, 'message answer');
  } catch (error) {
    throw asConversationNotFound(error, conversationId);
  }
}

const messageConversationPath = (conversationId: string) => `/api/v2/conversations/messages/${encodeURIComponent(conversationId)}`;
const postPath = (conversationId: string, communicationId: string) =>
  `${messageConversationPath(conversationId)}/communications/${encodeURIComponent(communicationId)}/messages`;

/**
 * Whether a failed {@link postMessage} may still have delivered the message (timeout, connection dropped after
 * the request went out, 5xx, an unreadable success): the outcome is unknown and worth checking on the conversation.
 */
export function postOutcomeUnknown(error: unknown, conversationId: string, communicationId: string): boolean {
  return mayHaveBeenProcessed(error, postPath(conversationId, communicationId));
}

/** `GET /api/v2/conversations/messages/{conversationId}`: each participant's messages, by id and time, no text. */
export async function getMessageConversation(
  client: GenesysClient,
  conversationId: string,
  deadline: Deadline,
): Promise<MessageConversation> {
  const answer = await client.get(messageConversationPath(conversationId), deadline, 'listing the conversation\'s messages');
  return parseAnswer(messageConversationSchema, answer, 'message conversation');
}

/** The platform's cap on one bulk read. */
export const BULK_READ_MAX_IDS = 1000;

/**
 * `POST /api/v2/conversations/messages/{conversationId}/messages/bulk`: the messages with these ids, text included.
 * It changes nothing, so it is retried like a GET.
 */
export async function getMessages(
  client: GenesysClient,
  conversationId: string,
  messageIds: readonly string[],
  deadline: Deadline,
): Promise<SentMessage[]> {
  const path = `${messageConversationPath(conversationId)}/messages/bulk`;
  const answer = await client.post(path, messageIds.slice(0, BULK_READ_MAX_IDS), deadline, 'reading messages back', 'safe');
  return parseAnswer(textMessageListingSchema, answer, 'message listing').entities;
}
