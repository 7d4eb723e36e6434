import type { Models } from 'purecloud-platform-client-v2';
import type { CannedResponse, SentTemplate } from '../model';
import { parseMessagingTemplate } from './messaging-template';
import { isPlainObject, textBodyLength } from './validation';

/** `textBody` limit of every channel but SMS (AdditionalMessage model). */
const TEXT_BODY_MAX_CHARACTERS = 2000;

const BODY_FIELDS = ['textBody', 'mediaIds', 'messagingTemplate'] as const;

/** What the send endpoint will deliver; exactly one kind per request, as Genesys requires. */
export type OutgoingMessage =
  | { kind: 'text'; textBody: string }
  | { kind: 'media'; mediaIds: string[] }
  | { kind: 'template'; messagingTemplate: Models.SendMessagingTemplateRequest; rendered: SentTemplate };

/**
 * Validates an AdditionalMessage body. Returns the message to send, or the reason it is rejected (400).
 * A field set to null counts as absent, so clients whose serializers write nulls for unset fields are not rejected.
 */
export function parseAdditionalMessage(
  body: unknown,
  findResponse: (id: string) => CannedResponse | undefined,
): OutgoingMessage | string {
  if (!isPlainObject(body)) return 'The request body must be an AdditionalMessage JSON object.';
  const unknownFields = Object.keys(body).filter((key) => !(BODY_FIELDS as readonly string[]).includes(key));
  if (unknownFields.length > 0) {
    return `Unknown field(s) in the message body: ${unknownFields.join(', ')}. Allowed: ${BODY_FIELDS.join(', ')}.`;
  }
  const present = BODY_FIELDS.filter((field) => body[field] !== undefined && body[field] !== null);
  if (present.length !== 1) {
    const got = present.length === 0 ? 'none' : present.join(' and ');
    return `Exactly one of textBody, mediaIds or messagingTemplate must be set per message; got ${got}.`;
  }
  switch (present[0]) {
    case 'textBody':
      return parseTextBody(body.textBody);
    case 'mediaIds':
      return parseMediaIds(body.mediaIds);
    default:
      return parseTemplate(body.messagingTemplate, findResponse);
  }
}

function parseTextBody(textBody: unknown): OutgoingMessage | string {
  if (typeof textBody !== 'string' || textBody.trim() === '') return 'textBody must be a non-empty string.';
  const length = textBodyLength(textBody);
  if (length > TEXT_BODY_MAX_CHARACTERS) {
    return `textBody is ${length} characters long; the maximum is ${TEXT_BODY_MAX_CHARACTERS}.`;
  }
  return { kind: 'text', textBody };
}

function parseMediaIds(mediaIds: unknown): OutgoingMessage | string {
  const valid = Array.isArray(mediaIds) && mediaIds.length > 0 && mediaIds.every((id) => typeof id === 'string' && id);
  if (!valid) {
    return 'mediaIds must be a non-empty array of media id strings.';
  }
  return { kind: 'media', mediaIds };
}

function parseTemplate(
  template: unknown,
  findResponse: (id: string) => CannedResponse | undefined,
): OutgoingMessage | string {
  const parsed = parseMessagingTemplate(template, findResponse);
  return typeof parsed === 'string' ? parsed : { kind: 'template', ...parsed };
}
