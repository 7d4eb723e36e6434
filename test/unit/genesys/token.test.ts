import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../../src/deadline';
import { createHttpClient } from '../../../src/genesys/client';
import { refreshLeadMs, TokenCache, type TokenCacheOptions } from '../../../src/genesys/token';
import type { GenesysCredentials } from '../../../src/types';
import { appErrorRejectedBy } from '../../support/errors';
import { FAKE_API, FAKE_LOGIN, FakeGenesys, genesysError, tokenGrant } from '../../support/fake-genesys';

const TOKEN_URL = `${FAKE_LOGIN}/oauth/token`;
const CLIENT: GenesysCredentials = { clientId: 'client-1', clientSecret: 'client-1-secret' };

let fake: FakeGenesys;
beforeEach(() => {
  fake = new FakeGenesys();
});

function tokenCache(options: Partial<TokenCacheOptions> & { secret?: () => GenesysCredentials } = {}) {
  const { secret = () => CLIENT, ...rest } = options;
  return new TokenCache({
    credentials: async () => secret(),
    urls: () => ({ apiBaseUrl: FAKE_API, loginBaseUrl: FAKE_LOGIN }),
    http: createHttpClient({ adapter: fake.adapter }),
    ...rest,
  });
}

const grants = () => fake.requestsTo('POST', TOKEN_URL).length;

describe('refreshLeadMs', () => {
  it('refreshes 10% ahead of expiry, at most five minutes', () => {
    expect(refreshLeadMs(300)).toBe(30_000);
    expect(refreshLeadMs(3_600)).toBe(300_000);
    expect(refreshLeadMs(86_400)).toBe(300_000);
  });
});

