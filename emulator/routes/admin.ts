import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { CallLog } from '../calls';
import { FaultSpecError, parseFault, parseLatencyTarget, type FaultController } from '../faults';
import { isRouteName } from '../model';
import type { EmulatorState } from '../state';
import { isPlainObject } from './validation';

export interface AdminRouteDeps {
  state: EmulatorState;
  calls: CallLog;
  faults: FaultController;
}

/**
 * `/__admin`: the FaultController, CallLog and state reset over HTTP, for processes that cannot reach the
 * emulator in-process (local stack, benchmark). These requests are not counted as calls.
 */
export const adminRoutes: FastifyPluginAsync<AdminRouteDeps> = async (app, { state, calls, faults }) => {
  app.get('/calls', async () => ({ counts: calls.counts(), calls: calls.list() }));

  app.post('/calls/reset', async (_request, reply) => {
    calls.reset();
    return reply.code(204).send();
  });

  app.post('/faults', async (request, reply) =>
    applyOrReject(reply, () => {
      const body = isPlainObject(request.body) ? request.body : {};
      if (!isRouteName(body.route)) throw new FaultSpecError(`unknown route ${JSON.stringify(body.route)}`);
      faults.inject(body.route, parseFault(body.fault), body.count === undefined ? 1 : Number(body.count));
    }),
  );

  app.delete('/faults', async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });

  app.post('/latency', async (request, reply) =>
    applyOrReject(reply, () => {
      const body = isPlainObject(request.body) ? request.body : {};
      faults.latency(parseLatencyTarget(body.route), Number(body.ms));
    }),
  );

  app.post('/tokens/revoke', async (_request, reply) => {
    faults.revokeTokens();
    return reply.code(204).send();
  });

  app.post('/reset', async (_request, reply) => {
    state.reset();
    return reply.code(204).send();
  });
};

/** 204 when the change applied; 400 with the reason when the specification was invalid. */
function applyOrReject(reply: FastifyReply, change: () => void): FastifyReply {
  try {
    change();
    return reply.code(204).send();
  } catch (error) {
    if (error instanceof FaultSpecError) return reply.code(400).send({ error: error.message });
    throw error;
  }
}
