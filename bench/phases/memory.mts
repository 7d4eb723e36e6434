/**
 * Worker (run with --expose-gc): the heap of one warm container after many invocations, and the bound of the
 * response cache (a ResponseSource wired as the composition root wires it, whose size can be read). Runs src/
 * through tsx rather than the bundle; the code is the same.
 */
import { createRequire } from 'node:module';
import { SEED } from '../../emulator/seed';
import { Deadline } from '../../src/deadline';
import { createHttpClient, GenesysClient } from '../../src/genesys/client';
import { ResponseSource } from '../../src/genesys/responses';
import { TokenCache } from '../../src/genesys/token';
import { runWithInFlight } from '../concurrency.mjs';
import { BENCH_MESSAGE, invoke, type LambdaHandler } from '../lambda.mjs';
import { serveWorker } from '../processes.mjs';

export interface MemoryInput {
  baseline: number;
  invocations: number;
  inFlight: number;
  distinctResponseIds: string[];
}

export interface MemoryResult {
  invocations: number;
  heapBytesAtBaseline: number;
  heapBytesAtEnd: number;
  baseline: number;
  distinctResponses: number;
  responseCacheSize: number;
}

// Both through require(), so they share one module registry — and one warm container.
const require = createRequire(import.meta.url);
const { handler } = require('../../src/handler.ts') as { handler: LambdaHandler };

/** The response cache as the function builds it, on the same emulator the handler talks to. */
function responseSource(): ResponseSource {
  const http = createHttpClient();
  const baseUrl = process.env.GENESYS_API_URL ?? '';
  const tokens = new TokenCache({
    credentials: async () => ({ clientId: SEED.clientId, clientSecret: SEED.clientSecret }),
    urls: () => ({ apiBaseUrl: baseUrl, loginBaseUrl: process.env.GENESYS_LOGIN_URL ?? baseUrl }),
    http,
  });
  return new ResponseSource(new GenesysClient(http, tokens), { ttlMs: 60_000 });
}

/** A plain-text, an HTML and a defaulted-placeholder response: every text-building path. */
const STEADY_RESPONSES = [SEED.responses.welcome, SEED.responses.openingHours, SEED.responses.refundPolicy];
/**
 * Each invocation arms an AbortSignal.timeout for its deadline; a short budget lets those timers fire before the
 * heap is sampled, so the samples show what the container keeps, not what is still pending.
 */
const BUDGET_MS = 2_000;

serveWorker(async (input: MemoryInput): Promise<MemoryResult> => {
  const send = (responseId: string) => invoke(handler, { ...BENCH_MESSAGE, responseId }, BUDGET_MS);
  const steady = (from: number, to: number) =>
    runWithInFlight(to - from, input.inFlight, (i) => send(STEADY_RESPONSES[(from + i) % STEADY_RESPONSES.length]!));

  await steady(0, input.baseline);
  const heapBytesAtBaseline = await settledHeapBytes();
  await steady(input.baseline, input.invocations);
  const heapBytesAtEnd = await settledHeapBytes();

  const responses = responseSource();
  await runWithInFlight(input.distinctResponseIds.length, input.inFlight, (i) =>
    responses.get(input.distinctResponseIds[i]!, Deadline.in(BUDGET_MS)),
  );
  return {
    invocations: input.invocations,
    baseline: input.baseline,
    heapBytesAtBaseline,
    heapBytesAtEnd,
    distinctResponses: input.distinctResponseIds.length,
    responseCacheSize: responses.size,
  };
});

async function settledHeapBytes(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, BUDGET_MS + 100));
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage().heapUsed;
}
