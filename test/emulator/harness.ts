import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SEED, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';

/** Shared set-up for the emulator's own tests: real HTTP against a started emulator. */

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** fetch() that reads the body as JSON when there is one. */
export async function http<T = any>(url: string, init?: RequestInit): Promise<HttpResult<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function basicAuth(clientId: string = SEED.clientId, clientSecret: string = SEED.clientSecret): string {
  return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}

export function requestTokenResponse(baseUrl: string, authorization = basicAuth(), body = 'grant_type=client_credentials') {
  return http(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export async function requestToken(baseUrl: string): Promise<string> {
  const { status, body } = await requestTokenResponse(baseUrl);
  if (status !== 200) throw new Error(`token request answered ${status}`);
  return body.access_token;
}

/** A small Genesys API client bound to one token. */
export function apiClient(baseUrl: string, token: string) {
  const authorization = `Bearer ${token}`;
  return {
    get: <T = any>(path: string) => http<T>(`${baseUrl}${path}`, { headers: { authorization } }),
    post: <T = any>(path: string, body: unknown) =>
      http<T>(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

export const sendPath = (conversationId: string, communicationId: string) =>
  `/api/v2/conversations/messages/${conversationId}/communications/${communicationId}/messages`;

/**
 * Starts one quiet emulator for the test file and hands each test a fresh token with state, faults and the
 * call log back to their initial values.
 */
export function useEmulator(options: EmulatorOptions = {}) {
  const context = {} as { emulator: RunningEmulator; token: string; api: ReturnType<typeof apiClient> };
  beforeAll(async () => {
    context.emulator = await startEmulator({ quiet: true, ...options });
  });
  beforeEach(async () => {
    const { emulator } = context;
    emulator.state.reset();
    emulator.faults.clear();
    context.token = await requestToken(emulator.url);
    context.api = apiClient(emulator.url, context.token);
    emulator.calls.reset();
  });
  afterAll(async () => {
    await context.emulator?.close();
  });
  return context;
}