describe('TokenCache', () => {
  it('asks for a client-credentials grant with Basic auth and grants the API host of its org', async () => {
    // Act
    const grant = await tokenCache().get(Deadline.in(5_000));
    // Assess
    expect(grant).toMatchObject({ accessToken: 'token-1', apiBaseUrl: FAKE_API });
    const [request] = fake.requestsTo('POST', TOKEN_URL);
    expect(request?.headers).toMatchObject({
      authorization: `Basic ${Buffer.from('client-1:client-1-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(request?.body).toBe('grant_type=client_credentials');
  });

  it('grants one token to 20 concurrent callers (single-flight) and serves later callers from the cache', async () => {
    // Prepare
    let hits = 0;
    const cache = tokenCache({ onCacheHit: () => (hits += 1) });
    // Act
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => cache.get(Deadline.in(5_000))));
    const later = await cache.get(Deadline.in(5_000));
    // Assess
    expect(new Set([...concurrent, later].map((grant) => grant.accessToken))).toEqual(new Set(['token-1']));
    expect(grants()).toBe(1);
    expect(hits).toBe(1);
  });

  it('fetches a new token ahead of expiry, not before', async () => {
    // Prepare: tokens live 3,600 s, so the cache refreshes 300 s ahead.
    fake.on('POST', TOKEN_URL, () => tokenGrant(fake.nextToken(), 3_600));
    let now = 1_000_000;
    const cache = tokenCache({ now: () => now });
    await cache.get(Deadline.in(5_000));
    // Act
    now += (3_600 - 301) * 1_000;
    const beforeLead = await cache.get(Deadline.in(5_000));
    now += 2_000;
    const withinLead = await cache.get(Deadline.in(5_000));
    // Assess: within the lead the caller keeps the working token, and a new one is fetched behind it.
    expect([beforeLead.accessToken, withinLead.accessToken]).toEqual(['token-1', 'token-1']);
    await vi.waitFor(async () => expect((await cache.get(Deadline.in(5_000))).accessToken).toBe('token-2'));
    expect(grants()).toBe(2);
  });

  it('reports a failed refresh-ahead and keeps serving the working token until it expires', async () => {
    // Prepare: tokens live 3,600 s; every later grant fails.
    fake.on('POST', TOKEN_URL, () => tokenGrant(fake.nextToken(), 3_600));
    let now = 1_000_000;
    const failures: unknown[] = [];
    const cache = tokenCache({ now: () => now, onRefreshFailed: (error) => failures.push(error) });
    await cache.get(Deadline.in(5_000));
    fake.on('POST', TOKEN_URL, () => genesysError(400, 'bad.request'));
    // Act
    now += (3_600 - 100) * 1_000;
    const withinLead = await cache.get(Deadline.in(5_000));
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    const afterFailure = await cache.get(Deadline.in(5_000));
    // Assess
    expect([withinLead.accessToken, afterFailure.accessToken]).toEqual(['token-1', 'token-1']);
    expect(failures[0]).toMatchObject({ code: 'upstream_auth_failed' });
    await vi.waitFor(() => expect(failures).toHaveLength(2));
  });

  it('drops a token only if it is still the cached one', async () => {
    // Prepare
    const cache = tokenCache();
    const first = await cache.get(Deadline.in(5_000));
    cache.invalidate(first.accessToken);
    const second = await cache.get(Deadline.in(5_000));
    // Act: a late 401 for the old token must not throw away the new one.
    cache.invalidate(first.accessToken);
    const third = await cache.get(Deadline.in(5_000));
    // Assess
    expect([first, second, third].map((grant) => grant.accessToken)).toEqual(['token-1', 'token-2', 'token-2']);
  });

  it('asks for a new token when the secret now names another client', async () => {
    // Prepare
    let secret = CLIENT;
    const cache = tokenCache({ secret: () => secret });
    await cache.get(Deadline.in(5_000));
    // Act
    secret = { clientId: 'client-2', clientSecret: 'client-2-secret' };
    const rotated = await cache.get(Deadline.in(5_000));
    // Assess
    expect(rotated.accessToken).toBe('token-2');
    expect(fake.requestsTo('POST', TOKEN_URL).at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('client-2:client-2-secret').toString('base64')}`);
  });

  it('hands each new token to onToken (for redaction), once', async () => {
    const seen: string[] = [];
    const cache = tokenCache({ onToken: (token) => seen.push(token) });
    await Promise.all([cache.get(Deadline.in(5_000)), cache.get(Deadline.in(5_000))]);
    await cache.get(Deadline.in(5_000));
    expect(seen).toEqual(['token-1']);
  });

  it.each([400, 401])('reports client credentials refused with %i invalid_client as upstream_auth_failed, naming no secret', async (status) => {
    // Prepare
    fake.on('POST', TOKEN_URL, genesysError(status, 'invalid_client', 'client-1-secret is not valid', 'ctx-login'));
    // Act
    const error = await appErrorRejectedBy(tokenCache().get(Deadline.in(5_000)));
    // Assess
    expect(error).toMatchObject({ code: 'upstream_auth_failed', status: 502, upstreamStatus: status, upstreamCode: 'invalid_client', genesysContextId: 'ctx-login' });
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain('client-1-secret');
  });

  it('reads the OAuth error field of the login service as the upstream code', async () => {
    fake.on('POST', TOKEN_URL, { status: 400, body: { error: 'invalid_client', description: 'bad client' } });
    const error = await appErrorRejectedBy(tokenCache().get(Deadline.in(5_000)));
    expect(error).toMatchObject({ code: 'upstream_auth_failed', upstreamCode: 'invalid_client' });
  });

  it.each([
    ['without access_token', { status: 200, body: { expires_in: 3_600 } }],
    ['without expires_in', { status: 200, body: { access_token: 'token-x' } }],
    ['that is not JSON', { status: 200, body: 'access_token=token-x' }],
  ])('reports a token answer %s as upstream_error, and caches nothing', async (_name, answer) => {
    // Prepare
    fake.on('POST', TOKEN_URL, answer, () => tokenGrant('token-after'));
    const cache = tokenCache();
    // Act
    const error = await appErrorRejectedBy(cache.get(Deadline.in(5_000)));
    const next = await cache.get(Deadline.in(5_000));
    // Assess
    expect(error).toMatchObject({ code: 'upstream_error', status: 502 });
    expect(next.accessToken).toBe('token-after');
  });
});
