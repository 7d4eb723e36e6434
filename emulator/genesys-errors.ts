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

/**
 * Sends a Genesys Cloud error body. Its `contextId` is what Genesys support asks for; the same value goes in the
 * `inin-correlation-id` header, as on the real platform.
 */
export function sendGenesysError(reply: FastifyReply, status: number, code?: string, message?: string): FastifyReply {
  const defaults = STATUS_DEFAULTS[status] ?? { code: 'error', message: `The request failed with HTTP ${status}.` };
  const contextId = randomUUID();
  const body: Models.ErrorBody = {
    message: message ?? defaults.message,
    code: code ?? defaults.code,
    status,
    messageParams: {},
    contextId,
    details: [],
    errors: [],
  };
  return reply.code(status).header(CORRELATION_HEADER, contextId).type('application/json').send(body);
}
