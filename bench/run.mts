/**
 * `npm run bench [-- --quick] [-- --latency MS]`: ours versus the naive pipeline, the raw upstream round trip
 * and the official SDK, side by side against the local Genesys Cloud emulator. Prints the results table; a full
 * run also writes bench/results.json and bench/results.svg. Exits 1 when a target is missed, 2 when the run failed.
 */
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { SEED, startEmulator } from '../emulator/index';
import { buildBenchBundles } from './bundles.mjs';
import { measureColdStarts } from './cold-start/measure.mjs';
import { addDistinctResponses, keepConversationsAtSeedSize } from './emulator-setup.mjs';
import { functionEnvironment } from './lambda.mjs';
import { benchRuntimes } from './node-runtimes.mjs';
import type { BurstInput, BurstResult } from './phases/burst.mjs';
import type { MemoryInput, MemoryResult } from './phases/memory.mjs';
import type { WarmInput, WarmResult } from './phases/warm.mjs';
import { runWorker } from './processes.mjs';
import { resultsChart } from './report/chart.mjs';
import { reportRows } from './report/rows.mjs';
import { markdownTable } from './report/table.mjs';
import type { BenchResults } from './results.mjs';
import { parseSettings } from './settings.mjs';

const settings = parseSettings(process.argv.slice(2));
const startedAt = performance.now();
const log = (line: string) => console.error(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${line}`);

const runtimes = benchRuntimes();
const build = await buildBenchBundles();
const emulator = await startEmulator({ quiet: true });
const stopTrimming = keepConversationsAtSeedSize(emulator.state);
try {
  emulator.faults.latency('*', settings.latencyMs);
  const distinctResponseIds = addDistinctResponses(emulator.state, settings.distinctResponses);
  const env = functionEnvironment(emulator, build.runtimeModules);
  const emulatorUrl = emulator.url;

  log(`cold start: ${settings.coldStartProcesses} fresh processes per bundle on Node ${runtimes.lambda.version} and ${runtimes.machine.version}`);
  const coldStart = await measureColdStarts(build, runtimes, env, settings.coldStartProcesses);
  log(`warm: calls per message, then ${settings.warmIterations} interleaved invocations of ours, naive and the raw round trip`);
  const warm = await runWorker<WarmResult>('warm.mts', {
    // The naive pipeline reads its OAuth client from the environment, as the tutorial does.
    env: { ...env, GENESYS_CLIENT_ID: SEED.clientId, GENESYS_CLIENT_SECRET: SEED.clientSecret },
    input: { oursBundle: build.ours.file, emulatorUrl, iterations: settings.warmIterations, callCountMessages: settings.callCountMessages } satisfies WarmInput,
  });
  log(`burst: ${settings.burstSize} concurrent on a cold container, then ${settings.throughputMessages} with ${settings.inFlight} in flight`);
  const burst = await runWorker<BurstResult>('burst.mts', {
    env,
    input: {
      oursBundle: build.ours.file,
      emulatorUrl,
      burstSize: settings.burstSize,
      inFlight: settings.inFlight,
      throughputMessages: settings.throughputMessages,
    } satisfies BurstInput,
  });
  log(`memory: ${settings.memoryInvocations} invocations, then ${settings.distinctResponses} distinct responses`);
  const memory = await runWorker<MemoryResult>('memory.mts', {
    env,
    execArgv: ['--expose-gc'],
    input: {
      baseline: settings.memoryBaseline,
      invocations: settings.memoryInvocations,
      inFlight: settings.inFlight,
      distinctResponseIds,
    } satisfies MemoryInput,
  });

  const results: BenchResults = {
    callsPerMessage: warm.callsPerMessage,
    latencyMs: warm.latencyMs,
    injectedLatencyMs: settings.latencyMs,
    bundleBytes: { ours: build.ours.bytes, sdk: build.sdk.bytes },
    coldStart,
    burst: burst.burst,
    throughput: burst.throughput,
    memory,
  };
  const rows = reportRows(results, settings.quick);
  const runSeconds = Math.round((performance.now() - startedAt) / 1000);
  const machine = `Node ${process.version} (cold start also on ${runtimes.lambda.version}), ${cpus().length} CPUs`;
  console.log(`\n${markdownTable(rows)}\n`);
  console.log(`${settings.quick ? 'Quick' : 'Full'} run, ${settings.latencyMs} ms injected upstream latency, ${machine}, ${runSeconds} s.`);

  if (!settings.quick) {
    const subtitle = `Local Genesys Cloud emulator, ${settings.latencyMs} ms injected per upstream call · ${machine} · ${new Date().toISOString().slice(0, 10)}`;
    const out = import.meta.dirname;
    await writeFile(join(out, 'results.json'), `${JSON.stringify({ settings, machine, runSeconds, rows, results }, null, 2)}\n`);
    await writeFile(join(out, 'results.svg'), resultsChart(results, rows, subtitle));
    console.log('Wrote bench/results.json and bench/results.svg.');
  }
  const missed = rows.filter((row) => row.pass === false);
  if (missed.length > 0) {
    console.log(`Targets missed: ${missed.map((row) => row.measure).join('; ')}.`);
    process.exitCode = 1;
  }
} catch (error) {
  // A run that could not measure is not a missed target: exit code 2.
  console.error(error);
  process.exitCode = 2;
} finally {
  stopTrimming();
  await emulator.close();
  await build.remove();
}
