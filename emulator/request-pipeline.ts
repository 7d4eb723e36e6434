import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallLog, CallRecord } from './calls';
import { type AnswerFault, AUTHORIZATION_ECHO, type Fault, type FaultController, isAnswerFault, rewriteAnswer } from './faults';
import { CORRELATION_HEADER } from './genesys-errors';
import type { RouteName } from './model';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on emulated endpoints only; requests to other routes (admin, UI) are neither counted nor faulted. */
    routeName?: RouteName;
  }
}

export type Logger = (line: string) => void;

/** Answers an injected status fault with the error body of the server's protocol (Genesys or AWS). */
export type StatusFaultResponder = (reply: FastifyReply, status: number) => FastifyReply;

export interface RequestPipelineDeps {
  calls: CallLog;
  faults: FaultController;
  log: Logger;
  respondWithStatus: StatusFaultResponder;
}

/**
 * Runs before every emulated endpoint: records the call, waits the configured latency, then applies the next
 * queued fault instead of the real handler when there is one.
 */
export function installRequestPipeline(app: FastifyInstance, deps: RequestPipelineDeps): void {
  const inFlight = new WeakMap<FastifyRequest, { record: CallRecord; startedAt: number }>();
  const answerFaults = new WeakMap<FastifyRequest, AnswerFault>();

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.config.routeName;
    if (!route) return;
    const record = deps.calls.record(route, request.method, request.url.split('?')[0] ?? request.url);
    inFlight.set(request, { record, startedAt: performance.now() });

    const delay = deps.faults.latencyFor(route);
    if (delay > 0) await sleep(delay);

    const fault = deps.faults.takeFault(route);
    if (!fault) return;
    deps.log(`${request.method} ${request.url} [${route}] → injected fault ${describe(fault)}`);
    if (isAnswerFault(fault)) {
      answerFaults.set(request, fault);
      return;
    }
    return applyFault(fault, request, reply, deps.respondWithStatus);
  });

  // The endpoint has done its work (a send is recorded); now its answer is lost or held back.
  app.addHook('onSend', async (request, _reply, payload) => {
    const fault = answerFaults.get(request);
    if (!fault) return payload;
    if (fault.kind === 'rewrite') return typeof payload === 'string' ? rewriteAnswer(fault, payload) : payload;
    if (fault.kind === 'processed-then-drop') request.raw.socket.destroy();
    // Never resolving keeps fastify from writing: the client sees a dropped or hung request, and close() ends it.
    return new Promise<never>(() => {});
  });

  app.addHook('onResponse', async (request, reply) => {
    const entry = inFlight.get(request);
    if (!entry) return;
    entry.record.status = reply.statusCode;
    const contextId = reply.getHeader(CORRELATION_HEADER);
    if (typeof contextId === 'string') entry.record.contextId = contextId;
    const ms = Math.round(performance.now() - entry.startedAt);
    deps.log(`${request.method} ${request.url} [${entry.record.route}] → ${reply.statusCode} (${ms} ms)`);
  });
}

function applyFault(
  fault: Exclude<Fault, AnswerFault>,
  request: FastifyRequest,
  reply: FastifyReply,
  respondWithStatus: StatusFaultResponder,
): FastifyReply {
  switch (fault.kind) {
    case 'status':
      if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter));
      else if (fault.status === 429) reply.header('retry-after', '1'); // Genesys always says when to retry a 429.
      return respondWithStatus(reply, fault.status);
    case 'answer': {
      const authorization = request.headers.authorization ?? '';
      return reply
        .code(fault.status)
        .type(fault.contentType ?? 'application/json')
        .send(fault.body.split(AUTHORIZATION_ECHO).join(authorization));
    }
    case 'malformed':
      return reply.code(200).type('application/json').send(`{"id":"${randomUUID()}","status":`);
    case 'drop':
      request.raw.socket.destroy();
      reply.hijack();
      return reply;
    case 'hang':
      // Taking the reply away from fastify and never writing leaves the client waiting; close() ends the socket.
      reply.hijack();
      return reply;
  }
}

function describe(fault: Fault): string {
  return fault.kind === 'status' || fault.kind === 'answer' ? `${fault.kind} ${fault.status}` : fault.kind;
}
