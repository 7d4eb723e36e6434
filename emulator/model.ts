import type { Models } from 'purecloud-platform-client-v2';

/**
 * Data model of the emulator. Wire shapes are typed with the official SDK models (type-only import, nothing
 * at runtime) so the emulator cannot silently drift from what real Genesys Cloud clients parse.
 */

export const ROUTE_NAMES = [
  'token',
  'getResponse',
  'listLibraries',
  'queryResponses',
  'getConversation',
  'getMessageConversation',
  'sendMessage',
  'getSecretValue',
  'listResponses',
  'getLibrary',
  'getMessage',
  'getMessagesBulk',
  'getMessageDetails',
  'listMessageMedia',
  'getMessageMedia',
  'sendTyping',
  'getTokenInfo',
  'listMessageConversations',
  'getLibrariesBulk',
  'getResponseAsset',
] as const;

/** Name of an emulated endpoint, as used by call counting and fault injection. */
export type RouteName = (typeof ROUTE_NAMES)[number];

export function isRouteName(value: unknown): value is RouteName {
  return typeof value === 'string' && (ROUTE_NAMES as readonly string[]).includes(value);
}

/** The SDK marks `id` optional because request bodies omit it; stored entities always have one. */
export type CannedResponse = Models.Response & { id: string };
export type ResponseLibrary = Models.Library & { id: string };

/** A sent message as the API answers it: the text is in `normalizedMessage.text` (MessageData has no `textBody`). */
export type SentMessageData = Models.MessageData & { id: string };

export type CommunicationState = 'alerting' | 'connected' | 'disconnected';
export type ParticipantPurpose = 'customer' | 'agent' | 'acd' | 'workflow';

/** A participant's messaging communication; its `id` is what the send endpoint calls `communicationId`. */
export interface EmulatedCommunication {
  id: string;
  /** Messenger type, e.g. `webmessaging`, `sms`, `whatsapp`, `open`. */
  type: string;
  state: CommunicationState;
  connectedTime?: string;
  disconnectedTime?: string;
}

export interface EmulatedParticipant {
  id: string;
  purpose: ParticipantPurpose;
  name: string;
  /** Messaging address: the guest session for a customer, the messaging deployment for agents and queues. */
  address: string;
  userId?: string;
  queueId?: string;
  startTime: string;
  endTime?: string;
  communication: EmulatedCommunication;
}

/** A TemplateParameter as the send endpoint accepted it: both fields given. */
export interface GivenParameter {
  id: string;
  value: string;
}

/** A WhatsApp template as the customer's phone shows it: every placeholder filled. */
export interface RenderedTemplate {
  name: string;
  language: string;
  header?: string;
  body: string;
  footer?: string;
  /** Button labels, with the filled URL of a `Url` button. */
  buttons: Array<{ label: string; url?: string }>;
}

/** A template as sent: what the customer sees, and what the send named (read back as a Notification content). */
export interface SentTemplate extends RenderedTemplate {
  /** The Response Management response it was sent as. */
  responseId: string;
  /** The values given for the header's and the body's placeholders, by placeholder id. */
  headerParameters: GivenParameter[];
  bodyParameters: GivenParameter[];
}

export interface TranscriptMessage {
  id: string;
  /** The participant who wrote it (customer for inbound, an agent for outbound). */
  participantId: string;
  direction: 'inbound' | 'outbound';
  /** What was sent; default `text`. For media and templates, `text` is only how the transcript page shows it. */
  kind?: 'text' | 'media' | 'template';
  text: string;
  timestamp: string;
  /** MessageDetails.messageStatus, e.g. `received`, `sent`, `delivery-success`. */
  status: string;
  /** Set when the message was a WhatsApp template; `text` is then its filled body. */
  template?: SentTemplate;
}

export interface EmulatedConversation {
  id: string;
  startTime: string;
  endTime?: string;
  participants: EmulatedParticipant[];
  /** Oldest first. */
  transcript: TranscriptMessage[];
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** Everything the emulator starts with, and goes back to on reset. */
export interface Seed {
  oauthClients: OAuthClient[];
  libraries: ResponseLibrary[];
  responses: CannedResponse[];
  conversations: EmulatedConversation[];
  /** Secrets Manager stand-in: secret name → SecretString. */
  secrets: Record<string, string>;
}

/** A message accepted by the send endpoint: what was asked and what was answered. */
export interface SentMessage {
  conversationId: string;
  communicationId: string;
  request: Models.AdditionalMessage;
  messageData: SentMessageData;
}
