import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../../emulator';
import { Deadline } from '../../../src/deadline';
import { appErrorRejectedBy } from '../../support/errors';
import { emulatorClient } from '../../support/genesys-client';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
});
afterAll(async () => emulator.close());
beforeEach(() => {
  emulator.faults.clear();
  emulator.calls.reset();
});

const responsePath = `/api/v2/responsemanagement/responses/${SEED.responses.welcome}`;

describe('GenesysClient', () => {
  it('calls the API with the bearer token and returns the parsed body', async () => {
    const { client } = emulatorClient(emulator);
    const response = await client.get<{ id: string }>(responsePath, Deadline.in(5_000), 'fetching');
    expect(response.id).toBe(SEED.responses.welcome);
    expect(emulator.calls.counts()).toMatchObject({ token: 1, getResponse: 1 });
  });

  it('on a 401 drops the token, fetches one new token and retries once', async () => {
    // Prepare
    const { client, attempts } = emulatorClient(emulator);
    await client.get(responsePath, Deadline.in(5_000), 'fetching');
    emulator.faults.revokeTokens();
    emulator.calls.reset();
    // Act
    await client.get(responsePath, Deadline.in(5_000), 'fetching');
    // Assess
    expect(emulator.calls.list().map((call) => `${call.route} ${call.status}`)).toEqual(['getResponse 401', 'token 200', 'getResponse 200']);
    expect(attempts.map((attempt) => attempt.status)).toContain(401);
  });

  it('answers upstream_timeout when the deadline passes during a call', async () => {
    // A token first, so the 300 ms below are all spent waiting on the hung call.
    const { client } = emulatorClient(emulator);
    await client.get(responsePath, Deadline.in(5_000), 'warming up');
    emulator.faults.inject('getResponse', { kind: 'hang' });
    const started = performance.now();
    const error = await appErrorRejectedBy(client.get(responsePath, Deadline.in(300), 'fetching'));
    expect(error.code).toBe('upstream_timeout');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
