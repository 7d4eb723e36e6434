/** What a bench child process sends its parent: one result, or the error that stopped it. */
export type ChildMessage<T> = { result: T } | { error: string };

/** Sends the outcome to the parent, then exits. */
export function reportToParent(outcome: Promise<unknown>): void {
  outcome.then(
    (result) => send({ result }, 0),
    (error: unknown) => send({ error: String((error as Error)?.stack ?? error) }, 1),
  );
}

function send(message: ChildMessage<unknown>, exitCode: number): void {
  process.send!(message, () => process.exit(exitCode));
}
