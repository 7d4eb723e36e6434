import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../../src/deadline';
import { GenesysApiError } from '../../../src/errors';
import { appErrorRejectedBy } from '../../support/errors';
import { FAKE_API, FAKE_LOGIN, FakeGenesys, genesysError, throttled } from '../../support/fake-genesys';
import { settleWithFakeTimers } from '../../support/fake-timers';
import { fakeGenesysClient } from '../../support/genesys-client';

const RESPONSE_PATH = '/api/v2/responsemanagement/responses/resp-1';
const RESPONSE_URL = `${FAKE_API}${RESPONSE_PATH}`;
const MESSAGE_PATH = '/api/v2/conversations/messages/conv-1/communications/comm-1/messages';
const MESSAGE_URL = `${FAKE_API}${MESSAGE_PATH}`;
const TOKEN_URL = `${FAKE_LOGIN}/oauth/token`;
const OK = { status: 200, body: { id: 'resp-1', name: 'Welcome' } };
const SENT = { status: 200, body: { id: 'msg-1', status: 'queued', timestamp: '2026-12-01T12:00:00.000Z' } };

let fake: FakeGenesys;
beforeEach(() => {
  fake = new FakeGenesys();
});

const statuses = (url: string, method: 'GET' | 'POST' = 'GET') => fake.requestsTo(method, url).length;

describe('GenesysClient', () => {
  it('calls the API host of the token with the bearer token and returns the parsed body', async () => {
    // Prepare
    fake.on('GET', RESPONSE_URL, OK);
    const { client } = fakeGenesysClient(fake);
    // Act
    const response = await client.get<{ id: string }>(RESPONSE_PATH, Deadline.in(5_000), 'fetching the canned response');
    // Assess
    expect(response).toEqual({ id: 'resp-1', name: 'Welcome' });
    const [call] = fake.requestsTo('GET', RESPONSE_URL);
    expect(call?.headers).toMatchObject({ authorization: 'Bearer token-1', accept: 'application/json' });
  });

  it.each([
    [404, 'not.found', 'upstream_error', 502],
    [400, 'bad.request', 'upstream_error', 502],
    [403, 'missing.permissions', 'upstream_auth_failed', 502],
  ])('maps a Genesys %i %s to %s with the upstream status, code and contextId', async (status, genesysCode, code, httpStatus) => {
    // Prepare
    fake.on('GET', RESPONSE_URL, genesysError(status, genesysCode, 'Nope.', 'ctx-42'));
    // Act
    const error = await appErrorRejectedBy(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(5_000), 'fetching the canned response'));
    // Assess
    expect(error).toBeInstanceOf(GenesysApiError);
    expect(error).toMatchObject({ code, status: httpStatus, upstreamStatus: status, upstreamCode: genesysCode, genesysContextId: 'ctx-42' });
    expect(error.message).toContain('fetching the canned response');
    expect(error.message).toContain('Genesys said: Nope.');
  });

  it('takes the contextId from inin-correlation-id when the body has none', async () => {
    fake.on('GET', RESPONSE_URL, { status: 400, body: '', headers: { 'inin-correlation-id': 'ctx-header' } });
    const error = await appErrorRejectedBy(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(5_000), 'fetching'));
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 400, genesysContextId: 'ctx-header' });
  });

  it('keeps no code or contextId shaped like a credential, from the body or from inin-correlation-id', async () => {
    // Prepare: an opaque key-shaped run fits the code pattern; only a UUID-shaped contextId is kept.
    const opaque = 'AKIAEXAMPLE7Qx9ZmT2pLk4sVb8NwR3yHc6JdF0gUe5';
    fake.on('GET', RESPONSE_URL, { status: 400, body: { code: opaque, contextId: opaque }, headers: { 'inin-correlation-id': opaque } });
    // Act
    const error = await appErrorRejectedBy(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(5_000), 'fetching'));
    // Assess
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 400, upstreamCode: undefined, genesysContextId: undefined });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(opaque);
  });

  it('on a 401 drops the token, fetches one new token and retries once', async () => {
    // Prepare
    fake.on('GET', RESPONSE_URL, genesysError(401, 'bad.credentials'), OK);
    const { client, attempts } = fakeGenesysClient(fake);
    // Act
    await client.get(RESPONSE_PATH, Deadline.in(5_000), 'fetching');
    // Assess
    expect(fake.requests.map((request) => `${request.method} ${request.path} ${request.headers.authorization ?? ''}`)).toEqual([
      expect.stringMatching(/^POST \/oauth\/token Basic /),
      `GET ${RESPONSE_PATH} Bearer token-1`,
      expect.stringMatching(/^POST \/oauth\/token Basic /),
      `GET ${RESPONSE_PATH} Bearer token-2`,
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual([200, 401, 200, 200]);
  });

  it('a second 401 in a row is upstream_auth_failed, without a third token', async () => {
    fake.on('GET', RESPONSE_URL, genesysError(401, 'bad.credentials'));
    const error = await appErrorRejectedBy(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(5_000), 'fetching'));
    expect(error).toMatchObject({ code: 'upstream_auth_failed', upstreamStatus: 401 });
    expect([statuses(TOKEN_URL, 'POST'), statuses(RESPONSE_URL)]).toEqual([2, 2]);
  });

  it.each([
    ['not JSON', { status: 200, body: '<html>Service Unavailable</html>' }],
    ['JSON that is not an object', { status: 200, body: 'null' }],
    ['a JSON string', { status: 200, body: '"ok"' }],
  ])('reports an answer that is %s as upstream_error, without retrying', async (_name, answer) => {
    fake.on('GET', RESPONSE_URL, answer);
    const error = await appErrorRejectedBy(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(5_000), 'fetching the canned response'));
    expect(error).toMatchObject({ code: 'upstream_error', status: 502 });
    expect(error.message).toContain('fetching the canned response');
    expect(statuses(RESPONSE_URL)).toBe(1);
  });

  it('makes no call once the deadline has passed', async () => {
    const error = await appErrorRejectedBy(fakeGenesysClient(fake).client.get(RESPONSE_PATH, new Deadline(0, () => 1), 'fetching'));
    expect(error.code).toBe('upstream_timeout');
    expect(fake.requests).toHaveLength(0);
  });

  it('answers upstream_timeout when an attempt times out and the deadline has passed, without retrying', async () => {
    // Prepare: the attempt takes the whole budget, as a hung connection cut by the attempt timeout would.
    let now = 0;
    const deadline = Deadline.in(3_000, () => now);
    const { client } = fakeGenesysClient(fake, { now: () => now });
    fake.on('GET', RESPONSE_URL, () => {
      now += 3_000;
      return { networkError: 'ETIMEDOUT' };
    });
    // Act
    const error = await appErrorRejectedBy(client.get(RESPONSE_PATH, deadline, 'fetching the canned response'));
    // Assess
    expect(error).toMatchObject({ code: 'upstream_timeout', status: 504 });
    expect(error.message).toContain('fetching the canned response');
    expect(statuses(RESPONSE_URL)).toBe(1);
  });
});

