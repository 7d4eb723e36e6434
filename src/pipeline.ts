import { checkFreeTextWindow, checkTemplateChannel } from './channels';
import type { Deadline } from './deadline';
import { AppError, GenesysApiError, restating } from './errors';
import { type AgentCommunication, connectedAgentCommunication, findAgentCommunication, participantOf } from './genesys/conversations';
import { type AdditionalMessage, postOutcomeUnknown } from './genesys/messages';
import type { CannedResponse, Conversation, MessageData } from './genesys/models';
import { buildMessageText, checkLength, SMS_TEXT_BODY_LIMIT } from './message-text';
import {
  matcherFor,
  reconcile,
  type ReconciliationDeps,
  reconciliationReserveMs,
  type UnconfirmedPost,
  withReconciliationDetail,
} from './reconciliation';
import type { SendResult } from './schema';
import { buildTemplateMessage, isTemplateResponse } from './template-parameters';
import type { SendInput } from './types';

/** The Genesys operations the pipeline needs; passed in so tests can run it against any Genesys. */
export interface PipelineDeps extends ReconciliationDeps {
  getResponse(responseId: string, deadline: Deadline): Promise<CannedResponse>;
  getConversation(conversationId: string, deadline: Deadline): Promise<Conversation>;
  postMessage(conversationId: string, communicationId: string, body: AdditionalMessage, deadline: Deadline): Promise<MessageData>;
  /** A post whose outcome was unknown was found on the conversation (logged and counted by the caller). */
  onReconciled(message: MessageData): void;
}

/** What goes out: the send body, the text the customer reads, and for a template its name and language. */
interface OutgoingMessage {
  body: AdditionalMessage;
  text: string;
  template?: { name: string; language: string };
}

/**
 * fetch → build → resolve → post. With a `communicationId` a plain response is posted without reading the
 * conversation (one call less); a template needs the channel, so its conversation is always read. Without one,
 * the response and the conversation are fetched in parallel.
 */
export async function sendCannedResponse(input: SendInput, deps: PipelineDeps, deadline: Deadline): Promise<SendResult> {
  const [responseResult, conversationResult] = await Promise.allSettled([
    deps.getResponse(input.responseId, deadline),
    input.communicationId ? undefined : deps.getConversation(input.conversationId, deadline),
  ]);
  // The response's problem is reported first, whichever call failed first.
  if (responseResult.status === 'rejected') throw responseResult.reason;
  const response = responseResult.value;
  const outgoing = buildOutgoingMessage(response, input.substitutions);
  if (conversationResult.status === 'rejected') throw conversationResult.reason;
  const conversation = conversationResult.value ?? (outgoing.template ? await deps.getConversation(input.conversationId, deadline) : undefined);

  let communicationId: string;
  if (conversation) {
    const communication = resolveCommunication(conversation, input);
    checkChannel(outgoing, communication, conversation, response.name);
    communicationId = communication.id;
  } else {
    // Given: the conversation is read whenever no communicationId is.
    communicationId = input.communicationId as string;
  }

  // Part of the budget is kept back so that a post whose outcome is unknown can still be checked.
  const postDeadline = deadline.keepingBack(reconciliationReserveMs(deadline.remainingMs()));
  const post: UnconfirmedPost = {
    conversationId: input.conversationId,
    participantId: conversation ? participantOf(conversation, communicationId) : undefined,
    startedAt: Date.now(),
    matches: matcherFor(outgoing.body),
    settleFirst: false,
  };
  let message: MessageData;
  try {
    message = await deps.postMessage(input.conversationId, communicationId, outgoing.body, postDeadline);
  } catch (error) {
    if (!postOutcomeUnknown(error, input.conversationId, communicationId)) {
      throw await explainRejectedSend(error, { ...input, communicationId }, outgoing, response.name, deps, deadline);
    }
    // A timeout has already waited out the post's share of the budget; a 5xx or a drop may come mid-processing.
    const settleFirst = (error as AppError).code !== 'upstream_timeout';
    message = await findUnconfirmedPost(error as AppError, { ...post, settleFirst }, deps, deadline);
  }
  if (message.id === '') message = await identifyDelivered(message, post, deps, deadline);
  return {
    messageId: message.id,
    conversationId: input.conversationId,
    communicationId,
    // The id asked for: Genesys's answer was checked to be about it.
    responseId: input.responseId,
    responseName: response.name,
    text: outgoing.text,
    status: message.status,
    timestamp: message.timestamp,
    ...(outgoing.template ? { template: outgoing.template } : {}),
  };
}

