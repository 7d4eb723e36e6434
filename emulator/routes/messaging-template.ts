import type { Models } from 'purecloud-platform-client-v2';
import type { CannedResponse, GivenParameter, SentTemplate } from '../model';
import { isPlainObject, isUuid } from './validation';

/**
 * The `messagingTemplate` of a send (SendMessagingTemplateRequest), checked as Genesys documents it: the
 * `responseId` of a `MessagingTemplate` response, and a value for every variable the template defines, each in the
 * list of the part it stands in (WhatsApp numbers the header's, the body's and each button URL's variables on
 * their own). What the real platform answers to an extra or misplaced parameter is not documented; the emulator
 * refuses it, so a client that puts a value in the wrong list finds out here rather than in front of a customer.
 */

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

const PARAMETER_LISTS = ['headerParameters', 'bodyParameters', 'buttonUrlParameters'] as const;
type ParameterList = (typeof PARAMETER_LISTS)[number];
const TEMPLATE_FIELDS = ['responseId', 'parameters', ...PARAMETER_LISTS, 'carouselParameters'];

/** The template parts that take parameters, with the text their placeholders stand in. */
interface TemplateParts {
  header: string | undefined;
  body: string;
  buttons: Array<{ label: string; url?: string }>;
}

export interface ParsedTemplate {
  messagingTemplate: Models.SendMessagingTemplateRequest;
  rendered: SentTemplate;
}

function placeholderIds(text: string | undefined): string[] {
  return text === undefined ? [] : [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

function fill(text: string, values: Map<string, string>): string {
  return text.replace(PLACEHOLDER, (placeholder, id: string) => values.get(id) ?? placeholder);
}

function partsOf(response: CannedResponse, whatsApp: Models.WhatsAppDefinition): TemplateParts {
  const body = response.texts?.find((text) => (text.type ?? 'body') === 'body')?.content ?? '';
  return {
    header: whatsApp.header?.content,
    body,
    buttons: (whatsApp.buttons ?? []).map((button) => ({
      label: button.contentText ?? button.content ?? '',
      // Button.type's values are not documented: "Url" in any case, as the function reads it.
      ...(button.type?.toLowerCase() === 'url' && button.content ? { url: button.content } : {}),
    })),
  };
}

/** Reads one parameter list: an array of `{id, value}` with string values that are not empty. */
function readParameters(list: ParameterList, raw: unknown, problems: string[]): Map<string, string> {
  const values = new Map<string, string>();
  if (raw === undefined || raw === null) return values;
  if (!Array.isArray(raw)) {
    problems.push(`messagingTemplate.${list} must be an array of {id, value} objects.`);
    return values;
  }
  for (const parameter of raw) {
    if (!isPlainObject(parameter) || typeof parameter.id !== 'string' || typeof parameter.value !== 'string') {
      problems.push(`messagingTemplate.${list} must be an array of {id, value} objects with string values.`);
    } else if (parameter.value.trim() === '') {
      // WhatsApp refuses a template whose parameter is empty.
      problems.push(`messagingTemplate.${list} parameter ${parameter.id} has an empty value.`);
    } else if (values.has(parameter.id)) {
      problems.push(`messagingTemplate.${list} gives parameter ${parameter.id} twice.`);
    } else {
      values.set(parameter.id, parameter.value);
    }
  }
  return values;
}

function asParameters(values: Map<string, string>): GivenParameter[] {
  return [...values].map(([id, value]) => ({ id, value }));
}

/** Compares the given ids of one part with the placeholders standing there. */
function checkPart(list: ParameterList, wanted: string[], given: Map<string, string>, problems: string[]): void {
  const missing = wanted.filter((id) => !given.has(id));
  const extra = [...given.keys()].filter((id) => !wanted.includes(id));
  if (missing.length > 0) problems.push(`messagingTemplate.${list} is missing a value for ${missing.join(', ')}.`);
  if (extra.length > 0) problems.push(`messagingTemplate.${list} names ${extra.join(', ')}, which the template does not use there.`);
}

/** Returns the template to deliver, or why it is refused (a 400 on the real endpoint). */
export function parseMessagingTemplate(
  template: unknown,
  findResponse: (id: string) => CannedResponse | undefined,
): ParsedTemplate | string {
  if (!isPlainObject(template) || !isUuid(template.responseId)) {
    return 'messagingTemplate must be an object whose responseId is the UUID of a messaging template response.';
  }
  const unknown = Object.keys(template).filter((key) => !TEMPLATE_FIELDS.includes(key));
  if (unknown.length > 0) return `Unknown field(s) in messagingTemplate: ${unknown.join(', ')}.`;
  const response = findResponse(template.responseId);
  const whatsApp = response?.responseType === 'MessagingTemplate' ? response.messagingTemplate?.whatsApp : undefined;
  if (!response || !whatsApp) return `Response ${template.responseId} is not a messaging template response.`;
  const given = (field: string) => template[field] !== undefined && template[field] !== null;
  if (given('parameters') && given('bodyParameters')) {
    return 'messagingTemplate.parameters is the deprecated name of bodyParameters; give one of them.';
  }

  const problems: string[] = [];
  const parts = partsOf(response, whatsApp);
  const header = readParameters('headerParameters', template.headerParameters, problems);
  const body = readParameters('bodyParameters', template.bodyParameters ?? template.parameters, problems);
  const buttonUrls = readParameters('buttonUrlParameters', template.buttonUrlParameters, problems);
  checkPart('headerParameters', placeholderIds(parts.header), header, problems);
  checkPart('bodyParameters', placeholderIds(parts.body), body, problems);
  checkPart('buttonUrlParameters', parts.buttons.flatMap((button) => placeholderIds(button.url)), buttonUrls, problems);
  if (problems.length > 0) return problems.join(' ');

  return {
    messagingTemplate: template as Models.SendMessagingTemplateRequest,
    rendered: {
      responseId: template.responseId,
      name: whatsApp.name,
      language: whatsApp.language,
      ...(parts.header === undefined ? {} : { header: fill(parts.header, header) }),
      body: fill(parts.body, body),
      ...(whatsApp.messageFooter?.content ? { footer: whatsApp.messageFooter.content } : {}),
      buttons: parts.buttons.map((button) => (button.url ? { ...button, url: fill(button.url, buttonUrls) } : button)),
      headerParameters: asParameters(header),
      bodyParameters: asParameters(body),
    },
  };
}
