import type { Models } from 'purecloud-platform-client-v2';
import type { EmulatedConversation, EmulatedParticipant, TranscriptMessage } from '../model';

/** Builds the two API representations of one emulated conversation, following the SDK models. */

const conversationUri = (id: string) => `/api/v2/conversations/${id}`;
const messageConversationUri = (id: string) => `/api/v2/conversations/messages/${id}`;
export const messageUri = (conversationId: string, messageId: string) =>
  `${messageConversationUri(conversationId)}/messages/${messageId}`;

function messageDetails(conversationId: string, message: TranscriptMessage): Models.MessageDetails {
  return {
    messageId: message.id,
    messageURI: messageUri(conversationId, message.id),
    messageStatus: message.status,
    messageSegmentCount: 1,
    messageTime: message.timestamp,
  };
}

function detailsWrittenBy(conversation: EmulatedConversation, participant: EmulatedParticipant) {
  return conversation.transcript
    .filter((message) => message.participantId === participant.id)
    .map((message) => messageDetails(conversation.id, message));
}

/** Agent and queue communications go from the messaging deployment to the guest; the customer's the other way. */
function addresses(conversation: EmulatedConversation, participant: EmulatedParticipant) {
  const addressOf = (match: (p: EmulatedParticipant) => boolean) => ({
    addressNormalized: conversation.participants.find(match)?.address ?? participant.address,
  });
  const guest = addressOf((p) => p.purpose === 'customer');
  const deployment = addressOf((p) => p.purpose !== 'customer');
  return participant.purpose === 'customer'
    ? { fromAddress: guest, toAddress: deployment }
    : { fromAddress: deployment, toAddress: guest };
}

const userRef = (id: string) => ({ id, selfUri: `/api/v2/users/${id}` });
const queueRef = (id: string) => ({ id, selfUri: `/api/v2/routing/queues/${id}` });

function optional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value };
}

/** `GET /api/v2/conversations/{id}`: participants carry their communications in `messages[]`. */
export function toConversation(conversation: EmulatedConversation): Models.Conversation {
  return {
    id: conversation.id,
    startTime: conversation.startTime,
    ...optional('endTime', conversation.endTime),
    participants: conversation.participants.map((participant): Models.Participant => {
      const { communication } = participant;
      return {
        id: participant.id,
        startTime: participant.startTime,
        ...optional('endTime', participant.endTime),
        ...optional('connectedTime', communication.connectedTime),
        name: participant.name,
        purpose: participant.purpose,
        ...optional('userId', participant.userId),
        ...optional('userUri', participant.userId === undefined ? undefined : userRef(participant.userId).selfUri),
        ...optional('queueId', participant.queueId),
        address: participant.address,
        wrapupRequired: participant.purpose === 'agent',
        attributes: {},
        messages: [
          {
            id: communication.id,
            state: communication.state,
            held: false,
            direction: 'inbound',
            type: communication.type,
            provider: 'PureCloud Messaging',
            ...optional('connectedTime', communication.connectedTime),
            ...optional('disconnectedTime', communication.disconnectedTime),
            ...addresses(conversation, participant),
            messages: detailsWrittenBy(conversation, participant),
          },
        ],
      };
    }),
    selfUri: conversationUri(conversation.id),
  };
}

/**
 * `GET /api/v2/conversations/messages/{id}`: one MessageMediaParticipant per participant. Its `id` is the
 * participant id; there is no communication id in this representation.
 */
export function toMessageConversation(conversation: EmulatedConversation): Models.MessageConversation {
  return {
    id: conversation.id,
    participants: conversation.participants.map((participant): Models.MessageMediaParticipant => {
      const { communication } = participant;
      return {
        id: participant.id,
        name: participant.name,
        address: participant.address,
        startTime: participant.startTime,
        ...optional('connectedTime', communication.connectedTime),
        ...optional('endTime', participant.endTime),
        purpose: participant.purpose,
        state: communication.state,
        direction: 'inbound',
        held: false,
        wrapupRequired: participant.purpose === 'agent',
        ...optional('user', participant.userId === undefined ? undefined : userRef(participant.userId)),
        ...optional('queue', participant.queueId === undefined ? undefined : queueRef(participant.queueId)),
        ...addresses(conversation, participant),
        messages: detailsWrittenBy(conversation, participant),
        type: communication.type,
      };
    }),
    selfUri: messageConversationUri(conversation.id),
  };
}
