import { describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../src/deadline';
import { SingleFlight, waitWithin } from '../../src/single-flight';

const timedOut = () => new Error('timed out');

describe('SingleFlight', () => {
  it('runs the work once for concurrent callers of a key, and again once it settled', async () => {
    // Prepare
    const flights = new SingleFlight<number>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      return runs;
    };
    // Act
    const concurrent = await Promise.all([flights.run(Deadline.in(1_000), work, timedOut), flights.run(Deadline.in(1_000), work, timedOut)]);
    const other = await flights.run(Deadline.in(1_000), work, timedOut, 'other key');
    const later = await flights.run(Deadline.in(1_000), work, timedOut);
    // Assess
    expect(concurrent).toEqual([1, 1]);
    expect([other, later]).toEqual([2, 3]);
  });

  it('gives the work the latest deadline of its callers, and each caller only its own wait', async () => {
    // Prepare
    const flights = new SingleFlight<number>();
    let shared: Deadline | undefined;
    let finish: (value: number) => void = () => undefined;
    const work = (deadline: Deadline) => {
      shared = deadline;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    // Act
    const hurried = flights.run(Deadline.in(20), work, timedOut);
    const patient = flights.run(Deadline.in(5_000), work, timedOut);
    // Assess
    await expect(hurried).rejects.toThrow('timed out');
    expect(shared!.remainingMs()).toBeGreaterThan(4_000);
    finish(7);
    await expect(patient).resolves.toBe(7);
  });
});

describe('SingleFlight.runInBackground', () => {
  it('reports a failure of the run it started once the run is forgotten, and not for a run it only joined', async () => {
    // Prepare
    const flights = new SingleFlight<number>();
    const failures: unknown[] = [];
    let fail: (error: Error) => void = () => undefined;
    const work = () => new Promise<number>((_resolve, reject) => (fail = reject));
    const joined = flights.run(Deadline.in(1_000), work, timedOut);
    flights.runInBackground(Deadline.in(1_000), work, (error) => failures.push(error));
    let runsAfterFailure = 0;
    // Act
    fail(new Error('first run failed'));
    await expect(joined).rejects.toThrow('first run failed');
    flights.runInBackground(
      Deadline.in(1_000),
      () => Promise.reject(new Error('background run failed')),
      (error) => {
        failures.push(error);
        flights.runInBackground(Deadline.in(1_000), async () => (runsAfterFailure += 1), () => undefined);
      },
    );
    // Assess
    await vi.waitFor(() => expect(runsAfterFailure).toBe(1));
    expect(failures).toEqual([new Error('background run failed')]);
  });
});

describe('waitWithin', () => {
  it('rejects at once for a deadline already passed', async () => {
    await expect(waitWithin(new Promise(() => {}), Deadline.in(0), timedOut)).rejects.toThrow('timed out');
  });
});
