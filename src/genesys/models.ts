import * as z from 'zod';

/**
 * The parts of the Genesys Cloud models (purecloud-platform-client-v2 `index.d.ts`) this function reads.
 * Loose objects: Genesys adds fields over time, and an unknown field must never break a send.
 */

/** A list Genesys may leave out or send as null, read as an empty list. */
function listOf<T extends z.ZodType>(item: T) {
  return z.array(item).nullish().transform((items) => items ?? []);
}

export const responseTextSchema = z.looseObject({
  content: z.string(),
  contentType: z.string(),
  type: z.string().nullish(),
});

export const cannedResponseSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  version: z.number().nullish(),
  texts: listOf(responseTextSchema),
  substitutions: listOf(z.looseObject({ id: z.string(), description: z.string().nullish(), defaultValue: z.string().nullish() })),
  responseType: z.string().nullish(),
  interactionType: z.string().nullish(),
  /** `MessagingTemplate`: a WhatsApp approved template (`WhatsAppDefinition`); its body text is in `texts`. */
  messagingTemplate: z
    .looseObject({
      whatsApp: z
        .looseObject({
          name: z.string(),
          language: z.string(),
          header: z.looseObject({ type: z.string().nullish(), content: z.string().nullish() }).nullish(),
          buttons: z
            .array(z.looseObject({ type: z.string().nullish(), content: z.string().nullish() }))
            .nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

const messageCommunicationSchema = z.looseObject({
  id: z.string(),
  state: z.string().nullish(),
  type: z.string().nullish(),
  /** `MessageDetails` of the messages on this communication; `messageTime` dates the customer's last message. */
  messages: z.array(z.looseObject({ messageTime: z.string().nullish() })).nullish(),
});

export const conversationSchema = z.looseObject({
  id: z.string(),
  endTime: z.string().nullish(),
  participants: listOf(
    z.looseObject({
      id: z.string(),
      purpose: z.string().nullish(),
      userId: z.string().nullish(),
      messages: listOf(messageCommunicationSchema),
    }),
  ),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** `MessageData`: `id`, `timestamp` and `status` are required by the SDK model. */
export const messageDataSchema = z.looseObject({
  id: z.string().min(1),
  timestamp: z.string().min(1),
  status: z.string().min(1),
});
export type MessageData = z.infer<typeof messageDataSchema>;

/** `MessageDetails`: one message in a participant's `messages[]`; no text (that takes a read of the message). */
const messageDetailsSchema = z.looseObject({
  messageId: z.string().min(1),
  messageTime: z.string().nullish(),
  messageStatus: z.string().nullish(),
});
export type MessageDetails = z.infer<typeof messageDetailsSchema>;

/** `MessageConversation`: each `MessageMediaParticipant`'s `id` is the participant id, not a communication id. */
export const messageConversationSchema = z.looseObject({
  participants: listOf(
    z.looseObject({
      id: z.string(),
      purpose: z.string().nullish(),
      messages: listOf(messageDetailsSchema),
    }),
  ),
});
export type MessageConversation = z.infer<typeof messageConversationSchema>;

/**
 * A message read back (`MessageData`): its text is `normalizedMessage.text`; a template shows as a `Notification`
 * content whose `template.id` identifies it.
 */
export const sentMessageSchema = messageDataSchema.extend({
  normalizedMessage: z
    .looseObject({
      text: z.string().nullish(),
      content: z
        .array(z.looseObject({ template: z.looseObject({ id: z.string().nullish() }).nullish() }))
        .nullish(),
    })
    .nullish(),
});
export type SentMessage = z.infer<typeof sentMessageSchema>;

/** `TextMessageListing`: the answer of the bulk read. */
export const textMessageListingSchema = z.looseObject({
  entities: listOf(sentMessageSchema),
});
