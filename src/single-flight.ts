import { type Deadline, SharedDeadline } from './deadline';

/**
 * One run of a fetch at a time for every caller that needs it (single-flight), each caller waiting for it at most
 * until its own deadline. The run itself is bounded by the latest deadline among its callers (a
 * {@link SharedDeadline}): one caller with little time left neither fails the others nor cuts the run short.
 */
export class SingleFlight<T> {
  /** Runs in flight by key (a response id, say); a settled run is forgotten, so the map holds only what runs. */
  private readonly flights = new Map<string, { result: Promise<T>; deadline: SharedDeadline }>();

  /** Joins the run in flight for `key`, or starts `work`; rejects with `timedOut()` when the caller's deadline passes first. */
  run(deadline: Deadline, work: (shared: Deadline) => Promise<T>, timedOut: () => Error, key = ''): Promise<T> {
    return waitWithin(this.join(deadline, work, key), deadline, timedOut);
  }

  /**
   * Starts `work` unless a run is in flight, for a caller that does not wait for it (a refresh ahead of need).
   * `onFailure` hears a failure of the run it started, after the run is forgotten: a retry from there starts afresh.
   */
  runInBackground(deadline: Deadline, work: (shared: Deadline) => Promise<T>, onFailure: (error: unknown) => void, key = ''): void {
    if (!this.flights.has(key)) this.join(deadline, work, key).catch(onFailure);
  }

  private join(deadline: Deadline, work: (shared: Deadline) => Promise<T>, key: string): Promise<T> {
    const running = this.flights.get(key);
    if (running) {
      running.deadline.join(deadline);
      return running.result;
    }
    const shared = new SharedDeadline(deadline);
    const flight = { result: work(shared), deadline: shared };
    this.flights.set(key, flight);
    // Settled either way, the next caller starts afresh; the failure itself is the callers' to handle.
    const land = () => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.result.then(land, land);
    return flight.result;
  }
}

/** `promise`, or `timedOut()` once `deadline` passes, whichever comes first. */
export function waitWithin<T>(promise: Promise<T>, deadline: Deadline, timedOut: () => Error): Promise<T> {
  const remaining = deadline.remainingMs();
  if (remaining <= 0) return Promise.reject(timedOut());
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timedOut()), remaining);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
