import { AppError } from './errors';
import type { MessagingTemplateRequest } from './genesys/messages';
import type { CannedResponse } from './genesys/models';

/**
 * WhatsApp template responses (`responseType: "MessagingTemplate"`): the `messagingTemplate` of the send
 * (SendMessagingTemplateRequest) and the text the customer reads. WhatsApp numbers each part's variables on its own,
 * so every `{{ID}}` goes into the parameter list of the part it stands in: header text → `headerParameters`, body →
 * `bodyParameters`, a URL button's link → `buttonUrlParameters`. Response Management keeps one substitution list
 * for the whole response, so one value per id fills that id wherever it stands.
 */

/** `{{ID}}` as Response Management writes template variables (ids such as `1`, `2`). */
const TEMPLATE_PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

export interface TemplateMessage {
  messagingTemplate: MessagingTemplateRequest;
  /** The body text with the values filled in (header, footer and buttons left out): the success output's `text`. */
  text: string;
  template: { name: string; language: string };
}

export function isTemplateResponse(response: CannedResponse): boolean {
  return response.responseType === 'MessagingTemplate';
}

/**
 * A button whose `content` is a link with placeholders. The SDK's `Button.type` is a free string and Genesys does
 * not document its values; "Url" is assumed, in any case, as the spelling is unverified.
 */
function isUrlButton(button: { type?: string | null }): boolean {
  return button.type?.toLowerCase() === 'url';
}

function placeholderIds(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(TEMPLATE_PLACEHOLDER), (match) => match[1]!))];
}

/** A value WhatsApp accepts: an empty (or blank) string is no value, it refuses empty parameters. */
function usable(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * Builds the template send of a `MessagingTemplate` response. Each placeholder's value comes from `substitutions`,
 * else the response's `defaultValue`; placeholders with neither are `response_not_sendable`, every one named.
 */
export function buildTemplateMessage(response: CannedResponse, substitutions: Readonly<Record<string, string>> = {}): TemplateMessage {
  const whatsApp = response.messagingTemplate?.whatsApp;
  if (!whatsApp) {
    throw new AppError('response_not_sendable', `Canned response "${response.name}" is a MessagingTemplate without a WhatsApp template definition.`);
  }
  const body = response.texts.find((text) => (text.type ?? 'body') === 'body')?.content ?? '';
  const parts = {
    headerParameters: placeholderIds(whatsApp.header?.content ?? ''),
    bodyParameters: placeholderIds(body),
    buttonUrlParameters: [
      ...new Set((whatsApp.buttons ?? []).filter(isUrlButton).flatMap((button) => placeholderIds(button.content ?? ''))),
    ],
  };

  const defaults = new Map(response.substitutions.map((substitution) => [substitution.id, substitution.defaultValue]));
  const valueOf = (id: string) => usable(Object.hasOwn(substitutions, id) ? substitutions[id] : undefined) ?? usable(defaults.get(id));
  const missing = [...new Set(Object.values(parts).flat())].filter((id) => valueOf(id) === undefined);
  if (missing.length > 0) {
    throw new AppError(
      'response_not_sendable',
      `WhatsApp template "${response.name}" needs a value for ${missing.join(', ')}: pass it in substitutions (it has no default; an empty value does not count).`,
      { details: missing.map((id) => ({ path: `substitutions.${id}`, message: 'required by the template and has no default' })) },
    );
  }

  const messagingTemplate: MessagingTemplateRequest = { responseId: response.id };
  for (const [list, ids] of Object.entries(parts) as Array<[keyof typeof parts, string[]]>) {
    if (ids.length > 0) messagingTemplate[list] = ids.map((id) => ({ id, value: valueOf(id)! }));
  }
  return {
    messagingTemplate,
    text: body.replace(TEMPLATE_PLACEHOLDER, (_placeholder, id: string) => valueOf(id)!).trim(),
    template: { name: whatsApp.name, language: whatsApp.language },
  };
}
