import { compile, type HtmlToTextOptions } from 'html-to-text';
import { AppError } from './errors';
import type { CannedResponse } from './genesys/models';

/** Genesys's `textBody` limit for messaging; SMS communications allow fewer characters. */
export const TEXT_BODY_LIMIT = 2_000;
export const SMS_TEXT_BODY_LIMIT = 765;

/** Anything written `{{…}}`: a placeholder to fill, or text that must not reach a customer raw. */
const BRACED = /\{\{([^{}]*)\}\}/g;
/** Anything from `{{` to the next `}}`, braces inside included. */
const BRACE_RUN = /\{\{[\s\S]*?\}\}/g;
/** Ids a response may use without declaring them in `substitutions[]` (as before declarations were the authority). */
const UNDECLARED_ID = /^[A-Za-z0-9_.-]+$/;

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

  // HTML first, placeholders after: a placeholder split by tags or written as entities is whole again, and a
  // value is inserted as text, never read as HTML.
  const template = body.contentType === 'text/html' ? htmlToPlainText(body.content) : body.content;
  const text = tidy(fillPlaceholders(template, response, substitutions));
  if (text === '') throw notSendable(response, 'builds to an empty message');
  checkLength(text, limit, response.name);
  return text;
}

/**
 * Fills every `{{ID}}` of `template` in one pass (a value that itself contains `{{…}}` is sent literally): from the
 * request, else from the response's `defaultValue`. The response's own `substitutions[].id` list says what an id may
 * look like (`Customer Name`, `NOMBRE_Ñ`); spaces inside the braces are tolerated. Refuses (422, nothing sent) a
 * `{{…}}` that is no placeholder of the response, naming it, and a placeholder with no value, naming every one.
 */
export function fillPlaceholders(template: string, response: CannedResponse, substitutions: Substitutions): string {
  const declared = new Map(response.substitutions.map((substitution) => [substitution.id, substitution.defaultValue]));
  const missing = new Set<string>();
  const strangers = new Set<string>();
  const filled = template.replace(BRACED, (placeholder, inner: string) => {
    const id = inner.trim();
    if (!declared.has(id) && !UNDECLARED_ID.test(id)) {
      strangers.add(placeholder);
      return placeholder;
    }
    const value = Object.hasOwn(substitutions, id) ? substitutions[id] : (declared.get(id) ?? undefined);
    if (value === undefined) {
      missing.add(id);
      return placeholder;
    }
    return value;
  });
  // A brace run that is not one placeholder ({{A{B}}) would reach the customer raw just the same.
  for (const [run] of template.replace(BRACED, '').matchAll(BRACE_RUN)) strangers.add(run);
  if (strangers.size > 0) {
    const listed = [...strangers].map((text) => (text.length > 60 ? `${text.slice(0, 60)}…` : text));
    throw new AppError(
      'response_not_sendable',
      `Canned response "${response.name}" contains ${listed.join(', ')}, which is not one of its placeholders; nothing was sent.`,
      { details: listed.map((text) => ({ path: 'texts', message: `${text} is not a placeholder of the response` })) },
    );
  }
  if (missing.size > 0) {
    throw new AppError(
      'response_not_sendable',
      `Canned response "${response.name}" needs a value for ${[...missing].join(', ')}: pass it in substitutions (it has no default).`,
      { details: [...missing].map((id) => ({ path: `substitutions.${id}`, message: 'required by the response and has no default' })) },
    );
  }
  return filled;
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
