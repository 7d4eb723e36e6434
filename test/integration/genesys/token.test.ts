import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../../emulator';
import { Deadline } from '../../../src/deadline';
import { createHttpClient } from '../../../src/genesys/client';
import { TokenCache } from '../../../src/genesys/token';
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
  emulator.faults.clear();
});

function tokenCache(credentials: () => GenesysCredentials, now: () => number = Date.now, onRefreshFailed?: (error: unknown) => void) {
  return new TokenCache({
    credentials: async () => credentials(),
    urls: () => ({ apiBaseUrl: emulator.url, loginBaseUrl: emulator.url }),
    http: createHttpClient(),
    now,
    onRefreshFailed,
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

  it('keeps using a token that still works when its refresh-ahead fails', async () => {
    // Prepare: tokens live 3,600 s and are refreshed 300 s ahead; each refresh then fails all 4 of its attempts.
    let now = 1_000_000;
    const failures: unknown[] = [];
    const cache = tokenCache(seeded, () => now, (error) => failures.push(error));
    const first = await cache.get(Deadline.in(5_000));
    // Act: wait for each refresh to be given up (not for its last request, which may still be in flight).
    now += (3_600 - 100) * 1_000;
    emulator.faults.inject('token', { kind: 'status', status: 503 }, 4);
    const withinLead = await cache.get(Deadline.in(5_000));
    await vi.waitFor(() => expect(failures).toHaveLength(1), { timeout: 5_000 });
    now += 99_000;
    emulator.faults.inject('token', { kind: 'status', status: 503 }, 4);
    const lastSecond = await cache.get(Deadline.in(5_000));
    await vi.waitFor(() => expect(failures).toHaveLength(2), { timeout: 5_000 });
    // Assess
    expect(withinLead.accessToken).toBe(first.accessToken);
    expect(lastSecond.accessToken).toBe(first.accessToken);
    expect(emulator.calls.count('token')).toBe(1 + 4 + 4);
    expect(failures).toMatchObject([{ code: 'upstream_error', upstreamStatus: 503 }, { code: 'upstream_error', upstreamStatus: 503 }]);
  });

  it("lets each caller of a shared token request wait up to its own deadline, not the first caller's", async () => {
    // Prepare: the login service takes 1 s; the first caller has 300 ms, twenty others 10 s.
    emulator.faults.latency('token', 1_000);
    const cache = tokenCache(seeded);
    // Act
    const hurried = cache.get(Deadline.in(300));
    const patient = Array.from({ length: 20 }, () => cache.get(Deadline.in(10_000)));
    // Assess
    try {
      expect((await appErrorRejectedBy(hurried)).code).toBe('upstream_timeout');
      const grants = await Promise.all(patient);
      expect(new Set(grants.map((grant) => grant.accessToken)).size).toBe(1);
      expect(emulator.calls.count('token')).toBe(1);
    } finally {
      emulator.faults.clear();
    }
  });
});
