/**
 * Runs in a fresh `node` process (bundled to plain CommonJS, no tsx): `require()`s a Lambda bundle, invokes it
 * once as a direct invocation, and sends the timings to the parent over IPC.
 *   node probe.cjs <bundle.js> <event JSON>
 * Every HTTP request the bundle makes (AWS SDK, axios and the Genesys SDK all go through node:http) is timed from
 * Node's diagnostics channels, from the request's creation to its answer's headers: the upstream waits, and
 * between them the function's own work.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { reportToParent } from '../ipc.mjs';

/** The upstream calls of a cold start, in the order the pipeline makes them. */
export type UpstreamCall = 'secret' | 'token' | 'response' | 'conversation' | 'send' | 'other';

export interface TimedCall {
  call: UpstreamCall;
  /** ms since the invocation started */
  startMs: number;
  answerMs: number;
  /** CPU time (user + system, ms) the process had used since the invocation started */
  startCpuMs: number;
  answerCpuMs: number;
}

export interface ProbeResult {
  /** From process start (Node's own boot included) to the end of the first invocation. */
  processMs: number;
  requireMs: number;
  firstInvocationMs: number;
  /** CPU time (user + system, all of the process's threads), which a loaded machine disturbs far less than wall time */
  requireCpuMs: number;
  firstInvocationCpuMs: number;
  calls: TimedCall[];
  rssBytes: number;
}

function callOf(request: ClientRequest): UpstreamCall {
  const path = request.path;
  if (String(request.getHeader('x-amz-target') ?? '').endsWith('GetSecretValue')) return 'secret';
  if (path.startsWith('/oauth/token')) return 'token';
  if (path.includes('/responsemanagement/responses/')) return 'response';
  if (request.method === 'POST' && path.endsWith('/messages')) return 'send';
  if (path.includes('/conversations/')) return 'conversation';
  return 'other';
}

async function probe(): Promise<ProbeResult> {
  const [bundle, eventJson] = process.argv.slice(2);
  if (!bundle || !eventJson) throw new Error('usage: node probe.cjs <bundle.js> <event JSON>');
  const event = JSON.parse(eventJson);
  const context = { awsRequestId: 'cold-start-probe', getRemainingTimeInMillis: () => 10_000 };

  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let invokedAt = Number.NaN;
  let invokedAtCpu = Number.NaN;
  const pending = new Map<ClientRequest, TimedCall>();
  const calls: TimedCall[] = [];
  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    pending.set(request, {
      call: callOf(request),
      startMs: performance.now() - invokedAt,
      answerMs: Number.NaN,
      startCpuMs: cpuMs() - invokedAtCpu,
      answerCpuMs: Number.NaN,
    });
  });
  subscribe('http.client.response.finish', (message) => {
    const { request } = message as { request: ClientRequest };
    const call = pending.get(request);
    if (!call) return;
    pending.delete(request);
    calls.push({ ...call, answerMs: performance.now() - invokedAt, answerCpuMs: cpuMs() - invokedAtCpu });
  });

  const [started, startedCpu] = [performance.now(), cpuMs()];
  const { handler } = require(bundle);
  [invokedAt, invokedAtCpu] = [performance.now(), cpuMs()];
  const result = await handler(event, context);
  const [answered, answeredCpu] = [performance.now(), cpuMs()];
  if (typeof result?.messageId !== 'string') throw new Error(`the first invocation did not send: ${JSON.stringify(result)}`);
  if (pending.size > 0) throw new Error(`${pending.size} upstream call(s) still unanswered when the invocation returned`);
  return {
    processMs: answered,
    requireMs: invokedAt - started,
    firstInvocationMs: answered - invokedAt,
    requireCpuMs: invokedAtCpu - startedCpu,
    firstInvocationCpuMs: answeredCpu - invokedAtCpu,
    calls: calls.sort((a, b) => a.startMs - b.startMs),
    rssBytes: process.memoryUsage().rss,
  };
}

reportToParent(probe());
