import type { CannedResponse, EmulatedConversation, RenderedTemplate, SentTemplate, TranscriptMessage } from '../model';
import type { EmulatorState } from '../state';

/** Data the transcript page shows, shaped for rendering rather than for the Genesys API. */

export interface UiParticipant {
  id: string;
  name: string;
  purpose: string;
  state: string;
}

export interface UiMessage {
  id: string;
  direction: TranscriptMessage['direction'];
  senderName: string;
  senderPurpose: string;
  text: string;
  timestamp: string;
  /** A WhatsApp template as the customer sees it; `text` is then its body. */
  template?: RenderedTemplate;
}

export interface UiConversationSummary {
  id: string;
  state: 'active' | 'ended';
  /** The messaging channel (communication type), e.g. `webmessaging`, `whatsapp`, `sms`. */
  channel: string;
  startTime: string;
  endTime?: string;
  participants: UiParticipant[];
  lastMessage?: UiMessage;
}

export interface UiConversation extends UiConversationSummary {
  messages: UiMessage[];
}

const PREVIEW_LENGTH = 160;

export function toUiMessage(conversation: EmulatedConversation, message: TranscriptMessage): UiMessage {
  const sender = conversation.participants.find((p) => p.id === message.participantId);
  return {
    id: message.id,
    direction: message.direction,
    senderName: sender?.name ?? 'Unknown participant',
    senderPurpose: sender?.purpose ?? 'unknown',
    text: message.text,
    timestamp: message.timestamp,
    ...(message.template ? { template: shownTemplate(message.template) } : {}),
  };
}

/** The part of a sent template the customer sees; what the send named stays out of the page. */
function shownTemplate({ responseId: _responseId, headerParameters: _header, bodyParameters: _body, ...shown }: SentTemplate): RenderedTemplate {
  return shown;
}

export function toUiSummary(conversation: EmulatedConversation): UiConversationSummary {
  const last = conversation.transcript.at(-1);
  return {
    id: conversation.id,
    state: conversation.endTime ? 'ended' : 'active',
    channel: conversation.participants.find((p) => p.purpose === 'customer')?.communication.type ?? 'webmessaging',
    startTime: conversation.startTime,
    ...(conversation.endTime ? { endTime: conversation.endTime } : {}),
    participants: conversation.participants.map((p) => ({
      id: p.id,
      name: p.name,
      purpose: p.purpose,
      state: p.communication.state,
    })),
    ...(last ? { lastMessage: toUiMessage(conversation, last) } : {}),
  };
}

export function toUiConversation(conversation: EmulatedConversation): UiConversation {
  return {
    ...toUiSummary(conversation),
    messages: conversation.transcript.map((message) => toUiMessage(conversation, message)),
  };
}

/** Active conversations first, then most recent first. */
export function listUiConversations(state: EmulatorState): UiConversationSummary[] {
  return [...state.conversations.values()]
    .map(toUiSummary)
    .sort((a, b) => rank(a) - rank(b) || b.startTime.localeCompare(a.startTime));
}

function rank(conversation: UiConversationSummary): number {
  return conversation.state === 'ended' ? 1 : 0;
}

export function listUiLibraries(state: EmulatorState) {
  const responses = [...state.responses.values()];
  return [...state.libraries.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((library) => ({
      id: library.id,
      name: library.name,
      responses: responses
        .filter((response) => response.libraries.some((ref) => ref.id === library.id))
        .map((response) => ({
          id: response.id,
          name: response.name ?? '',
          interactionType: response.interactionType ?? 'chat',
          responseType: response.responseType ?? null,
          preview: preview(response),
        })),
    }));
}

/** Body text as plain text (tags dropped, whitespace collapsed), shortened; templates are named first. */
function preview(response: CannedResponse): string {
  const template = response.messagingTemplate?.whatsApp;
  const named = template ? `WhatsApp template “${template.name}” (${template.language})` : '';
  const text = bodyPreview(response);
  return named && text ? `${named}: ${text}` : named || text;
}

function bodyPreview(response: CannedResponse): string {
  const body = response.texts?.find((text) => text.type !== 'subject') ?? response.texts?.[0];
  if (!body) return '';
  const plain = body.content
    .replace(/<li[^>]*>/gi, ' • ')
    .replace(/<\/?(p|br|ul|ol|div)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > PREVIEW_LENGTH ? `${plain.slice(0, PREVIEW_LENGTH - 1)}…` : plain;
}
