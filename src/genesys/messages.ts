import type { Deadline } from '../deadline';
import { GenesysApiError } from '../errors';
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
  let answer: unknown;
  try {
    answer = await client.post(path, body, deadline, 'sending the message', 'throttle-only');
  } catch (error) {
    if (!isSuccessStatus(error)) throw asConversationNotFound(error, conversationId);
    answer = undefined; // a 2xx whose body could not be read
  }
  const message = messageDataSchema.safeParse(answer);
  return message.success ? message.data : completeDeliveredMessage(client, conversationId, answer, deadline);
}

function isSuccessStatus(error: unknown): boolean {
  const status = error instanceof GenesysApiError ? error.upstreamStatus : undefined;
  return status !== undefined && status >= 200 && status < 300;
}

const stringField = (answer: unknown, field: string): string | undefined => {
  const value = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Genesys accepted the message (2xx) but its answer lacks `status` or `timestamp`, or could not be read: a
 * delivery all the same, never a failure a caller would retry. What the answer lacks is read back from the
 * conversation's messages by the message id; what is still unknown then is `status: "unknown"` and, for the
 * timestamp, the time the answer arrived. `messageId` is `""` when the answer carried no readable id (the
 * pipeline then looks for the message on the conversation).
 * Never throws.
 */
async function completeDeliveredMessage(client: GenesysClient, conversationId: string, answer: unknown, deadline: Deadline): Promise<MessageData> {
  const answeredAt = new Date().toISOString();
  const id = stringField(answer, 'id');
  let readBack: { messageStatus?: string | null; messageTime?: string | null } | undefined;
  if (id) {
    try {
      const conversation = await getMessageConversation(client, conversationId, deadline);
      readBack = conversation.participants.flatMap((participant) => participant.messages).find((details) => details.messageId === id);
    } catch {
      // The message went out: a failed read-back only leaves fields unknown.
    }
  }
  return {
    id: id ?? '',
    status: stringField(answer, 'status') ?? readBack?.messageStatus ?? 'unknown',
    timestamp: stringField(answer, 'timestamp') ?? readBack?.messageTime ?? answeredAt,
  };
}

const messageConversationPath = (conversationId: string) => `/api/v2/conversations/messages/${encodeURIComponent(conversationId)}`;
const postPath = (conversationId: string, communicationId: string) =>
  `${messageConversationPath(conversationId)}/communications/${encodeURIComponent(communicationId)}/messages`;

/**
 * Whether a failed {@link postMessage} may still have delivered the message (timeout, connection dropped after
 * the request went out, 5xx): the outcome is unknown and worth checking on the conversation.
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
