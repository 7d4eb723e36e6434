import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Models } from 'purecloud-platform-client-v2';
import { type Refusal, sendGenesysError, sendInvalidId, sendInvalidValue, sendRefusal } from '../genesys-errors';
import type { EmulatedConversation, EmulatedParticipant, TranscriptMessage } from '../model';
import type { EmulatorState } from '../state';
import { parseAdditionalMessage, type OutgoingMessage } from './additional-message';
import { whyChannelRefuses } from './channel-rules';
import { toConversation, toMessageConversation, toMessageData } from './conversation-views';
import { findConversation } from './lookup';
import { DEFAULT_PAGE_SIZE, paginate, pageUris } from './pagination';
import { isUuid } from './validation';

interface ConversationParams {
  conversationId: string;
}
interface SendParams extends ConversationParams {
  communicationId: string;
}

/** Conversation reads and the messaging send endpoint. */
export const conversationRoutes: FastifyPluginAsync<{ state: EmulatorState }> = async (app, { state }) => {
  app.get<{ Params: ConversationParams }>(
    '/conversations/:conversationId',
    { config: { routeName: 'getConversation' } },
    async (request, reply) => {
      const conversation = findConversation(state, reply, request.params.conversationId);
      return conversation ? toConversation(conversation) : reply;
    },
  );

  app.get('/conversations/messages', { config: { routeName: 'listMessageConversations' } }, async () => {
    // "Active message conversations for the logged in user": a client-credentials token acts for an OAuth client,
    // which is no participant, so the emulator answers an empty listing. Whether the platform answers that or
    // refuses the call without a user is not documented.
    const page = paginate<Models.MessageConversation>([], { pageSize: DEFAULT_PAGE_SIZE, pageNumber: 1 });
    return { ...page, ...pageUris('/api/v2/conversations/messages', page) } satisfies Models.MessageConversationEntityListing;
  });

  app.get<{ Params: ConversationParams }>(
    '/conversations/messages/:conversationId',
    { config: { routeName: 'getMessageConversation' } },
    async (request, reply) => {
      const conversation = findConversation(state, reply, request.params.conversationId);
      return conversation ? toMessageConversation(conversation) : reply;
    },
  );

  app.post<{ Params: SendParams }>(
    '/conversations/messages/:conversationId/communications/:communicationId/messages',
    { config: { routeName: 'sendMessage' } },
    async (request, reply) => {
      const { conversationId, communicationId } = request.params;
      if (!isUuid(communicationId)) return sendInvalidId(reply, 'communicationId', communicationId);
      const outgoing = parseAdditionalMessage(request.body, (id) => state.responses.get(id));
      if (typeof outgoing === 'string') return sendInvalidValue(reply, 'body', outgoing);

      const conversation = findConversation(state, reply, conversationId);
      if (!conversation) return reply;
      const sender = conversation.participants.find((p) => p.communication.id === communicationId);
      if (!sender) {
        const message = `Communication ${communicationId} was not found in conversation ${conversationId}.`;
        return sendGenesysError(reply, 404, 'not.found', message);
      }
      const notConnected = whyNotConnected(conversation, sender);
      if (notConnected) return sendRefusal(reply, notConnected);
      const refused = whyChannelRefuses(outgoing, conversation, sender, Date.now());
      if (refused) return sendRefusal(reply, refused);

      const sent: TranscriptMessage = {
        id: randomUUID(),
        participantId: sender.id,
        direction: 'outbound',
        kind: outgoing.kind,
        text: transcriptText(outgoing),
        timestamp: new Date().toISOString(),
        status: 'sent',
        ...(outgoing.kind === 'template' ? { template: outgoing.rendered } : {}),
      };
      // No `createdBy`: a client-credentials token acts for the OAuth client, not for a user.
      const messageData = toMessageData(conversation, sent);
      state.recordSentMessage(
        { conversationId, communicationId, request: request.body as Models.AdditionalMessage, messageData },
        sent,
      );
      return messageData;
    },
  );
};

/** Only a connected agent communication of a conversation still going on can send. */
function whyNotConnected(conversation: EmulatedConversation, sender: EmulatedParticipant): Refusal | undefined {
  const messageParams = { communicationId: sender.communication.id, conversationId: conversation.id };
  if (conversation.endTime) {
    return { messageWithParams: 'Communication {communicationId} is not connected: conversation {conversationId} has ended.', messageParams };
  }
  if (sender.purpose !== 'agent') {
    return {
      messageWithParams: 'Communication {communicationId} is not connected to an agent: it belongs to the {purpose} participant.',
      messageParams: { ...messageParams, purpose: sender.purpose },
    };
  }
  if (sender.communication.state !== 'connected') {
    return {
      messageWithParams: 'Communication {communicationId} is not connected (state: {state}).',
      messageParams: { ...messageParams, state: sender.communication.state },
    };
  }
  return undefined;
}

/** How a sent message reads in the transcript page. */
function transcriptText(outgoing: OutgoingMessage): string {
  switch (outgoing.kind) {
    case 'text':
      return outgoing.textBody;
    case 'media':
      return `[media: ${outgoing.mediaIds.join(', ')}]`;
    case 'template':
      return outgoing.rendered.body;
  }
}
