/** Command line of `npm run bench`: the full run, or `--quick` for CI. */
import { parseArgs } from 'node:util';

export interface BenchSettings {
  quick: boolean;
  /** Injected into every emulated route (Genesys and Secrets Manager), like a real network round trip. */
  latencyMs: number;
  /** Warm invocations of ours, the naive pipeline and the raw upstream round trip, interleaved. */
  warmIterations: number;
  /** Messages per variant when counting Genesys calls per warm message. */
  callCountMessages: number;
  /** Fresh processes per bundle for the cold start. */
  coldStartProcesses: number;
  burstSize: number;
  inFlight: number;
  throughputMessages: number;
  /** Invocations before the first heap sample, and in total. */
  memoryBaseline: number;
  memoryInvocations: number;
  /** Distinct canned responses fed to one container (the response cache holds at most 500). */
  distinctResponses: number;
}

const USAGE = 'Usage: npm run bench [-- --quick] [-- --latency MS]';

export function parseSettings(argv: string[]): BenchSettings {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, latency: { type: 'string', default: '25' } },
  });
  const latencyMs = Number(values.latency);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`--latency needs a number of ms >= 0.\n${USAGE}`);
  const quick = values.quick;
  return {
    quick,
    latencyMs,
    warmIterations: quick ? 200 : 1_000,
    callCountMessages: 20,
    coldStartProcesses: quick ? 8 : 20,
    burstSize: 200,
    inFlight: 50,
    throughputMessages: quick ? 1_000 : 5_000,
    memoryBaseline: 100,
    memoryInvocations: 10_000,
    distinctResponses: 2_000,
  };
}
