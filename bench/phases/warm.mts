/**
 * Worker: warm container, in-process. Counts Genesys calls per message (ours vs the naive pipeline), then times
 * ours, the naive pipeline and one raw upstream round trip (the floor) interleaved in one loop — the order
 * rotates every iteration — so machine noise hits all three alike.
 */
import { type CallCounts, callsPerMessage } from '../emulator-admin.mjs';
import { BENCH_MESSAGE, invoke, type LambdaHandler, loadBundledHandler } from '../lambda.mjs';
import { handler as naiveHandler } from '../naive/handler';
import { serveWorker } from '../processes.mjs';
import { type Summary, summarize } from '../stats.mjs';
import { upstreamRoundTrip } from '../upstream-floor.mjs';

export interface WarmInput {
  oursBundle: string;
  emulatorUrl: string;
  iterations: number;
  callCountMessages: number;
}

export interface WarmResult {
  callsPerMessage: { ours: CallCounts; naive: CallCounts };
  latencyMs: { ours: Summary; naive: Summary; floor: Summary };
}

const WARM_UP_ROUNDS = 20;

serveWorker(async (input: WarmInput): Promise<WarmResult> => {
  const ours = loadBundledHandler(input.oursBundle);
  const naive = naiveHandler as unknown as LambdaHandler;
  const [oursSent, naiveSent] = [await invoke(ours, BENCH_MESSAGE), await invoke(naive, BENCH_MESSAGE)];
  if (oursSent.text !== naiveSent.text) {
    throw new Error(`ours and the naive pipeline sent different texts: ${JSON.stringify([oursSent.text, naiveSent.text])}`);
  }
  const floor = await upstreamRoundTrip(input.emulatorUrl, BENCH_MESSAGE, oursSent.text);
  const variants = {
    ours: async () => void (await invoke(ours, BENCH_MESSAGE)),
    naive: async () => void (await invoke(naive, BENCH_MESSAGE)),
    floor,
  };
  for (let round = 0; round < WARM_UP_ROUNDS; round += 1) for (const run of Object.values(variants)) await run();

  const repeat = (run: () => Promise<void>) => async () => {
    for (let i = 0; i < input.callCountMessages; i += 1) await run();
  };
  const calls = {
    ours: await callsPerMessage(input.emulatorUrl, input.callCountMessages, repeat(variants.ours)),
    naive: await callsPerMessage(input.emulatorUrl, input.callCountMessages, repeat(variants.naive)),
  };

  const order = Object.entries(variants);
  const samples: Record<string, number[]> = { ours: [], naive: [], floor: [] };
  for (let i = 0; i < input.iterations; i += 1) {
    for (let k = 0; k < order.length; k += 1) {
      const [name, run] = order[(i + k) % order.length]!;
      const started = performance.now();
      await run();
      samples[name]!.push(performance.now() - started);
    }
  }
  return {
    callsPerMessage: calls,
    latencyMs: { ours: summarize(samples.ours!), naive: summarize(samples.naive!), floor: summarize(samples.floor!) },
  };
});
