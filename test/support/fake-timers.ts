import { vi } from 'vitest';

/**
 * Awaits `promise` while running vitest's fake timers, so retry back-off (axios-retry waits with setTimeout)
 * passes in fake time: nothing sleeps. Call after `vi.useFakeTimers()`. Bounded: at most `maxTimers` timers.
 */
export async function settleWithFakeTimers<T>(promise: Promise<T>, maxTimers = 50): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  for (let fired = 0; !settled && fired < maxTimers; fired += 1) await vi.advanceTimersToNextTimerAsync();
  return watched;
}
