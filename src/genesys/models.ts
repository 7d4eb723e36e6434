import * as z from '../zod';

/**
 * The parts of the Genesys Cloud models (purecloud-platform-client-v2 `index.d.ts`) this function reads.
 * Loose objects: Genesys adds fields over time, and an unknown field must never break a send.
 */

/** A list Genesys may leave out or send as null, read as an empty list. */
function listOf<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.nullish(z.array(item)),
    z.transform((items: Array<z.output<T>> | null | undefined) => items ?? []),
  );
}

export const responseTextSchema = z.looseObject({
  content: z.string(),
  contentType: z.string(),
  type: z.nullish(z.string()),
});

export const cannedResponseSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  version: z.nullish(z.number()),
  texts: listOf(responseTextSchema),
  substitutions: listOf(z.looseObject({ id: z.string(), description: z.nullish(z.string()), defaultValue: z.nullish(z.string()) })),
  responseType: z.nullish(z.string()),
  interactionType: z.nullish(z.string()),
  /** `MessagingTemplate`: a WhatsApp approved template (`WhatsAppDefinition`); its body text is in `texts`. */
  messagingTemplate: z.nullish(
    z.looseObject({
      whatsApp: z.nullish(
        z.looseObject({
          name: z.string(),
          language: z.string(),
          header: z.nullish(z.looseObject({ type: z.nullish(z.string()), content: z.nullish(z.string()) })),
          buttons: z.nullish(z.array(z.looseObject({ type: z.nullish(z.string()), content: z.nullish(z.string()) }))),
        }),
      ),
    }),
  ),
});
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

const messageCommunicationSchema = z.looseObject({
  id: z.string(),
  state: z.nullish(z.string()),
  type: z.nullish(z.string()),
  /** `MessageDetails` of the messages on this communication; `messageTime` dates the customer's last message. */
  messages: z.nullish(z.array(z.looseObject({ messageTime: z.nullish(z.string()) }))),
});

export const conversationSchema = z.looseObject({
  id: z.string(),
  endTime: z.nullish(z.string()),
  participants: listOf(
    z.looseObject({
      id: z.string(),
      purpose: z.nullish(z.string()),
      userId: z.nullish(z.string()),
      messages: listOf(messageCommunicationSchema),
    }),
  ),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** `MessageData`: `id`, `timestamp` and `status` are required by the SDK model. */
export const messageDataSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  timestamp: z.string().check(z.minLength(1)),
  status: z.string().check(z.minLength(1)),
});
export type MessageData = z.infer<typeof messageDataSchema>;

/** `MessageDetails`: one message in a participant's `messages[]`; no text (that takes a read of the message). */
const messageDetailsSchema = z.looseObject({
  messageId: z.string().check(z.minLength(1)),
  messageTime: z.nullish(z.string()),
  messageStatus: z.nullish(z.string()),
});
export type MessageDetails = z.infer<typeof messageDetailsSchema>;

/** `MessageConversation`: each `MessageMediaParticipant`'s `id` is the participant id, not a communication id. */
export const messageConversationSchema = z.looseObject({
  participants: listOf(
    z.looseObject({
      id: z.string(),
      purpose: z.nullish(z.string()),
      messages: listOf(messageDetailsSchema),
    }),
  ),
});
export type MessageConversation = z.infer<typeof messageConversationSchema>;

/**
 * A message read back (`MessageData`): its text is `normalizedMessage.text`; a template shows as a `Notification`
 * content whose `template.id` identifies it.
 */
export const sentMessageSchema = z.extend(messageDataSchema, {
  normalizedMessage: z.nullish(
    z.looseObject({
      text: z.nullish(z.string()),
      content: z.nullish(z.array(z.looseObject({ template: z.nullish(z.looseObject({ id: z.nullish(z.string()) })) }))),
    }),
  ),
});
export type SentMessage = z.infer<typeof sentMessageSchema>;

/** `TextMessageListing`: the answer of the bulk read. */
export const textMessageListingSchema = z.looseObject({
  entities: listOf(sentMessageSchema),
});
