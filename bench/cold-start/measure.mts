/**
 * Cold starts: fresh `node` processes, each `require()`-ing one bundle and serving one invocation (probe.ts).
 * The two bundles take turns, so a noisy moment on the machine hits both alike.
 */
import type { CallLog } from '../../emulator/index';
import type { BenchBuild } from '../bundles.mjs';
import { BENCH_MESSAGE } from '../lambda.mjs';
import { runNodeProcess } from '../processes.mjs';
import { type Summary, summarize } from '../stats.mjs';
import type { ProbeResult } from './probe';

export interface ColdStart {
  /** require() + first invocation: the cold start a caller waits for, minus Node's own boot. */
  totalMs: Summary;
  requireMs: Summary;
  firstInvocationMs: Summary;
  /** From process start, Node's boot included. */
  processMs: Summary;
  rssBytes: number;
  /** Calls to the emulator (Genesys and Secrets Manager) made by one cold start. */
  upstreamCalls: number;
}

type Probe = ProbeResult & { upstreamCalls: number };

/** `calls` is the emulator's call log: each probe's calls are counted. */
export async function measureColdStarts(build: BenchBuild, env: Record<string, string>, processes: number, calls: CallLog) {
  const probes: Record<'ours' | 'sdk', Probe[]> = { ours: [], sdk: [] };
  for (let i = 0; i < processes; i += 1) {
    const turn = i % 2 === 0 ? (['ours', 'sdk'] as const) : (['sdk', 'ours'] as const);
    for (const variant of turn) {
      calls.reset();
      const probe = await runNodeProcess<ProbeResult>(build.probe, [build[variant].file, JSON.stringify(BENCH_MESSAGE)], { env, timeoutMs: 30_000 });
      probes[variant].push({ ...probe, upstreamCalls: calls.list().length });
    }
  }
  return { ours: coldStartOf(probes.ours), sdk: coldStartOf(probes.sdk) };
}

function coldStartOf(probes: Probe[]): ColdStart {
  return {
    totalMs: summarize(probes.map((p) => p.requireMs + p.firstInvocationMs)),
    requireMs: summarize(probes.map((p) => p.requireMs)),
    firstInvocationMs: summarize(probes.map((p) => p.firstInvocationMs)),
    processMs: summarize(probes.map((p) => p.processMs)),
    rssBytes: summarize(probes.map((p) => p.rssBytes)).median,
    upstreamCalls: summarize(probes.map((p) => p.upstreamCalls)).median,
  };
}
