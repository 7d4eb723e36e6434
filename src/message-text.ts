import { compile, type HtmlToTextOptions } from 'html-to-text';
import { AppError } from './errors';
import type { CannedResponse } from './genesys/models';

/** Genesys's `textBody` limit for messaging; SMS communications allow fewer characters. */
export const TEXT_BODY_LIMIT = 2_000;
export const SMS_TEXT_BODY_LIMIT = 765;

/** `{{ID}}` placeholders as Response Management writes them (spaces inside the braces tolerated). */
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** Response types that are not free text a messaging `textBody` can carry. */
const UNSENDABLE_TYPES = new Set(['MessagingTemplate', 'CampaignSmsTemplate', 'CampaignEmailTemplate', 'Footer', 'Form', 'AppleInvitation']);

// Compiled on first use and kept for the container: option handling is the expensive part of a conversion,
// and a container that only sends plain-text responses never pays for it.
let htmlConverter: ((html: string) => string) | undefined;
const converterOptions: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { linkBrackets: ['(', ')'], hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '• ' } },
    ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'dataTable' },
  ],
};

/** Converts HTML to readable plain text: paragraphs and line breaks kept, lists bulleted, links written out. */
export function htmlToPlainText(html: string): string {
  htmlConverter ??= compile(converterOptions);
  return tidy(htmlConverter(html));
}

function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    // html-to-text right-aligns ordered-list numbers behind one space; a chat bubble has no margin to align to.
    .replace(/^ (?=\d+\. )/gm, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

export type Substitutions = Readonly<Record<string, string>>;

/**
 * Builds the message text of a canned response: picks the body text, fills every `{{ID}}` from the request,
 * else from the response's `defaultValue`, turns HTML into plain text and checks the channel limit.
 * Values are inserted in one pass, so a value that itself contains `{{…}}` is sent literally, never expanded.
 */
export function buildMessageText(response: CannedResponse, substitutions: Substitutions = {}, limit = TEXT_BODY_LIMIT): string {
  if (response.responseType && UNSENDABLE_TYPES.has(response.responseType)) {
    throw notSendable(response, `is a ${response.responseType}, which has no free text to send`);
  }
  if (response.interactionType === 'email') {
    throw notSendable(response, 'is an email response, not a messaging one');
  }
  const bodies = response.texts.filter((text) => (text.type ?? 'body') === 'body' && text.content.trim() !== '');
  const body = bodies.find((text) => text.contentType === 'text/plain') ?? bodies.find((text) => text.contentType === 'text/html');
  if (!body) throw notSendable(response, 'has no body text');

  const isHtml = body.contentType === 'text/html';
  const defaults = new Map(response.substitutions.map((substitution) => [substitution.id, substitution.defaultValue]));
  const missing = new Set<string>();
  const filled = body.content.replace(PLACEHOLDER, (placeholder, id: string) => {
    const value = Object.hasOwn(substitutions, id) ? substitutions[id] : (defaults.get(id) ?? undefined);
    if (value === undefined) {
      missing.add(id);
      return placeholder;
    }
    return isHtml ? escapeHtml(value) : value;
  });
  if (missing.size > 0) {
    throw new AppError(
      'response_not_sendable',
      `Canned response "${response.name}" needs a value for ${[...missing].join(', ')}: pass it in substitutions (it has no default).`,
      { details: [...missing].map((id) => ({ path: `substitutions.${id}`, message: 'required by the response and has no default' })) },
    );
  }
  const text = isHtml ? htmlToPlainText(filled) : tidy(filled);
  if (text === '') throw notSendable(response, 'builds to an empty message');
  checkLength(text, limit, response.name);
  return text;
}

/** Checks the built text against a channel limit (UTF-16 length, the stricter of the ways to count). */
export function checkLength(text: string, limit: number, responseName: string): void {
  if (text.length > limit) {
    throw new AppError(
      'response_not_sendable',
      `Canned response "${responseName}" builds to ${text.length} characters; the channel allows ${limit}.`,
    );
  }
}

function notSendable(response: CannedResponse, why: string): AppError {
  return new AppError('response_not_sendable', `Canned response "${response.name}" ${why}.`);
}
