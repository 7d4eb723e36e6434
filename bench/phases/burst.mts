/**
 * Worker: a cold container (this fresh process) hit by a burst of concurrent invocations — they must share one
 * secret read and one token request — then the throughput of the now warm container with a fixed number of
 * invocations in flight.
 */
import { runWithInFlight } from '../concurrency.mjs';
import { type CallCounts, callCounts, resetCalls } from '../emulator-admin.mjs';
import { BENCH_MESSAGE, invoke, loadBundledHandler } from '../lambda.mjs';
import { serveWorker } from '../processes.mjs';

export interface BurstInput {
  oursBundle: string;
  emulatorUrl: string;
  burstSize: number;
  inFlight: number;
  throughputMessages: number;
}

export interface BurstResult {
  burst: { invocations: number; failures: number; calls: CallCounts };
  throughput: { messages: number; inFlight: number; messagesPerSecond: number };
}

serveWorker(async (input: BurstInput): Promise<BurstResult> => {
  await resetCalls(input.emulatorUrl);
  const handler = loadBundledHandler(input.oursBundle);
  const outcomes = await Promise.allSettled(Array.from({ length: input.burstSize }, () => invoke(handler, BENCH_MESSAGE)));
  const failures = outcomes.filter((outcome) => outcome.status === 'rejected').length;
  const calls = await callCounts(input.emulatorUrl);

  const started = performance.now();
  await runWithInFlight(input.throughputMessages, input.inFlight, () => invoke(handler, BENCH_MESSAGE));
  const seconds = (performance.now() - started) / 1000;
  return {
    burst: { invocations: input.burstSize, failures, calls },
    throughput: { messages: input.throughputMessages, inFlight: input.inFlight, messagesPerSecond: input.throughputMessages / seconds },
  };
});
