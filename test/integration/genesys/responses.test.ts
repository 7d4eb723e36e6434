import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../../emulator';
import { Deadline } from '../../../src/deadline';
import { ResponseSource } from '../../../src/genesys/responses';
import { appErrorRejectedBy } from '../../support/errors';
import { emulatorClient } from '../../support/genesys-client';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.calls.reset());

function source(options: { ttlMs: number }) {
  return new ResponseSource(emulatorClient(emulator).client, options);
}

describe('ResponseSource', () => {
  it('fetches a response once for concurrent callers and reuses it within the TTL', async () => {
    // Prepare
    const responses = source({ ttlMs: 60_000 });
    // Act
    const fetched = await Promise.all(Array.from({ length: 10 }, () => responses.get(SEED.responses.welcome, Deadline.in(5_000))));
    await responses.get(SEED.responses.welcome, Deadline.in(5_000));
    // Assess
    expect(fetched[0]).toMatchObject({ id: SEED.responses.welcome, name: expect.any(String) });
    expect(emulator.calls.count('getResponse')).toBe(1);
  });

  it("lets each caller of a shared response fetch wait up to its own deadline, not the first caller's", async () => {
    // Prepare: fetching the response takes 1 s; the first caller has 300 ms, ten others 10 s.
    const responses = source({ ttlMs: 60_000 });
    emulator.faults.latency('getResponse', 1_000);
    try {
      // Act
      const hurried = responses.get(SEED.responses.welcome, Deadline.in(300));
      const patient = Array.from({ length: 10 }, () => responses.get(SEED.responses.welcome, Deadline.in(10_000)));
      // Assess
      expect((await appErrorRejectedBy(hurried)).code).toBe('upstream_timeout');
      const fetched = await Promise.all(patient);
      expect(fetched.map((response) => response.id)).toEqual(Array(10).fill(SEED.responses.welcome));
      expect(emulator.calls.count('getResponse')).toBe(1);
    } finally {
      emulator.faults.clear();
    }
  });

  it('reports an unknown response as response_not_found with the contextId', async () => {
    const error = await appErrorRejectedBy(source({ ttlMs: 60_000 }).get('00000000-0000-4000-8000-000000000000', Deadline.in(5_000)));
    expect(error.code).toBe('response_not_found');
    expect(error.status).toBe(404);
    expect(error.genesysContextId).toBeTruthy();
  });
});
