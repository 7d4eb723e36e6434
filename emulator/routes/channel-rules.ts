import type { Refusal } from '../genesys-errors';
import type { EmulatedConversation, EmulatedParticipant } from '../model';
import type { OutgoingMessage } from './additional-message';
import { textBodyLength } from './validation';

/** SMS `textBody` limit (AdditionalMessage model: "SMS - 765 characters, other channels - 2000"). */
const SMS_TEXT_BODY_MAX_CHARACTERS = 765;

/** WhatsApp's customer service window: free-form messages only within 24 hours of the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** When the customer last wrote, or undefined when they never did. */
export function lastInboundTime(conversation: EmulatedConversation): number | undefined {
  const times = conversation.transcript
    .filter((message) => message.direction === 'inbound')
    .map((message) => Date.parse(message.timestamp));
  return times.length === 0 ? undefined : Math.max(...times);
}

/**
 * What the channel of the sending communication refuses, or undefined. The real platform's error code for a send
 * outside WhatsApp's window is not documented (it may even accept the send and fail the delivery later); the
 * emulator answers a plain 400 `bad.request` (see sendRefusal), so a client cannot lean on a code either.
 */
export function whyChannelRefuses(
  outgoing: OutgoingMessage,
  conversation: EmulatedConversation,
  sender: EmulatedParticipant,
  now: number,
): Refusal | undefined {
  const channel = sender.communication.type;
  const communicationId = sender.communication.id;
  if (outgoing.kind === 'template') {
    return channel === 'whatsapp'
      ? undefined
      : {
          messageWithParams: 'Messaging templates can only be sent on a whatsapp communication; communication {communicationId} is {channel}.',
          messageParams: { communicationId, channel },
        };
  }
  if (channel === 'sms' && outgoing.kind === 'text') {
    const length = textBodyLength(outgoing.textBody);
    if (length > SMS_TEXT_BODY_MAX_CHARACTERS) {
      return {
        messageWithParams: 'textBody is {length} characters long; the maximum for {channel} is {maximum}.',
        messageParams: { length: String(length), channel, maximum: String(SMS_TEXT_BODY_MAX_CHARACTERS) },
      };
    }
  }
  if (channel === 'whatsapp') {
    const last = lastInboundTime(conversation);
    if (last === undefined || now - last > WHATSAPP_WINDOW_MS) {
      return {
        messageWithParams:
          'The customer last wrote more than 24 hours ago: WhatsApp accepts only template messages outside the customer service window of communication {communicationId}.',
        messageParams: { communicationId },
      };
    }
  }
  return undefined;
}
