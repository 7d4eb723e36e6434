import { describe, expect, it } from 'vitest';
import { SEED, startEmulator } from '../../emulator';
import { ROUTE_NAMES } from '../../emulator/model';
import { apiClient, http, requestToken, requestTokenResponse, sendPath, useEmulator } from './harness';

const RESPONSE = `/api/v2/responsemanagement/responses/${SEED.responses.welcome}`;

describe('fault injection', () => {
  const ctx = useEmulator();

  it('answers 429 with Retry-After and the Genesys throttling code, then succeeds', async () => {
    // Prepare
    ctx.emulator.faults.inject('getResponse', { kind: 'status', status: 429, retryAfter: 2 });

    // Act
    const throttled = await ctx.api.get(RESPONSE);
    const retried = await ctx.api.get(RESPONSE);

    // Assess
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(throttled.body).toMatchObject({ code: 'too.many.requests.retry.after', status: 429 });
    expect(throttled.headers.get('inin-correlation-id')).toBe(throttled.body.contextId);
    expect(retried.status).toBe(200);
  });

  it('answers an injected 5xx `count` times, then the real answer', async () => {
    // Prepare
    ctx.emulator.faults.inject('getResponse', { kind: 'status', status: 503 }, 2);

    // Act
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await ctx.api.get(RESPONSE)).status);

    // Assess
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('consumes faults of a route in FIFO order and leaves other routes alone', async () => {
    // Prepare
    ctx.emulator.faults.inject('getResponse', { kind: 'status', status: 500 });
    ctx.emulator.faults.inject('getResponse', { kind: 'status', status: 502, retryAfter: '1' });

    // Act
    const other = await ctx.api.get('/api/v2/responsemanagement/libraries');
    const first = await ctx.api.get(RESPONSE);
    const second = await ctx.api.get(RESPONSE);

    // Assess
    expect(other.status).toBe(200);
    expect([first.status, second.status]).toEqual([500, 502]);
    expect(second.headers.get('retry-after')).toBe('1');
  });

  it('adds measurable latency per route, a route setting winning over "*"', async () => {
    // Prepare
    // Far apart, so that a loaded machine (a request taking 100+ ms more than asked) cannot blur the two.
    ctx.emulator.faults.latency('*', 20);
    ctx.emulator.faults.latency('getResponse', 400);
    const timed = async (path: string) => {
      const started = performance.now();
      await ctx.api.get(path);
      return performance.now() - started;
    };

    // Act
    const slow = await timed(RESPONSE);
    const other = await timed('/api/v2/responsemanagement/libraries');

    // Assess
    expect(slow).toBeGreaterThanOrEqual(395);
    expect(other).toBeGreaterThanOrEqual(18);
    expect(other).toBeLessThan(300);
  });

  it('hangs until the client gives up', async () => {
    // Prepare
    ctx.emulator.faults.inject('sendMessage', { kind: 'hang' });
    const started = performance.now();

    // Act
    const outcome = await fetch(`${ctx.emulator.url}${sendPath(SEED.conversations.active, SEED.communications.activeAgent)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ textBody: 'hi' }),
      signal: AbortSignal.timeout(200),
    }).catch((error: Error) => error);

    // Assess
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).name).toBe('TimeoutError');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(ctx.emulator.state.sentMessages).toHaveLength(0);
    expect(ctx.emulator.calls.list()).toEqual([expect.objectContaining({ route: 'sendMessage', status: null })]);
  });

  it.each([
    ['processed-then-drop', 'TypeError'],
    ['processed-then-hang', 'TimeoutError'],
  ] as const)('%s: the message is sent and on the conversation, but its answer never arrives', async (kind, errorName) => {
    // Prepare
    ctx.emulator.faults.inject('sendMessage', { kind });

    // Act
    const outcome = await fetch(`${ctx.emulator.url}${sendPath(SEED.conversations.active, SEED.communications.activeAgent)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ textBody: 'lost answer' }),
      signal: AbortSignal.timeout(300),
    }).catch((error: Error) => error);
    const listed = await ctx.api.get(`/api/v2/conversations/messages/${SEED.conversations.active}`);

    // Assess
    expect((outcome as Error).name).toBe(errorName);
    expect(ctx.emulator.state.sentMessages.map((sent) => sent.request)).toEqual([{ textBody: 'lost answer' }]);
    const agent = listed.body.participants.find((p: { purpose: string }) => p.purpose === 'agent');
    expect(agent.messages.at(-1).messageId).toBe(ctx.emulator.state.sentMessages[0]!.messageData.id);
    expect(ctx.emulator.calls.list()[0]).toMatchObject({ route: 'sendMessage', status: null });
  });

  it('answers 200 application/json with a body that is not JSON (malformed)', async () => {
    // Prepare
    ctx.emulator.faults.inject('getConversation', { kind: 'malformed' });

    // Act
    const response = await fetch(`${ctx.emulator.url}/api/v2/conversations/${SEED.conversations.active}`, {
      headers: { authorization: `Bearer ${ctx.token}` },
    });
    const text = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('drops the connection without an answer', async () => {
    // Prepare
    ctx.emulator.faults.inject('token', { kind: 'drop' });

    // Act
    const outcome = await requestToken(ctx.emulator.url).catch((error: Error) => error);

    // Assess
    expect(outcome).toBeInstanceOf(TypeError); // fetch failed: socket closed
    expect(await requestToken(ctx.emulator.url)).toEqual(expect.any(String));
  });

  it('answers exactly the given answer, echoing the Authorization header where asked', async () => {
    // Prepare
    ctx.emulator.faults.inject('token', { kind: 'answer', status: 500, body: '{"message":"bad header $AUTHORIZATION"}' });

    // Act
    const answer = await requestTokenResponse(ctx.emulator.url, 'Basic c29tZTpvbmU=');

    // Assess
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ message: 'bad header Basic c29tZTpvbmU=' });
  });

  it('rewrites the answer of an endpoint that did its work: the message is delivered, the answer edited', async () => {
    // Prepare
    ctx.emulator.faults.inject('sendMessage', { kind: 'rewrite', omit: ['timestamp'], set: { status: null } });
    ctx.emulator.faults.inject('sendMessage', { kind: 'rewrite', truncateTo: 12 });
    const send = () =>
      fetch(`${ctx.emulator.url}${sendPath(SEED.conversations.active, SEED.communications.activeAgent)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ textBody: 'hi' }),
      });

    // Act
    const edited = await send();
    const truncated = await send();

    // Assess
    const [first, second] = ctx.emulator.state.sentMessages;
    expect(edited.status).toBe(200);
    expect(JSON.parse(await edited.text())).toMatchObject({ id: first?.messageData.id, status: null });
    expect(await truncated.text()).toBe(JSON.stringify(second?.messageData).slice(0, 12));
    expect(ctx.emulator.state.sentMessages).toHaveLength(2);
  });

  it('clear() removes queued faults and latencies', async () => {
    // Prepare
    ctx.emulator.faults.inject('getResponse', { kind: 'status', status: 500 }, 5);
    ctx.emulator.faults.latency('*', 500);

    // Act
    ctx.emulator.faults.clear();
    const started = performance.now();
    const answer = await ctx.api.get(RESPONSE);

    // Assess
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('rejects invalid fault specifications', () => {
    // Act + Assess
    expect(() => ctx.emulator.faults.inject('getResponse', { kind: 'status', status: 200 })).toThrow(/400-599/);
    expect(() => ctx.emulator.faults.inject('nope' as 'token', { kind: 'hang' })).toThrow(/unknown route/);
    expect(() => ctx.emulator.faults.inject('token', { kind: 'hang' }, 0)).toThrow(/count/);
    expect(() => ctx.emulator.faults.latency('*', -1)).toThrow(/latency/);
  });
});

describe('close() with a hung request', () => {
  it('ends the hung request promptly instead of waiting for it', async () => {
    // Prepare
    const emulator = await startEmulator({ quiet: true });
    const token = await requestToken(emulator.url);
    emulator.faults.inject('getResponse', { kind: 'hang' });
    const pending = apiClient(emulator.url, token).get(RESPONSE).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();

    // Act
    await emulator.close();
    const outcome = await pending;

    // Assess
    expect(outcome).toBeInstanceOf(Error);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('call log', () => {
  const ctx = useEmulator();

  it('counts calls per route with method, path and status', async () => {
    // Prepare
    ctx.emulator.faults.inject('getResponse', { kind: 'status', status: 500 });

    // Act
    await ctx.api.get(RESPONSE);
    await ctx.api.get(RESPONSE);
    await ctx.api.get(`/api/v2/conversations/${SEED.conversations.active}?expand=x`);

    // Assess
    const none = Object.fromEntries(ROUTE_NAMES.map((route) => [route, 0]));
    expect(ctx.emulator.calls.counts()).toEqual({ ...none, getResponse: 2, getConversation: 1 });
    expect(ctx.emulator.calls.list().map(({ route, method, path, status }) => ({ route, method, path, status }))).toEqual([
      { route: 'getResponse', method: 'GET', path: RESPONSE, status: 500 },
      { route: 'getResponse', method: 'GET', path: RESPONSE, status: 200 },
      { route: 'getConversation', method: 'GET', path: `/api/v2/conversations/${SEED.conversations.active}`, status: 200 },
    ]);
    expect(Date.parse(ctx.emulator.calls.list()[0]!.at)).not.toBeNaN();
  });

  it('counts requests rejected for authentication too', async () => {
    // Act
    await http(`${ctx.emulator.url}${RESPONSE}`);

    // Assess
    expect(ctx.emulator.calls.list()).toEqual([expect.objectContaining({ route: 'getResponse', status: 401 })]);
  });
});

describe('admin HTTP API', () => {
  const ctx = useEmulator();
  const admin = (path: string, method: string, body?: unknown) =>
    http(`${ctx.emulator.url}/__admin${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

  it('injects faults, reports calls without counting itself, and clears faults', async () => {
    // Prepare
    const injected = await admin('/faults', 'POST', { route: 'getResponse', fault: { kind: 'status', status: 504 }, count: 2 });

    // Act
    const first = await ctx.api.get(RESPONSE);
    const cleared = await admin('/faults', 'DELETE');
    const second = await ctx.api.get(RESPONSE);
    const calls = await admin('/calls', 'GET');

    // Assess
    expect(injected.status).toBe(204);
    expect(cleared.status).toBe(204);
    expect([first.status, second.status]).toEqual([504, 200]);
    expect(calls.body.counts.getResponse).toBe(2);
    expect(calls.body.calls).toHaveLength(2);
  });

  it('sets latency over HTTP', async () => {
    // Prepare
    await admin('/latency', 'POST', { route: 'listLibraries', ms: 120 });
    const started = performance.now();

    // Act
    await ctx.api.get('/api/v2/responsemanagement/libraries');

    // Assess
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('answers 400 with the reason for an invalid fault or latency', async () => {
    // Act
    const badRoute = await admin('/faults', 'POST', { route: 'deleteEverything', fault: { kind: 'hang' } });
    const badKind = await admin('/faults', 'POST', { route: 'token', fault: { kind: 'explode' } });
    const badLatency = await admin('/latency', 'POST', { route: 'token', ms: 'slow' });

    // Assess
    expect(badRoute).toMatchObject({ status: 400, body: { error: expect.stringContaining('unknown route') } });
    expect(badKind).toMatchObject({ status: 400, body: { error: expect.stringContaining('fault.kind') } });
    expect(badLatency.status).toBe(400);
  });

  it('resets the call log and the state back to the seed', async () => {
    // Prepare
    await ctx.api.post(sendPath(SEED.conversations.active, SEED.communications.activeAgent), { textBody: 'hi' });
    ctx.emulator.state.responses.delete(SEED.responses.welcome);

    // Act
    const resetCalls = await admin('/calls/reset', 'POST');
    const resetState = await admin('/reset', 'POST');

    // Assess
    expect([resetCalls.status, resetState.status]).toEqual([204, 204]);
    expect(ctx.emulator.calls.list()).toEqual([]);
    expect(ctx.emulator.state.sentMessages).toEqual([]);
    expect(ctx.emulator.state.responses.has(SEED.responses.welcome)).toBe(true);
  });
});