describe('retries', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['a 503', genesysError(503, 'service.unavailable')],
    ['a reset connection', { networkError: 'ECONNRESET' } as const],
    ['a timed-out attempt', { networkError: 'ETIMEDOUT' } as const],
  ])('retries a GET after %s while the deadline allows', async (_name, failure) => {
    fake.on('GET', RESPONSE_URL, failure, failure, OK);
    const response = await settleWithFakeTimers(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(10_000), 'fetching'));
    expect(response).toMatchObject({ id: 'resp-1' });
    expect(statuses(RESPONSE_URL)).toBe(3);
  });

  it('gives up on a GET after three retries, with the last status', async () => {
    fake.on('GET', RESPONSE_URL, genesysError(502, 'bad.gateway'));
    const error = await appErrorRejectedBy(settleWithFakeTimers(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(10_000), 'fetching')));
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 502, upstreamCode: 'bad.gateway' });
    expect(statuses(RESPONSE_URL)).toBe(4);
  });

  it('does not start a retry the deadline leaves no room for', async () => {
    // 600 ms: the first retry waits ~200 ms and leaves ~400 ms; the second would wait ~400 ms, leaving under 250 ms.
    fake.on('GET', RESPONSE_URL, genesysError(503, 'service.unavailable'));
    const started = Date.now();
    const error = await appErrorRejectedBy(settleWithFakeTimers(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(600), 'fetching')));
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 503 });
    expect(statuses(RESPONSE_URL)).toBe(2);
    expect(Date.now() - started).toBeLessThan(600);
  });

  it.each([
    ['a 502', genesysError(502, 'bad.gateway')],
    ['a 500', genesysError(500, 'internal.server.error')],
    ['a reset connection', { networkError: 'ECONNRESET' } as const],
  ])('never retries a POST after %s: the message may have been delivered', async (_name, failure) => {
    fake.on('POST', MESSAGE_URL, failure, SENT);
    const error = await appErrorRejectedBy(
      settleWithFakeTimers(fakeGenesysClient(fake).client.post(MESSAGE_PATH, { textBody: 'hi' }, Deadline.in(10_000), 'sending the message', 'throttle-only')),
    );
    expect(error.code).toBe('upstream_error');
    expect(statuses(MESSAGE_URL, 'POST')).toBe(1);
  });

  it('retries a POST after a 429, waiting at least its Retry-After', async () => {
    // Prepare
    fake.on('POST', MESSAGE_URL, throttled(2), SENT);
    const started = Date.now();
    // Act
    const message = await settleWithFakeTimers(
      fakeGenesysClient(fake).client.post(MESSAGE_PATH, { textBody: 'hi' }, Deadline.in(10_000), 'sending the message', 'throttle-only'),
    );
    // Assess
    expect(message).toMatchObject({ id: 'msg-1' });
    expect(fake.requestsTo('POST', MESSAGE_URL).map((request) => request.body)).toEqual([{ textBody: 'hi' }, { textBody: 'hi' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it('answers upstream_throttled with the Retry-After when Genesys keeps throttling', async () => {
    fake.on('GET', RESPONSE_URL, throttled(3));
    const error = await appErrorRejectedBy(settleWithFakeTimers(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(20_000), 'fetching')));
    expect(error).toMatchObject({ code: 'upstream_throttled', status: 503, retryAfterSeconds: 3, upstreamStatus: 429 });
    expect(statuses(RESPONSE_URL)).toBe(4);
  });

  it('does not wait out a Retry-After longer than the deadline', async () => {
    fake.on('GET', RESPONSE_URL, throttled(30));
    const error = await appErrorRejectedBy(settleWithFakeTimers(fakeGenesysClient(fake).client.get(RESPONSE_PATH, Deadline.in(5_000), 'fetching')));
    expect(error).toMatchObject({ code: 'upstream_throttled', retryAfterSeconds: 30 });
    expect(statuses(RESPONSE_URL)).toBe(1);
  });

  it('reports every attempt, retries included, to onAttempt', async () => {
    fake.on('GET', RESPONSE_URL, throttled(1), { networkError: 'ECONNRESET' }, OK);
    const { client, attempts } = fakeGenesysClient(fake);
    await settleWithFakeTimers(client.get(RESPONSE_PATH, Deadline.in(10_000), 'fetching'));
    expect(attempts.map((attempt) => attempt.status)).toEqual([200, 429, undefined, 200]);
  });
});
