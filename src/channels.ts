import { AppError } from './errors';
import type { Conversation } from './genesys/models';

/**
 * What each messaging channel takes (docs/channels.md). The channel is the `type` of the agent's messaging
 * communication in the conversation; only a conversation the function has read tells it.
 */

/** WhatsApp's customer service window: free text only within 24 hours of the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** When a customer participant last wrote (their communications' `messages[].messageTime`), or undefined. */
export function customerLastWrote(conversation: Conversation): number | undefined {
  const times = conversation.participants
    .filter((participant) => participant.purpose === 'customer')
    .flatMap((participant) => participant.messages.flatMap((communication) => communication.messages ?? []))
    .map((message) => (message.messageTime ? Date.parse(message.messageTime) : Number.NaN))
    .filter((time) => !Number.isNaN(time));
  return times.length === 0 ? undefined : Math.max(...times);
}

/** Refuses free text to a WhatsApp customer outside the 24-hour window (a customer who never wrote is outside). */
export function checkFreeTextWindow(conversation: Conversation, channel: string | undefined, now: number): void {
  if (channel !== 'whatsapp') return;
  const lastWrote = customerLastWrote(conversation);
  if (lastWrote === undefined || now - lastWrote > WHATSAPP_WINDOW_MS) {
    throw new AppError(
      'response_not_sendable',
      `The WhatsApp customer of conversation ${conversation.id} has not written in the last 24 hours: WhatsApp now accepts only template responses.`,
    );
  }
}

/** A template goes to a WhatsApp communication only. */
export function checkTemplateChannel(channel: string | undefined, responseName: string): void {
  if (channel !== 'whatsapp') {
    throw new AppError(
      'response_not_sendable',
      `Canned response "${responseName}" is a WhatsApp template; this conversation is on ${channel ?? 'an unknown channel'}, which takes no templates.`,
    );
  }
}
