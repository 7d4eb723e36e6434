import type { Deadline } from '../deadline';
import type { GenesysClient } from './client';
import { asConversationNotFound } from './conversations';
import { type MessageData, messageDataSchema } from './models';
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
  const path = `/api/v2/conversations/messages/${encodeURIComponent(conversationId)}/communications/${encodeURIComponent(communicationId)}/messages`;
  try {
    const answer = await client.post(path, body, deadline, 'sending the message', 'throttle-only');
    return parseAnswer(messageDataSchema, answer, 'message answer');
  } catch (error) {
    throw asConversationNotFound(error, conversationId);
  }
}
