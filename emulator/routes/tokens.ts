import type { FastifyPluginAsync } from 'fastify';
import type { Models } from 'purecloud-platform-client-v2';
import type { TokenStore } from '../tokens';

/** The emulated organisation (it has no other representation in the emulator). */
const ORGANIZATION = { id: '1d1a3a9e-3b8f-4c5e-9a3e-6f2b7c9d0e11', name: 'Emulated Org' };

/** `GET /api/v2/tokens/me`: what the bearer token is, the first call a developer makes to check a login. */
export const tokenRoutes: FastifyPluginAsync<{ tokens: TokenStore }> = async (app, { tokens }) => {
  app.get('/tokens/me', { config: { routeName: 'getTokenInfo' } }, async (request) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const clientId = tokens.clientOf(token);
    return {
      organization: ORGANIZATION,
      homeOrganization: ORGANIZATION,
      ...(clientId
        ? {
            OAuthClient: {
              id: clientId,
              name: `OAuth client ${clientId}`,
              authorizedGrantType: 'CLIENT-CREDENTIALS',
              organization: ORGANIZATION,
            },
          }
        : {}),
    } satisfies Models.TokenInfo;
  });
};
