import Fastify, { type FastifyInstance } from 'fastify';
import type { CallLog } from './calls';
import type { FaultController } from './faults';
import { sendGenesysError } from './genesys-errors';
import type { RateLimitCounter } from './rate-limit';
import { installRequestPipeline, type Logger } from './request-pipeline';
import { adminRoutes } from './routes/admin';
import { apiRoutes } from './routes/api';
import { oauthRoutes } from './routes/oauth';
import { uiRoutes } from './routes/ui';
import type { EmulatorState } from './state';
import type { TokenStore } from './tokens';

export interface MainServerDeps {
  state: EmulatorState;
  tokens: TokenStore;
  rateLimit: RateLimitCounter;
  calls: CallLog;
  faults: FaultController;
  log: Logger;
}

/**
 * The Genesys Cloud stand-in: API and login routes on one host (they are separate hosts in the cloud), plus the
 * admin API and the transcript page.
 */
export async function buildMainServer(deps: MainServerDeps): Promise<FastifyInstance> {
  // forceCloseConnections: close() also ends hung requests, keep-alive sockets and event streams.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  installRequestPipeline(app, {
    calls: deps.calls,
    faults: deps.faults,
    log: deps.log,
    respondWithStatus: (reply, status) => sendGenesysError(reply, status),
  });
  await app.register(oauthRoutes, deps);
  await app.register(apiRoutes, { ...deps, prefix: '/api/v2' });
  await app.register(adminRoutes, { ...deps, prefix: '/__admin' });
  await app.register(uiRoutes, deps);
  return app;
}
