import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { CORRELATION_HEADER, sendGenesysError } from '../genesys-errors';
import { REQUESTS_PER_MINUTE, type RateLimitCounter } from '../rate-limit';
import type { EmulatorState } from '../state';
import type { TokenStore } from '../tokens';
import { conversationRoutes } from './conversations';
import { messageRoutes } from './messages';
import { responseManagementRoutes } from './response-management';
import { tokenRoutes } from './tokens';

export interface ApiRouteDeps {
  state: EmulatorState;
  tokens: TokenStore;
  rateLimit: RateLimitCounter;
}

/** Everything under /api/v2: bearer-token checks, Genesys error bodies and headers, then the endpoints. */
export const apiRoutes: FastifyPluginAsync<ApiRouteDeps> = async (app, deps) => {
  app.addHook('onRequest', async (request, reply) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) {
      const message = 'No authentication bearer token specified in authorization header.';
      return sendGenesysError(reply, 401, 'authentication.required', message);
    }
    const status = deps.tokens.check(token);
    if (status !== 'valid') {
      const message = status === 'expired' ? 'The access token has expired.' : 'Invalid login credentials.';
      return sendGenesysError(reply, 401, 'bad.credentials', message);
    }
    const usage = deps.rateLimit.countRequest(token);
    reply.headers({
      'inin-ratelimit-count': String(usage.count),
      'inin-ratelimit-allowed': String(REQUESTS_PER_MINUTE),
      'inin-ratelimit-reset': String(usage.resetSeconds),
    });
  });

  // Every Genesys answer carries a correlation id; error answers already set it to their contextId.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader(CORRELATION_HEADER)) reply.header(CORRELATION_HEADER, randomUUID());
    return payload;
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      // The platform's exact answer to a body that is not JSON is not documented: `bad.request` is its code for
      // "malformed syntax", and the parameters name the body and the parser's reason as its other 400s do.
      return sendGenesysError(reply, 400, 'bad.request', `The request body is not valid JSON: ${error.message}.`, {
        messageWithParams: 'The request {field} is not valid JSON: {reason}.',
        messageParams: { field: 'body', reason: error.message },
        details: [{ errorCode: 'bad.request', fieldName: 'body' }],
      });
    }
    return status < 500 ? sendGenesysError(reply, status, undefined, error.message) : sendGenesysError(reply, 500);
  });
  app.setNotFoundHandler((request, reply) =>
    sendGenesysError(reply, 404, 'not.found', `No resource at ${request.method} ${request.url}.`),
  );

  await app.register(responseManagementRoutes, { state: deps.state });
  await app.register(conversationRoutes, { state: deps.state });
  await app.register(messageRoutes, { state: deps.state });
  await app.register(tokenRoutes, { tokens: deps.tokens });
};
