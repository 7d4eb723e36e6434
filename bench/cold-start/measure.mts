/**
 * Cold starts: fresh `node` processes, each `require()`-ing one bundle and serving one invocation (probe.ts), on
 * each Node runtime. The bundles take turns, so a noisy moment on the machine hits both alike.
 */
import type { BenchBuild } from '../bundles.mjs';
import { BENCH_MESSAGE } from '../lambda.mjs';
import type { BenchRuntimes, NodeRuntime } from '../node-runtimes.mjs';
import { runNodeProcess } from '../processes.mjs';
import { type Summary, summarize } from '../stats.mjs';
import type { ProbeResult, UpstreamCall } from './probe';

/**
 * The first invocation's own work, cut at its upstream calls: each stage is the work between the previous
 * answer and the next call (the secret read's includes the middleware, the configuration and the clients
 * before the first request; the build's is parsing the response and building the text; the send's is
 * everything after the send's answer).
 */
export const STAGES = ['secret read', 'token', 'response fetch', 'build', 'send'] as const;
export type Stage = (typeof STAGES)[number];

/** The calls a cold start with `communicationId` given makes, in order; each ends the stage named with it. */
const EXPECTED_CALLS: readonly { call: UpstreamCall; endsStage: Stage }[] = [
  { call: 'secret', endsStage: 'secret read' },
  { call: 'token', endsStage: 'token' },
  { call: 'response', endsStage: 'response fetch' },
  { call: 'send', endsStage: 'build' },
];

export interface ColdStart {
  requireMs: Summary;
  firstInvocationMs: Summary;
  /** The first invocation minus its upstream waits. */
  ownWorkMs: Summary;
  /** Sum of the upstream calls' waits, each from the request's creation to its answer. */
  upstreamWaitMs: Summary;
  /** require() + own work: the part of the cold start the code decides. */
  beyondUpstreamMs: Summary;
  /** require() + first invocation: the cold start a caller waits for, minus Node's own boot. */
  totalMs: Summary;
  /** Median own work of each stage. */
  stageMs: Record<Stage, number>;
  /** From process start, Node's boot included. */
  processMs: Summary;
  rssBytes: number;
  upstreamCalls: number;
}

export interface ColdStarts {
  node: string;
  ours: ColdStart;
  sdk: ColdStart;
}

export async function measureColdStarts(build: BenchBuild, runtimes: BenchRuntimes, env: Record<string, string>, processes: number) {
  const probes = { lambda: { ours: [], sdk: [] }, machine: { ours: [], sdk: [] } } as Record<keyof BenchRuntimes, Record<'ours' | 'sdk', ProbeResult[]>>;
  for (let i = 0; i < processes; i += 1) {
    for (const runtime of ['lambda', 'machine'] as const) {
      const turn = i % 2 === 0 ? (['ours', 'sdk'] as const) : (['sdk', 'ours'] as const);
      for (const variant of turn) {
        probes[runtime][variant].push(await probeOnce(build, build[variant].file, runtimes[runtime], env));
      }
    }
  }
  const coldStartsOn = (runtime: keyof BenchRuntimes): ColdStarts => ({
    node: runtimes[runtime].version,
    ours: coldStartOf(probes[runtime].ours),
    sdk: coldStartOf(probes[runtime].sdk),
  });
  return { lambda: coldStartsOn('lambda'), machine: coldStartsOn('machine') };
}

async function probeOnce(build: BenchBuild, bundle: string, runtime: NodeRuntime, env: Record<string, string>): Promise<ProbeResult> {
  const probe = await runNodeProcess<ProbeResult>(build.probe, [bundle, JSON.stringify(BENCH_MESSAGE)], {
    env,
    execPath: runtime.execPath,
    timeoutMs: 30_000,
  });
  const calls = probe.calls.map((c) => c.call);
  if (calls.join() !== EXPECTED_CALLS.map((c) => c.call).join()) {
    throw new Error(`${bundle} on Node ${runtime.version}: expected the calls ${EXPECTED_CALLS.map((c) => c.call).join(', ')}, saw ${calls.join(', ')}`);
  }
  return probe;
}

interface ProbeTimes {
  requireMs: number;
  firstInvocationMs: number;
  upstreamWaitMs: number;
  stageMs: Record<Stage, number>;
}

function timesOf(probe: ProbeResult): ProbeTimes {
  const stageMs = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  let previousAnswer = 0;
  let upstreamWaitMs = 0;
  probe.calls.forEach((call, index) => {
    stageMs[EXPECTED_CALLS[index]!.endsStage] += call.startMs - previousAnswer;
    upstreamWaitMs += call.answerMs - call.startMs;
    previousAnswer = call.answerMs;
  });
  stageMs.send += probe.firstInvocationMs - previousAnswer;
  return { requireMs: probe.requireMs, firstInvocationMs: probe.firstInvocationMs, upstreamWaitMs, stageMs };
}

function coldStartOf(probes: ProbeResult[]): ColdStart {
  const times = probes.map(timesOf);
  const of = (value: (t: ProbeTimes) => number) => summarize(times.map(value));
  return {
    requireMs: of((t) => t.requireMs),
    firstInvocationMs: of((t) => t.firstInvocationMs),
    ownWorkMs: of((t) => t.firstInvocationMs - t.upstreamWaitMs),
    upstreamWaitMs: of((t) => t.upstreamWaitMs),
    beyondUpstreamMs: of((t) => t.requireMs + t.firstInvocationMs - t.upstreamWaitMs),
    totalMs: of((t) => t.requireMs + t.firstInvocationMs),
    stageMs: Object.fromEntries(STAGES.map((stage) => [stage, of((t) => t.stageMs[stage]).median])) as Record<Stage, number>,
    processMs: summarize(probes.map((p) => p.processMs)),
    rssBytes: summarize(probes.map((p) => p.rssBytes)).median,
    upstreamCalls: probes[0]!.calls.length,
  };
}
