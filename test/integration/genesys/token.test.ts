import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../../emulator';
import { Deadline } from '../../../src/deadline';
import { createHttpClient } from '../../../src/genesys/client';
import { TokenCache } from '../../../src/genesys/token';
import type { GenesysCredentials } from '../../../src/types';
import { appErrorRejectedBy } from '../../support/errors';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
});
afterAll(async () => emulator.close());
beforeEach(() => {
  emulator.state.reset();
  emulator.calls.reset();
});

function tokenCache(credentials: () => GenesysCredentials) {
  return new TokenCache({
    credentials: async () => credentials(),
    urls: () => ({ apiBaseUrl: emulator.url, loginBaseUrl: emulator.url }),
    http: createHttpClient(),
  });
}

const seeded = () => ({ clientId: SEED.clientId, clientSecret: SEED.clientSecret });

describe('TokenCache', () => {
  it('grants one token to 20 concurrent callers, with the API base URL of its org', async () => {
    // Act
    const grants = await Promise.all(Array.from({ length: 20 }, () => tokenCache(seeded).get(Deadline.in(5_000))));
    const shared = tokenCache(seeded);
    const sharedGrants = await Promise.all(Array.from({ length: 20 }, () => shared.get(Deadline.in(5_000))));
    // Assess
    expect(grants.every((grant) => grant.apiBaseUrl === emulator.url)).toBe(true);
    expect(new Set(sharedGrants.map((grant) => grant.accessToken)).size).toBe(1);
    expect(emulator.calls.count('token')).toBe(20 + 1);
  });

  it('reports rejected client credentials as upstream_auth_failed', async () => {
    const error = await appErrorRejectedBy(tokenCache(() => ({ clientId: SEED.clientId, clientSecret: 'wrong' })).get(Deadline.in(5_000)));
    expect(error.code).toBe('upstream_auth_failed');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('wrong');
  });
});
