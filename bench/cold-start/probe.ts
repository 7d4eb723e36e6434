/**
 * Runs in a fresh `node` process (bundled to plain CommonJS, no tsx): `require()`s a Lambda bundle, invokes it
 * once as a direct invocation, and sends the timings to the parent over IPC.
 *   node probe.cjs <bundle.js> <event JSON>
 */
import { performance } from 'node:perf_hooks';
import { reportToParent } from '../ipc.mjs';

export interface ProbeResult {
  /** From process start (Node's own boot included) to the end of the first invocation. */
  processMs: number;
  requireMs: number;
  firstInvocationMs: number;
  rssBytes: number;
}

async function probe(): Promise<ProbeResult> {
  const [bundle, eventJson] = process.argv.slice(2);
  if (!bundle || !eventJson) throw new Error('usage: node probe.cjs <bundle.js> <event JSON>');
  const event = JSON.parse(eventJson);
  const context = { awsRequestId: 'cold-start-probe', getRemainingTimeInMillis: () => 10_000 };

  const started = performance.now();
  const { handler } = require(bundle);
  const loaded = performance.now();
  const result = await handler(event, context);
  const answered = performance.now();
  if (typeof result?.messageId !== 'string') throw new Error(`the first invocation did not send: ${JSON.stringify(result)}`);
  return { processMs: answered, requireMs: loaded - started, firstInvocationMs: answered - loaded, rssBytes: process.memoryUsage().rss };
}

reportToParent(probe());
