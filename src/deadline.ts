import type { Context } from 'aws-lambda';

/** Margin kept back from Lambda's own timeout so the function can still answer with a contract error. */
export const DEADLINE_SAFETY_MARGIN_MS = 500;
/** Budget used when there is no Lambda context (scripts, some tests). */
export const DEFAULT_BUDGET_MS = 10_000;

/**
 * The point in time by which this invocation must have answered. Every upstream call derives its
 * timeout from it, so a slow or hanging Genesys ends in `504 upstream_timeout` instead of a Lambda kill.
 */
export class Deadline {
  private abortSignal: AbortSignal | undefined;

  constructor(
    protected atMs: number,
    /** The clock this deadline reads (injected in tests). */
    readonly now: () => number = Date.now,
  ) {}

  get at(): number {
    return this.atMs;
  }

  static in(ms: number, now: () => number = Date.now): Deadline {
    return new Deadline(now() + ms, now);
  }

  static fromContext(context: Partial<Pick<Context, 'getRemainingTimeInMillis'>> | undefined): Deadline {
    const remaining =
      typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : DEFAULT_BUDGET_MS;
    return Deadline.in(Math.max(0, remaining - DEADLINE_SAFETY_MARGIN_MS));
  }

  /** A deadline `ms` earlier than this one (never before now): the part of the budget one step may use. */
  keepingBack(ms: number): Deadline {
    return new Deadline(Math.max(this.now(), this.at - ms), this.now);
  }

  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }

  get expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /**
   * One AbortSignal per deadline, aborted when the deadline passes (shared by all calls of an invocation). Checked
   * again when its timer fires, as a {@link SharedDeadline} may have moved out meanwhile.
   */
  get signal(): AbortSignal {
    if (!this.abortSignal) {
      const controller = new AbortController();
      const check = () => {
        const left = this.remainingMs();
        if (left > 0) setTimeout(check, left).unref();
        else controller.abort(new DOMException('The deadline passed.', 'TimeoutError'));
      };
      check();
      this.abortSignal = controller.signal;
    }
    return this.abortSignal;
  }
}

/**
 * The deadline of work several callers share (a single-flight fetch): the latest of the deadlines of the callers
 * waiting for it. It moves out as callers join, never in, so a hurried first caller does not cut the work short
 * for the others.
 */
export class SharedDeadline extends Deadline {
  constructor(first: Deadline) {
    super(first.at, first.now);
  }

  join(deadline: Deadline): void {
    this.atMs = Math.max(this.atMs, deadline.at);
  }
}
