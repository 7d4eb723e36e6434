/** Genesys allows 300 API requests per token per minute. */
export const REQUESTS_PER_MINUTE = 300;
const WINDOW_MS = 60_000;

export interface RateLimitUsage {
  count: number;
  resetSeconds: number;
}

/**
 * Counts requests per token in fixed one-minute windows, to fill the `inin-ratelimit-*` headers like Genesys does.
 * Informational only: the limit is not enforced (inject a 429 fault to test throttling).
 */
export class RateLimitCounter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  countRequest(token: string, now = Date.now()): RateLimitUsage {
    let window = this.windows.get(token);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(token, window);
    }
    window.count += 1;
    return { count: window.count, resetSeconds: Math.ceil((window.startedAt + WINDOW_MS - now) / 1000) };
  }
}
