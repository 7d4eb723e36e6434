import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../../emulator';
import { Deadline } from '../../../src/deadline';
import { GenesysApiError } from '../../../src/errors';
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

  it('maps a Genesys error body to a typed error carrying status, code and contextId', async () => {
    // Act
    const error = await appErrorRejectedBy(
      emulatorClient(emulator).client.get('/api/v2/responsemanagement/responses/00000000-0000-4000-8000-000000000000', Deadline.in(5_000), 'fetching the canned response'),
    );
    // Assess
    expect(error).toBeInstanceOf(GenesysApiError);
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 404, upstreamCode: 'not.found' });
    expect(error.genesysContextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.message).toContain('fetching the canned response');
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

  it('never retries a POST after a 5xx, but does after a 429', async () => {
    // Prepare
    const { client } = emulatorClient(emulator);
    const path = `/api/v2/conversations/messages/${SEED.conversations.active}/communications/${SEED.communications.activeAgent}/messages`;
    emulator.faults.inject('sendMessage', { kind: 'status', status: 502 });
    // Act
    const failed = await appErrorRejectedBy(client.post(path, { textBody: 'hi' }, Deadline.in(5_000), 'sending', 'throttle-only'));
    emulator.faults.inject('sendMessage', { kind: 'status', status: 429, retryAfter: 0 });
    await client.post(path, { textBody: 'hi' }, Deadline.in(5_000), 'sending', 'throttle-only');
    // Assess
    expect(failed.code).toBe('upstream_error');
    expect(emulator.calls.list().filter((call) => call.route === 'sendMessage').map((call) => call.status)).toEqual([502, 429, 200]);
  });
});
