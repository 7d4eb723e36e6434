/** Everything one run measured; written to bench/results.json and turned into the table and the chart. */
import type { ColdStarts } from './cold-start/measure.mjs';
import type { BurstResult } from './phases/burst.mjs';
import type { MemoryResult } from './phases/memory.mjs';
import type { WarmResult } from './phases/warm.mjs';

export interface BenchResults {
  callsPerMessage: WarmResult['callsPerMessage'];
  latencyMs: WarmResult['latencyMs'];
  /** The latency the emulator added to every upstream call (--latency). */
  injectedLatencyMs: number;
  bundleBytes: { ours: number; sdk: number };
  /** On the Node major of the function's Lambda runtime, and on the machine's node. */
  coldStart: { lambda: ColdStarts; machine: ColdStarts };
  burst: BurstResult['burst'];
  throughput: BurstResult['throughput'];
  memory: MemoryResult;
}
