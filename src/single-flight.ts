import { type Deadline, SharedDeadline } from './deadline';

/**
 * One run of a fetch at a time for every caller that needs it (single-flight), each caller waiting for it at most
 * until its own deadline. The run itself is bounded by the latest deadline among its callers (a
 * {@link SharedDeadline}): one caller with little time left neither fails the others nor cuts the run short.
 */
export class SingleFlight<T> {
  private flight: { result: Promise<T>; deadline: SharedDeadline } | undefined;

  /** Joins the run in flight, or starts `work`; rejects with `timedOut()` when the caller's own deadline passes first. */
  run(deadline: Deadline, work: (shared: Deadline) => Promise<T>, timedOut: () => Error): Promise<T> {
    return waitWithin(this.join(deadline, work), deadline, timedOut);
  }

  /** Starts `work` unless a run is in flight, for a caller that does not wait for it (a refresh ahead of need). */
  runInBackground(deadline: Deadline, work: (shared: Deadline) => Promise<T>): void {
    if (!this.flight) this.join(deadline, work);
  }

  private join(deadline: Deadline, work: (shared: Deadline) => Promise<T>): Promise<T> {
    if (this.flight) {
      this.flight.deadline.join(deadline);
      return this.flight.result;
    }
    const shared = new SharedDeadline(deadline);
    const flight = { result: work(shared), deadline: shared };
    this.flight = flight;
    // Settled either way, the next caller starts afresh; the failure itself is the callers' to handle.
    const land = () => {
      if (this.flight === flight) this.flight = undefined;
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
