import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Models } from 'purecloud-platform-client-v2';
import { sendGenesysError, sendInvalidId, sendInvalidValue } from '../genesys-errors';
import type { EmulatedConversation, TranscriptMessage } from '../model';
import type { EmulatorState } from '../state';
import { toMessageData } from './conversation-views';
import { findConversation } from './lookup';
import { paginate, pageUris, parsePaging } from './pagination';
import { isPlainObject, isUuid } from './validation';

/** The platform's limit on one bulk read ("The max messages you can request in the body is 1,000"). */
const BULK_MAX_IDS = 1000;

interface ConversationParams {
  conversationId: string;
}

/**
 * Reading messages back: one message (the `selfUri` of every sent message), a batch, a message by id alone, the
 * media listing of a communication; and the typing indicator.
 */
export const messageRoutes: FastifyPluginAsync<{ state: EmulatorState }> = async (app, { state }) => {
  app.get<{ Params: ConversationParams & { messageId: string } }>(
    '/conversations/messages/:conversationId/messages/:messageId',
    { config: { routeName: 'getMessage' } },
    async (request, reply) => {
      const { conversationId, messageId } = request.params;
      const conversation = findConversation(state, reply, conversationId);
      if (!conversation) return reply;
      if (!isUuid(messageId)) return sendInvalidId(reply, 'messageId', messageId);
      const message = conversation.transcript.find((m) => m.id === messageId);
      if (!message) return sendMessageNotFound(reply, messageId);
      return toMessageData(conversation, message);
    },
  );

  app.post<{ Params: ConversationParams }>(
    '/conversations/messages/:conversationId/messages/bulk',
    { config: { routeName: 'getMessagesBulk' } },
    async (request, reply) => {
      const conversation = findConversation(state, reply, request.params.conversationId);
      if (!conversation) return reply;
      const ids = request.body;
      if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
        return sendInvalidValue(reply, 'body', 'The body must be a non-empty array of message ids.');
      }
      if (ids.length > BULK_MAX_IDS) {
        return sendInvalidValue(reply, 'body', 'At most {max} message ids can be requested at once; got {count}.', {
          max: String(BULK_MAX_IDS),
          count: String(ids.length),
        });
      }
      // Ids not in the conversation are left out of the listing; whether the platform does the same or refuses
      // the batch is not documented.
      const wanted = new Set(ids);
      const entities = conversation.transcript
        .filter((message) => wanted.has(message.id))
        .map((message) => toMessageData(conversation, message));
      return { entities } satisfies Models.TextMessageListing;
    },
  );

  app.get<{ Params: { messageId: string } }>(
    '/conversations/messages/:messageId/details',
    { config: { routeName: 'getMessageDetails' } },
    async (request, reply) => {
      const { messageId } = request.params;
      if (!isUuid(messageId)) return sendInvalidId(reply, 'messageId', messageId);
      const found = findMessage(state, messageId);
      if (!found) return sendMessageNotFound(reply, messageId);
      return toMessageData(found.conversation, found.message);
    },
  );

  const mediaPath = '/conversations/messages/:conversationId/communications/:communicationId/messages/media';
  app.get<{
    Params: ConversationParams & { communicationId: string };
    Querystring: { pageSize?: string; pageNumber?: string };
  }>(mediaPath, { config: { routeName: 'listMessageMedia' } }, async (request, reply) => {
    const { conversationId, communicationId } = request.params;
    const conversation = findConversation(state, reply, conversationId);
    if (!conversation) return reply;
    if (!hasCommunication(conversation, communicationId)) return sendCommunicationNotFound(reply, request.params);
    const paging = parsePaging(request.query.pageSize, request.query.pageNumber);
    if (typeof paging === 'string') return sendInvalidValue(reply, 'pageSize', paging);
    // Media is uploaded through a separate flow the emulator does not offer, so every listing is empty.
    const page = paginate<Models.MessageMediaData>([], paging);
    const path = `/api/v2${mediaPath.replace(':conversationId', conversationId).replace(':communicationId', communicationId)}`;
    return { ...page, ...pageUris(path, page) } satisfies Models.MessageMediaListing;
  });

  app.get<{ Params: ConversationParams & { communicationId: string; mediaId: string } }>(
    `${mediaPath}/:mediaId`,
    { config: { routeName: 'getMessageMedia' } },
    async (request, reply) => {
      const { conversationId, communicationId, mediaId } = request.params;
      const conversation = findConversation(state, reply, conversationId);
      if (!conversation) return reply;
      if (!hasCommunication(conversation, communicationId)) return sendCommunicationNotFound(reply, request.params);
      return sendGenesysError(reply, 404, 'not.found', `Media ${mediaId} was not found.`);
    },
  );

  app.post<{ Params: ConversationParams & { communicationId: string } }>(
    '/conversations/messages/:conversationId/communications/:communicationId/typing',
    { config: { routeName: 'sendTyping' } },
    async (request, reply) => {
      const conversation = findConversation(state, reply, request.params.conversationId);
      if (!conversation) return reply;
      if (!hasCommunication(conversation, request.params.communicationId)) {
        return sendCommunicationNotFound(reply, request.params);
      }
      const body = request.body;
      if (!isPlainObject(body) || !isPlainObject(body.typing) || typeof body.typing.type !== 'string') {
        return sendInvalidValue(reply, 'typing', 'The body must be a MessageTypingEventRequest with {field}.type.');
      }
      // A typing event is shown to the customer and not stored; 202 with no body is the emulator's reading.
      return reply.code(202).send();
    },
  );
};

function findMessage(
  state: EmulatorState,
  messageId: string,
): { conversation: EmulatedConversation; message: TranscriptMessage } | undefined {
  for (const conversation of state.conversations.values()) {
    const message = conversation.transcript.find((m) => m.id === messageId);
    if (message) return { conversation, message };
  }
  return undefined;
}

function hasCommunication(conversation: EmulatedConversation, communicationId: string): boolean {
  return conversation.participants.some((p) => p.communication.id === communicationId);
}

function sendMessageNotFound(reply: FastifyReply, messageId: string) {
  return sendGenesysError(reply, 404, 'not.found', `Message ${messageId} was not found.`);
}

function sendCommunicationNotFound(
  reply: FastifyReply,
  { conversationId, communicationId }: { conversationId: string; communicationId: string },
) {
  const message = `Communication ${communicationId} was not found in conversation ${conversationId}.`;
  return sendGenesysError(reply, 404, 'not.found', message);
}
