/** Runs `task(0)` … `task(count - 1)` with at most `inFlight` of them pending at any time. */
export async function runWithInFlight(count: number, inFlight: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}
