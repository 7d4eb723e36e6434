import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../../emulator';
import { Deadline } from '../../../src/deadline';
import { createHttpClient } from '../../../src/genesys/client';
import { refreshLeadMs, TokenCache } from '../../../src/genesys/token';
import type { GenesysCredentials } from '../../../src/types';
import { appErrorRejectedBy } from '../../support/errors';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ quiet: true, tokenTtlSeconds: 3_600 });
});
afterAll(async () => emulator.close());
beforeEach(() => {
  emulator.state.reset();
  emulator.calls.reset();
});

function tokenCache(credentials: () => GenesysCredentials, now: () => number = Date.now) {
  return new TokenCache({
    credentials: async () => credentials(),
    urls: () => ({ apiBaseUrl: emulator.url, loginBaseUrl: emulator.url }),
    http: createHttpClient(),
    now,
  });
}

const seeded = () => ({ clientId: SEED.clientId, clientSecret: SEED.clientSecret });

describe('refreshLeadMs', () => {
  it('refreshes 10% ahead of expiry, at most five minutes', () => {
    expect(refreshLeadMs(300)).toBe(30_000);
    expect(refreshLeadMs(3_600)).toBe(300_000);
    expect(refreshLeadMs(86_400)).toBe(300_000);
  });
});

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

  it('fetches a new token ahead of expiry, not before', async () => {
    // Prepare: tokens live 3,600 s, so the cache refreshes 300 s ahead.
    let now = 1_000_000;
    const cache = tokenCache(seeded, () => now);
    const first = await cache.get(Deadline.in(5_000));
    // Act
    now += (3_600 - 301) * 1_000;
    const beforeLead = await cache.get(Deadline.in(5_000));
    now += 2_000;
    const withinLead = await cache.get(Deadline.in(5_000));
    // Assess
    expect(beforeLead.accessToken).toBe(first.accessToken);
    expect(withinLead.accessToken).not.toBe(first.accessToken);
    expect(emulator.calls.count('token')).toBe(2);
  });

  it('drops a token only if it is still the cached one', async () => {
    // Prepare
    const cache = tokenCache(seeded);
    const first = await cache.get(Deadline.in(5_000));
    cache.invalidate(first.accessToken);
    const second = await cache.get(Deadline.in(5_000));
    // Act: a late 401 for the old token must not throw away the new one.
    cache.invalidate(first.accessToken);
    const third = await cache.get(Deadline.in(5_000));
    // Assess
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(third.accessToken).toBe(second.accessToken);
  });

  it('asks for a new token when the secret now names another client', async () => {
    // Prepare
    emulator.state.oauthClients.set('second-client', 'second-secret-value');
    let credentials: GenesysCredentials = seeded();
    const cache = tokenCache(() => credentials);
    const first = await cache.get(Deadline.in(5_000));
    // Act
    credentials = { clientId: 'second-client', clientSecret: 'second-secret-value' };
    const rotated = await cache.get(Deadline.in(5_000));
    // Assess
    expect(rotated.accessToken).not.toBe(first.accessToken);
  });

  it('reports rejected client credentials as upstream_auth_failed', async () => {
    const error = await appErrorRejectedBy(tokenCache(() => ({ clientId: SEED.clientId, clientSecret: 'wrong' })).get(Deadline.in(5_000)));
    expect(error.code).toBe('upstream_auth_failed');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('wrong');
  });
});
