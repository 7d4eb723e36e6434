import { afterAll, beforeAll, expect } from 'vitest';
import { SEED } from '../../emulator/seed';

/**
 * Proof that no credential reaches the output: capture what a test file writes (stdout, stderr, console) and
 * look for the seeded secret, the Basic credential built from it, and anything shaped like an access token.
 *
 * One file: call {@link guardAgainstLeaks} at its top. Every file of the run: list `test/support/leak-guard.setup.ts`
 * in vitest's `setupFiles`; each file is then checked when it ends.
 */

/** A value that must never be printed, or a pattern for credentials whose value a test cannot know. */
export interface Watched {
  name: string;
  value?: string;
  pattern?: RegExp;
}

const base64url = '[A-Za-z0-9_-]';

/** The seeded credentials, and credential-shaped text (the emulator's tokens are 64 random bytes, base64url). */
export function seededCredentials(): Watched[] {
  return [
    { name: 'seeded client secret', value: SEED.clientSecret },
    { name: 'seeded Basic credential', value: Buffer.from(`${SEED.clientId}:${SEED.clientSecret}`).toString('base64') },
    {
      name: 'emulator access token',
      // 86 base64url characters mixing digits, lower and upper case, standing alone.
      pattern: new RegExp(`(?<!${base64url})(?=${base64url}*\\d)(?=${base64url}*[a-z])(?=${base64url}*[A-Z])${base64url}{86}(?!${base64url})`),
    },
    { name: 'unredacted Bearer credential', pattern: /\bBearer\s+(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{20,}/ },
  ];
}

/** Names (never values) of the watched items found in `text`. */
export function findLeaks(text: string, watched: Watched[] = seededCredentials()): string[] {
  return watched
    .filter((item) => (item.value !== undefined && text.includes(item.value)) || (item.pattern?.test(text) ?? false))
    .map((item) => item.name);
}

export interface OutputCapture {
  /** Everything written since the capture started. */
  text(): string;
  stop(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Records every write to stdout and stderr and every console call. `forward: false` keeps the output off the
 * terminal. Writes are seen even when something else replaces `stream.write` later (as test/support/stack.ts
 * does to capture logs): whatever function is installed is wrapped.
 */
export function startOutputCapture(options: { forward?: boolean } = {}): OutputCapture {
  const forward = options.forward ?? true;
  const chunks: string[] = [];
  const record = (chunk: unknown) => chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
  const undo = [process.stdout, process.stderr].map((stream) => observeWrites(stream, record, forward));
  const originals = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const [method, original] of originals) {
    console[method] = (...args: unknown[]) => {
      record(`${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}\n`);
      if (forward) original.apply(console, args);
    };
  }
  return {
    text: () => chunks.join(''),
    stop: () => {
      for (const restore of undo) restore();
      for (const [method, original] of originals) console[method] = original;
    },
  };
}

type Write = NodeJS.WriteStream['write'];

function observeWrites(stream: NodeJS.WriteStream, record: (chunk: unknown) => void, forward: boolean): () => void {
  const wrappers = new WeakSet<Write>();
  const wrap = (write: Write, passOn: boolean): Write => {
    const wrapper = function (chunk: unknown, ...rest: unknown[]) {
      record(chunk);
      if (passOn) return (write as (...args: unknown[]) => boolean).apply(stream, [chunk, ...rest]);
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    } as Write;
    wrappers.add(wrapper);
    return wrapper;
  };
  const own = Object.getOwnPropertyDescriptor(stream, 'write');
  let installed = wrap(stream.write, forward);
  Object.defineProperty(stream, 'write', {
    configurable: true,
    get: () => installed,
    // Someone installs their own write (or puts back the one they saved, which is already ours): keep observing.
    set: (write: Write) => {
      installed = wrappers.has(write) ? write : wrap(write, true);
    },
  });
  return () => {
    if (own) Object.defineProperty(stream, 'write', own);
    else delete (stream as { write?: Write }).write;
  };
}

/** Captures the whole test file and fails it, naming what leaked, if any watched item was printed. */
export function guardAgainstLeaks(watched: Watched[] = seededCredentials()): void {
  let capture: OutputCapture | undefined;
  beforeAll(() => {
    capture = startOutputCapture();
  });
  afterAll(() => {
    const text = capture?.text() ?? '';
    capture?.stop();
    expect(findLeaks(text, watched), 'credentials printed by this test file').toEqual([]);
  });
}