/** The message an unknown post delivered, or the post's own error with a detail saying what the check found. */
async function findUnconfirmedPost(error: AppError, post: UnconfirmedPost, deps: PipelineDeps, deadline: Deadline): Promise<MessageData> {
  const outcome = await reconcile(post, deps, deadline);
  if (outcome.kind !== 'found') throw withReconciliationDetail(error, outcome);
  deps.onReconciled(outcome.message);
  return outcome.message;
}

/**
 * Genesys accepted the message but its answer carried no readable id: look for it on the conversation as for an
 * unknown post, so the caller (and a stored Idempotency-Key result) gets the real id; failing that, what is known.
 */
async function identifyDelivered(message: MessageData, post: UnconfirmedPost, deps: PipelineDeps, deadline: Deadline): Promise<MessageData> {
  const outcome = await reconcile(post, deps, deadline);
  return outcome.kind === 'found' ? outcome.message : message;
}

function buildOutgoingMessage(response: CannedResponse, substitutions: Readonly<Record<string, string>>): OutgoingMessage {
  if (isTemplateResponse(response)) {
    const { messagingTemplate, text, template } = buildTemplateMessage(response, substitutions);
    return { body: { messagingTemplate }, text, template };
  }
  const text = buildMessageText(response, substitutions);
  return { body: { textBody: text }, text };
}

/** The given communication, which must be a connected agent's, or the connected agent's. */
function resolveCommunication(conversation: Conversation, input: SendInput): AgentCommunication {
  if (!input.communicationId) return findAgentCommunication(conversation, input.agentUserId);
  const communication = connectedAgentCommunication(conversation, input.communicationId);
  if (!communication) throw notActive(conversation, input.communicationId);
  return communication;
}

/** What the channel of the agent's communication refuses: a template off WhatsApp, text over its limit or window. */
function checkChannel(outgoing: OutgoingMessage, communication: AgentCommunication, conversation: Conversation, responseName: string): void {
  if (outgoing.template) {
    checkTemplateChannel(communication.type, responseName);
    return;
  }
  if (communication.type === 'sms') checkLength(outgoing.text, SMS_TEXT_BODY_LIMIT, responseName);
  checkFreeTextWindow(conversation, communication.type, Date.now());
}

function notActive(conversation: Conversation, communicationId: string): AppError {
  return new AppError(
    'conversation_not_active',
    conversation.endTime
      ? `Conversation ${conversation.id} has ended.`
      : `Communication ${communicationId} is not a connected agent messaging communication of conversation ${conversation.id}.`,
  );
}

/**
 * 4xx answers to a send that say something other than "not this message, not here": credentials, a missing
 * permission, no such conversation (answered as such) and throttling (retried as such).
 */
const NOT_A_REFUSED_MESSAGE = new Set([401, 403, 404, 429]);

function mayBeRefusedMessage(status: number | undefined): boolean {
  return status !== undefined && status >= 400 && status <= 499 && !NOT_A_REFUSED_MESSAGE.has(status);
}

/**
 * Genesys answers a send it refuses (an ended conversation, a disconnected communication, WhatsApp's closed
 * window, an SMS over its limit) with a 4xx whose status and code are not documented, so any other 4xx is checked:
 * read the conversation (on this failure path only) to tell the caller which it was, keeping Genesys's contextId.
 * When the conversation shows none of these, Genesys's own error goes back unchanged.
 */
async function explainRejectedSend(
  error: unknown,
  input: SendInput & { communicationId: string },
  outgoing: OutgoingMessage,
  responseName: string,
  deps: PipelineDeps,
  deadline: Deadline,
): Promise<unknown> {
  if (!(error instanceof GenesysApiError) || !mayBeRefusedMessage(error.upstreamStatus)) return error;
  let conversation: Conversation;
  try {
    conversation = await deps.getConversation(input.conversationId, deadline);
  } catch (lookupError) {
    return lookupError instanceof AppError && lookupError.code === 'conversation_not_found' ? lookupError : error;
  }
  const communication = connectedAgentCommunication(conversation, input.communicationId);
  if (!communication) {
    const explained = notActive(conversation, input.communicationId);
    return new AppError(explained.code, explained.message, restating(error));
  }
  try {
    checkChannel(outgoing, communication, conversation, responseName);
  } catch (refusal) {
    if (refusal instanceof AppError) return new AppError(refusal.code, refusal.message, { ...restating(error), details: refusal.details });
    throw refusal;
  }
  return error;
}
