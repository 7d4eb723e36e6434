import type { Models } from 'purecloud-platform-client-v2';
import type { EmulatedConversation, EmulatedParticipant, GivenParameter, SentTemplate, SentMessageData, TranscriptMessage } from '../model';

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

/** MessageDetails.messageStatus → ConversationNormalizedMessage.status; other statuses have no normalized form. */
const NORMALIZED_STATUS: Record<string, string> = {
  sent: 'Sent',
  'delivery-success': 'Delivered',
  read: 'Read',
  failed: 'Failed',
  'delivery-failed': 'Failed',
  published: 'Published',
  removed: 'Removed',
};

/**
 * One message of the transcript as `MessageData` (the send's answer, `GET …/messages/{messageId}`, the bulk read).
 * The text is in `normalizedMessage.text`: SDK 262's MessageData declares no `textBody`.
 */
export function toMessageData(conversation: EmulatedConversation, message: TranscriptMessage): SentMessageData {
  const author = conversation.participants.find((p) => p.id === message.participantId);
  const { fromAddress, toAddress } = author ? addresses(conversation, author) : { fromAddress: undefined, toAddress: undefined };
  const kind = message.kind ?? 'text';
  const status = NORMALIZED_STATUS[message.status];
  return {
    id: message.id,
    timestamp: message.timestamp,
    direction: message.direction,
    status: message.status,
    conversationId: conversation.id,
    ...optional('messengerType', author?.communication.type),
    ...optional('fromAddress', fromAddress?.addressNormalized),
    ...optional('toAddress', toAddress?.addressNormalized),
    normalizedMessage: {
      id: message.id,
      type: kind === 'text' ? 'Text' : 'Structured',
      ...(kind === 'text' ? { text: message.text } : {}),
      ...(message.template ? { content: [notificationContent(message.template)] } : {}),
      direction: message.direction === 'inbound' ? 'Inbound' : 'Outbound',
      ...optional('status', status),
    },
    selfUri: messageUri(conversation.id, message.id),
  };
}

/**
 * A template message read back: a `Notification` content (ConversationContentNotificationTemplate), its body's
 * `parameters` required by the model. That the platform fills `template.id` with the response id of the send (and
 * not, say, the WhatsApp template's own id) is not verified: the SDK's model is the only source, and the emulator
 * takes its most direct reading, so a client that relies on it should treat anything else as "cannot tell".
 */
function notificationContent(template: SentTemplate): Models.ConversationMessageContent {
  const parameters = (values: GivenParameter[]) => values.map(({ id, value }) => ({ name: id, text: value }));
  return {
    contentType: 'Notification',
    template: {
      id: template.responseId,
      language: template.language,
      ...(template.header === undefined
        ? {}
        : { header: { type: 'Text', text: template.header, parameters: parameters(template.headerParameters) } }),
      body: { text: template.body, parameters: parameters(template.bodyParameters) },
      ...(template.footer === undefined ? {} : { footer: { text: template.footer } }),
    },
  };
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
    participants: conversation.participants.map((participant) => toMessageMediaParticipant(conversation, participant)),
    selfUri: messageConversationUri(conversation.id),
  };
}

/** One participant of `GET /api/v2/conversations/messages/{id}`. */
function toMessageMediaParticipant(
  conversation: EmulatedConversation,
  participant: EmulatedParticipant,
): Models.MessageMediaParticipant {
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
}
