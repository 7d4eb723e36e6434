import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Models } from 'purecloud-platform-client-v2';
import { sendGenesysError } from '../genesys-errors';
import type { EmulatedConversation, EmulatedParticipant, SentMessageData } from '../model';
import type { EmulatorState } from '../state';
import { parseAdditionalMessage, type OutgoingMessage } from './additional-message';
import { whyChannelRefuses } from './channel-rules';
import { messageUri, toConversation, toMessageConversation } from './conversation-views';
import { isUuid } from './validation';

interface ConversationParams {
  conversationId: string;
}
interface SendParams extends ConversationParams {
  communicationId: string;
}

/** Conversation reads and the messaging send endpoint. */
export const conversationRoutes: FastifyPluginAsync<{ state: EmulatorState }> = async (app, { state }) => {
  /** Sends the 400/404 and returns undefined when the id is malformed or unknown. */
  function findConversation(reply: FastifyReply, conversationId: string): EmulatedConversation | undefined {
    if (!isUuid(conversationId)) {
      sendGenesysError(reply, 400, 'bad.request', `The conversation id ${conversationId} is not a valid UUID.`);
      return undefined;
    }
    const conversation = state.conversations.get(conversationId);
    if (!conversation) sendGenesysError(reply, 404, 'not.found', `Conversation ${conversationId} was not found.`);
    return conversation;
  }

  app.get<{ Params: ConversationParams }>(
    '/conversations/:conversationId',
    { config: { routeName: 'getConversation' } },
    async (request, reply) => {
      const conversation = findConversation(reply, request.params.conversationId);
      return conversation ? toConversation(conversation) : reply;
    },
  );

  app.get<{ Params: ConversationParams }>(
    '/conversations/messages/:conversationId',
    { config: { routeName: 'getMessageConversation' } },
    async (request, reply) => {
      const conversation = findConversation(reply, request.params.conversationId);
      return conversation ? toMessageConversation(conversation) : reply;
    },
  );

  app.post<{ Params: SendParams; Querystring: { useNormalizedMessage?: string } }>(
    '/conversations/messages/:conversationId/communications/:communicationId/messages',
    { config: { routeName: 'sendMessage' } },
    async (request, reply) => {
      const { conversationId, communicationId } = request.params;
      if (!isUuid(communicationId)) {
        const message = `The communication id ${communicationId} is not a valid UUID.`;
        return sendGenesysError(reply, 400, 'bad.request', message);
      }
      const outgoing = parseAdditionalMessage(request.body, (id) => state.responses.get(id));
      if (typeof outgoing === 'string') return sendGenesysError(reply, 400, 'bad.request', outgoing);

      const conversation = findConversation(reply, conversationId);
      if (!conversation) return reply;
      const sender = conversation.participants.find((p) => p.communication.id === communicationId);
      if (!sender) {
        const message = `Communication ${communicationId} was not found in conversation ${conversationId}.`;
        return sendGenesysError(reply, 404, 'not.found', message);
      }
      const notConnected = whyNotConnected(conversation, sender);
      if (notConnected) return sendGenesysError(reply, 400, 'bad.request', notConnected);
      const refused = whyChannelRefuses(outgoing, conversation, sender, Date.now());
      if (refused) return sendGenesysError(reply, 400, 'bad.request', refused);

      const normalized = request.query.useNormalizedMessage === 'true';
      const messageData = buildMessageData(conversation, sender, outgoing, normalized);
      state.recordSentMessage(
        { conversationId, communicationId, request: request.body as Models.AdditionalMessage, messageData },
        {
          id: messageData.id,
          participantId: sender.id,
          direction: 'outbound',
          text: transcriptText(outgoing),
          timestamp: messageData.timestamp,
          status: messageData.status,
          ...(outgoing.kind === 'template' ? { template: outgoing.rendered } : {}),
        },
      );
      return messageData;
    },
  );
};

/** Only a connected agent communication of a conversation still going on can send. */
function whyNotConnected(conversation: EmulatedConversation, sender: EmulatedParticipant): string | undefined {
  const id = sender.communication.id;
  if (conversation.endTime) return `Communication ${id} is not connected: the conversation has ended.`;
  if (sender.purpose !== 'agent') {
    return `Communication ${id} is not connected to an agent: it belongs to the ${sender.purpose} participant.`;
  }
  if (sender.communication.state !== 'connected') {
    return `Communication ${id} is not connected (state: ${sender.communication.state}).`;
  }
  return undefined;
}

function buildMessageData(
  conversation: EmulatedConversation,
  sender: EmulatedParticipant,
  outgoing: OutgoingMessage,
  withNormalizedMessage: boolean,
): SentMessageData & { id: string } {
  const id = randomUUID();
  const customer = conversation.participants.find((p) => p.purpose === 'customer');
  const text = outgoing.kind === 'text' ? outgoing.textBody : undefined;
  // No `createdBy`: a client-credentials token acts for the OAuth client, not for a user.
  return {
    id,
    timestamp: new Date().toISOString(),
    direction: 'outbound',
    status: 'sent',
    conversationId: conversation.id,
    ...(text === undefined ? {} : { textBody: text }),
    messengerType: sender.communication.type,
    fromAddress: sender.address,
    ...(customer ? { toAddress: customer.address } : {}),
    ...(withNormalizedMessage
      ? {
          normalizedMessage: {
            id,
            type: outgoing.kind === 'template' ? 'Structured' : 'Text',
            ...(text === undefined ? {} : { text }),
            direction: 'Outbound',
            status: 'Sent',
          },
        }
      : {}),
    selfUri: messageUri(conversation.id, id),
  };
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
