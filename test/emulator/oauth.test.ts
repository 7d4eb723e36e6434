import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SEED, startEmulator } from '../../emulator';
import { apiClient, basicAuth, http, requestToken, requestTokenResponse, useEmulator } from './harness';

const LIBRARIES = '/api/v2/responsemanagement/libraries';

describe('POST /oauth/token', () => {
  const ctx = useEmulator();

  it('issues an opaque bearer token for the seeded client', async () => {
    // Prepare
    const { url } = ctx.emulator;

    // Act
    const { status, headers, body } = await requestTokenResponse(url);

    // Assess
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86_400 });
    expect(body.access_token.length).toBeGreaterThan(40);
    expect(ctx.emulator.calls.count('token')).toBe(1);
  });

  it('answers 401 invalid_client for a wrong secret, an unknown client and no credentials', async () => {
    // Prepare
    const { url } = ctx.emulator;

    // Act
    const wrongSecret = await requestTokenResponse(url, basicAuth(SEED.clientId, 'not-the-secret'));
    const unknownClient = await requestTokenResponse(url, basicAuth('3b8f0d51-0000-4000-8000-000000000000', SEED.clientSecret));
    const noCredentials = await http(`${url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });

    // Assess
    for (const answer of [wrongSecret, unknownClient, noCredentials]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'invalid_client', description: expect.any(String) });
    }
  });

  it('answers 400 unsupported_grant_type for another grant, and invalid_request without one', async () => {
    // Prepare
    const { url } = ctx.emulator;

    // Act
    const passwordGrant = await requestTokenResponse(url, basicAuth(), 'grant_type=password');
    const noGrant = await requestTokenResponse(url, basicAuth(), '');

    // Assess
    expect(passwordGrant.status).toBe(400);
    expect(passwordGrant.body.error).toBe('unsupported_grant_type');
    expect(noGrant.status).toBe(400);
    expect(noGrant.body.error).toBe('invalid_request');
  });
});

describe('bearer token checks on /api/v2', () => {
  const ctx = useEmulator();

  it('answers 401 authentication.required without a token, with the Genesys error body', async () => {
    // Act
    const { status, headers, body } = await http(`${ctx.emulator.url}${LIBRARIES}`);

    // Assess
    expect(status).toBe(401);
    expect(body).toEqual({
      message: expect.any(String),
      code: 'authentication.required',
      status: 401,
      messageParams: {},
      contextId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      details: [],
      errors: [],
    });
    expect(headers.get('inin-correlation-id')).toBe(body.contextId);
  });

  it('answers 401 bad.credentials for an unknown token', async () => {
    // Act
    const { status, body } = await apiClient(ctx.emulator.url, 'not-a-token').get(LIBRARIES);

    // Assess
    expect(status).toBe(401);
    expect(body.code).toBe('bad.credentials');
  });

  it('accepts a valid token and reports rate-limit usage in inin-ratelimit-* headers', async () => {
    // Act
    const first = await ctx.api.get(LIBRARIES);
    const second = await ctx.api.get(LIBRARIES);

    // Assess
    expect(first.status).toBe(200);
    expect(second.headers.get('inin-ratelimit-allowed')).toBe('300');
    expect(second.headers.get('inin-ratelimit-count')).toBe('2');
    expect(Number(second.headers.get('inin-ratelimit-reset'))).toBeGreaterThan(0);
    expect(second.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects every issued token after revokeTokens(), and accepts a new one', async () => {
    // Prepare
    ctx.emulator.faults.revokeTokens();

    // Act
    const revoked = await ctx.api.get(LIBRARIES);
    const renewed = await apiClient(ctx.emulator.url, await requestToken(ctx.emulator.url)).get(LIBRARIES);

    // Assess
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('bad.credentials');
    expect(renewed.status).toBe(200);
  });

  it('revokes tokens through POST /__admin/tokens/revoke', async () => {
    // Act
    const admin = await http(`${ctx.emulator.url}/__admin/tokens/revoke`, { method: 'POST' });
    const after = await ctx.api.get(LIBRARIES);

    // Assess
    expect(admin.status).toBe(204);
    expect(after.status).toBe(401);
  });
});

describe('token expiry', () => {
  it('answers 401 bad.credentials once tokenTtlSeconds have passed', async () => {
    // Prepare
    const emulator = await startEmulator({ quiet: true, tokenTtlSeconds: 0.3 });
    try {
      const token = await requestToken(emulator.url);
      const api = apiClient(emulator.url, token);
      const fresh = await api.get(LIBRARIES);

      // Act
      await sleep(350);
      const expired = await api.get(LIBRARIES);

      // Assess
      expect(fresh.status).toBe(200);
      expect(expired.status).toBe(401);
      expect(expired.body.code).toBe('bad.credentials');
    } finally {
      await emulator.close();
    }
  });
});
