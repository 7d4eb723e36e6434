/**
 * Cold starts: fresh `node` processes, each `require()`-ing one bundle and serving one invocation (probe.ts), on
 * each Node runtime. The bundles take turns, so a noisy moment on the machine hits both alike.
 */
import type { BenchBuild } from '../bundles.mjs';
import { BENCH_MESSAGE } from '../lambda.mjs';
import type { BenchRuntimes, NodeRuntime } from '../node-runtimes.mjs';
import { runNodeProcess } from '../processes.mjs';
import { type Summary, summarize } from '../stats.mjs';
import type { ProbeResult, TimedCall, UpstreamCall } from './probe';

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
  /**
   * The same in CPU time (user + system, all threads of the process), which other load on the machine disturbs
   * far less than wall time. The first invocation's own work is all of its CPU time, the little spent on
   * sockets while waiting included.
   */
  cpu: { requireMs: Summary; ownWorkMs: Summary; beyondUpstreamMs: Summary; stageMs: Record<Stage, number> };
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

/** Own work of each stage: from the previous call's answer (or the invocation's start) to the next call. */
function stagesOf(probe: ProbeResult, clock: 'wall' | 'cpu'): Record<Stage, number> {
  const [start, answer, end] =
    clock === 'wall'
      ? [(c: TimedCall) => c.startMs, (c: TimedCall) => c.answerMs, probe.firstInvocationMs]
      : [(c: TimedCall) => c.startCpuMs, (c: TimedCall) => c.answerCpuMs, probe.firstInvocationCpuMs];
  const stageMs = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  let previousAnswer = 0;
  probe.calls.forEach((call, index) => {
    stageMs[EXPECTED_CALLS[index]!.endsStage] += start(call) - previousAnswer;
    previousAnswer = answer(call);
  });
  stageMs.send += end - previousAnswer;
  return stageMs;
}

const upstreamWaitOf = (probe: ProbeResult) => probe.calls.reduce((sum, call) => sum + call.answerMs - call.startMs, 0);

function coldStartOf(probes: ProbeResult[]): ColdStart {
  const of = (value: (p: ProbeResult) => number) => summarize(probes.map(value));
  const stageMedians = (clock: 'wall' | 'cpu') => {
    const stages = probes.map((p) => stagesOf(p, clock));
    return Object.fromEntries(STAGES.map((stage) => [stage, summarize(stages.map((s) => s[stage])).median])) as Record<Stage, number>;
  };
  return {
    requireMs: of((p) => p.requireMs),
    firstInvocationMs: of((p) => p.firstInvocationMs),
    ownWorkMs: of((p) => p.firstInvocationMs - upstreamWaitOf(p)),
    upstreamWaitMs: of(upstreamWaitOf),
    beyondUpstreamMs: of((p) => p.requireMs + p.firstInvocationMs - upstreamWaitOf(p)),
    totalMs: of((p) => p.requireMs + p.firstInvocationMs),
    stageMs: stageMedians('wall'),
    cpu: {
      requireMs: of((p) => p.requireCpuMs),
      ownWorkMs: of((p) => p.firstInvocationCpuMs),
      beyondUpstreamMs: of((p) => p.requireCpuMs + p.firstInvocationCpuMs),
      stageMs: stageMedians('cpu'),
    },
    processMs: of((p) => p.processMs),
    rssBytes: of((p) => p.rssBytes).median,
    upstreamCalls: probes[0]!.calls.length,
  };
}
