/**
 * Child Node processes that report one result over IPC: bench workers (TypeScript, run with tsx) and the
 * cold-start probe (plain node). Their stdout — the function's log lines — goes to /dev/null, as cheap to
 * write as CloudWatch's pipe; stderr is kept and shown if the process fails.
 */
import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { type ChildMessage, reportToParent } from './ipc.mjs';

export interface ProcessOptions {
  env: Record<string, string>;
  /** The node binary to run; default: the one running the bench. */
  execPath?: string;
  execArgv?: string[];
  /** Sent to the process once it started (see serveWorker). */
  input?: unknown;
  timeoutMs?: number;
}

export function runNodeProcess<T>(script: string, args: string[], options: ProcessOptions): Promise<T> {
  const child = fork(script, args, {
    execPath: options.execPath,
    execArgv: options.execArgv ?? [],
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  if (options.input !== undefined) child.send(options.input as object);
  const timeoutMs = options.timeoutMs ?? 600_000;
  return new Promise<T>((resolvePromise, reject) => {
    let settled: ChildMessage<T> | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('message', (message: ChildMessage<T>) => {
      settled = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (settled && 'result' in settled) resolvePromise(settled.result);
      else {
        const why = settled?.error ?? `exited with ${signal ?? `code ${code}`}${signal === 'SIGKILL' ? ` (timeout ${timeoutMs} ms)` : ''}`;
        reject(new Error(`${script} failed: ${why}\n${stderr}`));
      }
    });
  });
}

/** Runs a bench/phases worker under tsx. */
export function runWorker<T>(phase: string, options: ProcessOptions): Promise<T> {
  const script = resolve(import.meta.dirname, 'phases', phase);
  return runNodeProcess<T>(script, [], { ...options, execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])] });
}

/** The worker side: waits for its input, runs, reports the result (or the error) and exits. */
export function serveWorker<I, O>(work: (input: I) => Promise<O>): void {
  process.once('message', (input: I) => reportToParent(work(input)));
}
