import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Models } from 'purecloud-platform-client-v2';

export const CORRELATION_HEADER = 'inin-correlation-id';

/** Code and message Genesys uses for a status when nothing more specific applies. */
const STATUS_DEFAULTS: Record<number, { code: string; message: string }> = {
  400: { code: 'bad.request', message: 'The request could not be understood by the server due to malformed syntax.' },
  401: { code: 'bad.credentials', message: 'Invalid login credentials.' },
  403: { code: 'missing.permissions', message: 'You are missing the permissions required for this request.' },
  404: { code: 'not.found', message: 'The requested resource was not found.' },
  415: { code: 'unsupported.media.type', message: 'The request body is not in a supported media type.' },
  429: {
    code: 'too.many.requests.retry.after',
    message: 'Rate limit exceeded the maximum [300] requests within [60] seconds',
  },
  500: {
    code: 'internal.server.error',
    message: 'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  },
  502: { code: 'bad.gateway', message: 'The server received an invalid response from an upstream server.' },
  503: {
    code: 'service.unavailable',
    message: 'The service is currently unavailable, because it is overloaded or down for maintenance.',
  },
  504: { code: 'gateway.timeout', message: 'The server did not receive a timely response from an upstream server.' },
};

/** The parameterised form of an error message, as Genesys sends it next to the rendered `message`. */
export interface ErrorParams {
  /** The message with `{name}` placeholders. */
  messageWithParams: string;
  messageParams: Record<string, string>;
  /** ErrorBody.details[]: which field was at fault. */
  details?: Models.Detail[];
}

/**
 * Sends a Genesys Cloud error body. Its `contextId` is what Genesys support asks for; the same value goes in the
 * `inin-correlation-id` header, as on the real platform.
 */
export function sendGenesysError(
  reply: FastifyReply,
  status: number,
  code?: string,
  message?: string,
  params?: ErrorParams,
): FastifyReply {
  const defaults = STATUS_DEFAULTS[status] ?? { code: 'error', message: `The request failed with HTTP ${status}.` };
  const contextId = randomUUID();
  const body: Models.ErrorBody = {
    message: message ?? defaults.message,
    code: code ?? defaults.code,
    status,
    ...(params ? { messageWithParams: params.messageWithParams } : {}),
    messageParams: params?.messageParams ?? {},
    contextId,
    details: params?.details ?? [],
    errors: [],
  };
  return reply.code(status).header(CORRELATION_HEADER, contextId).type('application/json').send(body);
}

/**
 * 400 for one request value the platform refuses: a path id that is not a UUID, a query or body field out of range.
 * Genesys answers these with a parameterised message (`messageWithParams` + `messageParams`) and the field in
 * `details`; the exact code it uses per case is not documented, so the emulator uses `invalid.value` throughout.
 */
export function sendInvalidValue(
  reply: FastifyReply,
  field: string,
  messageWithParams: string,
  messageParams: Record<string, string> = {},
): FastifyReply {
  const params: Record<string, string> = { field, ...messageParams };
  return sendGenesysError(reply, 400, 'invalid.value', rendered(messageWithParams, params), {
    messageWithParams,
    messageParams: params,
    details: [{ errorCode: 'invalid.value', fieldName: field }],
  });
}

/** 400 for an id in the path that is not a UUID. */
export function sendInvalidId(reply: FastifyReply, field: string, value: string): FastifyReply {
  return sendInvalidValue(reply, field, 'Value [{value}] is not a valid UUID for {field}.', { value });
}

/** A well-formed send the conversation's state or channel refuses, as a parameterised message. */
export interface Refusal {
  messageWithParams: string;
  messageParams: Record<string, string>;
}

/**
 * 400 for a refusal. Genesys's code for each case (an ended conversation, a disconnected communication, a channel
 * rule) is not documented, so the emulator answers `bad.request` with the parameterised message, and a client
 * cannot lean on a code it would not get from the platform either.
 */
export function sendRefusal(reply: FastifyReply, refusal: Refusal): FastifyReply {
  return sendGenesysError(reply, 400, 'bad.request', rendered(refusal.messageWithParams, refusal.messageParams), refusal);
}

function rendered(messageWithParams: string, params: Record<string, string>): string {
  return messageWithParams.replace(/\{(\w+)\}/g, (placeholder, name: string) => params[name] ?? placeholder);
}
