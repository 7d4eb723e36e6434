import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { EmulatorState } from '../state';
import type { TokenStore } from '../tokens';

export interface OAuthRouteDeps {
  state: EmulatorState;
  tokens: TokenStore;
}

/** The login host's client-credentials grant, as Genesys Cloud implements it. */
export const oauthRoutes: FastifyPluginAsync<OAuthRouteDeps> = async (app, { state, tokens }) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.setErrorHandler((error: { message: string }, _request, reply) =>
    sendOAuthError(reply, 400, 'invalid_request', error.message),
  );

  app.post('/oauth/token', { config: { routeName: 'token' } }, async (request, reply) => {
    const client = parseBasicCredentials(request.headers.authorization);
    if (!client || state.oauthClients.get(client.clientId) !== client.clientSecret) {
      const description = 'Client authentication failed: unknown client or wrong secret.';
      return sendOAuthError(reply, 401, 'invalid_client', description);
    }
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return sendOAuthError(reply, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    }
    const grantType = (request.body as Record<string, string> | undefined)?.grant_type;
    if (grantType === undefined) {
      return sendOAuthError(reply, 400, 'invalid_request', 'grant_type is required.');
    }
    if (grantType !== 'client_credentials') {
      return sendOAuthError(reply, 400, 'unsupported_grant_type', `Grant type ${grantType} is not supported.`);
    }
    return reply
      .header('cache-control', 'no-store')
      .send({ access_token: tokens.issue(client.clientId), token_type: 'bearer', expires_in: tokens.ttlSeconds });
  });
};

function parseBasicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { clientId: decoded.slice(0, separator), clientSecret: decoded.slice(separator + 1) };
}

function sendOAuthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.code(status).send({ error, description });
}
