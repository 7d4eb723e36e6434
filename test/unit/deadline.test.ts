import { describe, expect, it } from 'vitest';
import { Deadline, DEADLINE_SAFETY_MARGIN_MS, DEFAULT_BUDGET_MS } from '../../src/deadline';

describe('Deadline', () => {
  it("keeps a safety margin back from Lambda's remaining time", () => {
    // Prepare
    let now = 1_000;
    const clock = () => now;
    // Act
    const deadline = new Deadline(clock() + 3_000 - DEADLINE_SAFETY_MARGIN_MS, clock);
    now += 2_000;
    // Assess
    expect(deadline.remainingMs()).toBe(500);
    expect(deadline.expired).toBe(false);
    now += 600;
    expect(deadline.remainingMs()).toBe(0);
    expect(deadline.expired).toBe(true);
  });

  it('derives the budget from the Lambda context, or a default without one', () => {
    expect(Deadline.fromContext({ getRemainingTimeInMillis: () => 3_000 }).remainingMs()).toBeLessThanOrEqual(3_000 - DEADLINE_SAFETY_MARGIN_MS);
    expect(Deadline.fromContext({ getRemainingTimeInMillis: () => 3_000 }).remainingMs()).toBeGreaterThan(3_000 - DEADLINE_SAFETY_MARGIN_MS - 50);
    expect(Deadline.fromContext(undefined).remainingMs()).toBeGreaterThan(DEFAULT_BUDGET_MS - DEADLINE_SAFETY_MARGIN_MS - 50);
    expect(Deadline.fromContext({ getRemainingTimeInMillis: () => 100 }).expired).toBe(true);
  });

  it('aborts its one shared signal when the deadline passes', async () => {
    // Prepare
    const deadline = Deadline.in(50);
    // Act
    const signal = deadline.signal;
    await new Promise((resolve) => setTimeout(resolve, 120));
    // Assess
    expect(deadline.signal).toBe(signal);
    expect(signal.aborted).toBe(true);
  });
});
