import type { Deadline } from './deadline';
import { AppError, GenesysApiError, restating } from './errors';
import { findAgentCommunication, isConnectedAgentCommunication } from './genesys/conversations';
import type { AdditionalMessage } from './genesys/messages';
import type { CannedResponse, Conversation, MessageData } from './genesys/models';
import { buildMessageText, checkLength, SMS_TEXT_BODY_LIMIT } from './message-text';
import type { SendResult } from './schema';
import type { SendInput } from './types';

/** The Genesys operations the pipeline needs; passed in so tests can run it against any Genesys. */
export interface PipelineDeps {
  getResponse(responseId: string, deadline: Deadline): Promise<CannedResponse>;
  getConversation(conversationId: string, deadline: Deadline): Promise<Conversation>;
  postMessage(conversationId: string, communicationId: string, body: AdditionalMessage, deadline: Deadline): Promise<MessageData>;
}

/**
 * fetch → build → resolve → post. With a `communicationId` the conversation is never read (one call less);
 * without one, the response and the conversation are fetched in parallel.
 */
export async function sendCannedResponse(input: SendInput, deps: PipelineDeps, deadline: Deadline): Promise<SendResult> {
  let response: CannedResponse;
  let communicationId: string;
  let text: string;
  if (input.communicationId) {
    communicationId = input.communicationId;
    response = await deps.getResponse(input.responseId, deadline);
    text = buildMessageText(response, input.substitutions);
  } else {
    const [responseResult, conversationResult] = await Promise.allSettled([
      deps.getResponse(input.responseId, deadline),
      deps.getConversation(input.conversationId, deadline),
    ]);
    // The response's problem is reported first, whichever call failed first.
    if (responseResult.status === 'rejected') throw responseResult.reason;
    response = responseResult.value;
    text = buildMessageText(response, input.substitutions);
    if (conversationResult.status === 'rejected') throw conversationResult.reason;
    const communication = findAgentCommunication(conversationResult.value, input.agentUserId);
    if (communication.type === 'sms') checkLength(text, SMS_TEXT_BODY_LIMIT, response.name);
    communicationId = communication.id;
  }

  let message: MessageData;
  try {
    message = await deps.postMessage(input.conversationId, communicationId, { textBody: text }, deadline);
  } catch (error) {
    throw await explainRejectedSend(error, input.conversationId, communicationId, deps, deadline);
  }
  return {
    messageId: message.id,
    conversationId: input.conversationId,
    communicationId,
    responseId: response.id,
    responseName: response.name,
    text,
    status: message.status,
    timestamp: message.timestamp,
  };
}

/**
 * Genesys answers a send to an ended conversation or a disconnected communication with a 4xx whose code is
 * not documented; read the conversation (on this failure path only) to tell the caller which it was.
 */
async function explainRejectedSend(
  error: unknown,
  conversationId: string,
  communicationId: string,
  deps: PipelineDeps,
  deadline: Deadline,
): Promise<unknown> {
  if (!(error instanceof GenesysApiError) || (error.upstreamStatus !== 400 && error.upstreamStatus !== 409)) return error;
  let conversation: Conversation;
  try {
    conversation = await deps.getConversation(conversationId, deadline);
  } catch (lookupError) {
    return lookupError instanceof AppError && lookupError.code === 'conversation_not_found' ? lookupError : error;
  }
  if (isConnectedAgentCommunication(conversation, communicationId)) return error;
  return new AppError(
    'conversation_not_active',
    conversation.endTime
      ? `Conversation ${conversationId} has ended.`
      : `Communication ${communicationId} is not a connected agent messaging communication of conversation ${conversationId}.`,
    restating(error),
  );
}
