import { beforeEach, describe, expect, it } from 'vitest';
import { Deadline } from '../../../src/deadline';
import { RESPONSE_CACHE_MAX_ENTRIES, ResponseSource, type ResponseSourceOptions } from '../../../src/genesys/responses';
import { appErrorRejectedBy } from '../../support/errors';
import { FAKE_API, FakeGenesys, genesysError } from '../../support/fake-genesys';
import { fakeGenesysClient } from '../../support/genesys-client';

const responseUrl = (id: string) => `${FAKE_API}/api/v2/responsemanagement/responses/${id}`;
const cannedResponse = (id: string) => ({
  status: 200,
  body: { id, name: `Response ${id}`, version: 1, texts: [{ content: 'Hello', contentType: 'text/plain', type: 'body' }] },
});

let fake: FakeGenesys;
beforeEach(() => {
  fake = new FakeGenesys();
  for (const id of ['resp-1', 'resp-2', 'resp-3']) fake.on('GET', responseUrl(id), cannedResponse(id));
});

function source(options: ResponseSourceOptions) {
  return new ResponseSource(fakeGenesysClient(fake).client, options);
}

const fetches = (id: string) => fake.requestsTo('GET', responseUrl(id)).length;

describe('ResponseSource', () => {
  it('fetches a response once for concurrent callers and serves it from the cache within the TTL', async () => {
    // Prepare
    let hits = 0;
    const responses = source({ ttlMs: 60_000, onCacheHit: () => (hits += 1) });
    // Act
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => responses.get('resp-1', Deadline.in(5_000))));
    const later = await responses.get('resp-1', Deadline.in(5_000));
    // Assess
    expect(concurrent[0]).toMatchObject({ id: 'resp-1', name: 'Response resp-1', texts: [{ content: 'Hello' }], substitutions: [] });
    expect(later).toEqual(concurrent[0]);
    expect(fetches('resp-1')).toBe(1);
    expect(hits).toBe(1);
  });

  it('fetches again once the TTL has passed, not before', async () => {
    let now = 0;
    const responses = source({ ttlMs: 1_000, now: () => now });
    await responses.get('resp-1', Deadline.in(5_000));
    now += 1_000 - 1;
    await responses.get('resp-1', Deadline.in(5_000));
    expect(fetches('resp-1')).toBe(1);
    now += 1;
    await responses.get('resp-1', Deadline.in(5_000));
    expect(fetches('resp-1')).toBe(2);
  });

  it('fetches every time with a TTL of 0 and holds nothing', async () => {
    const responses = source({ ttlMs: 0 });
    await responses.get('resp-1', Deadline.in(5_000));
    await responses.get('resp-1', Deadline.in(5_000));
    expect(fetches('resp-1')).toBe(2);
    expect(responses.size).toBe(0);
  });

  it('holds at most maxEntries responses, dropping the least recently stored', async () => {
    // Prepare
    const responses = source({ ttlMs: 60_000, maxEntries: 2 });
    // Act
    for (const id of ['resp-1', 'resp-2', 'resp-3']) await responses.get(id, Deadline.in(5_000));
    await responses.get('resp-3', Deadline.in(5_000));
    await responses.get('resp-1', Deadline.in(5_000));
    // Assess
    expect(responses.size).toBe(2);
    expect([fetches('resp-1'), fetches('resp-2'), fetches('resp-3')]).toEqual([2, 1, 1]);
  });

  it(`is bounded to ${RESPONSE_CACHE_MAX_ENTRIES} responses by default`, async () => {
    const responses = source({ ttlMs: 60_000 });
    const ids = Array.from({ length: RESPONSE_CACHE_MAX_ENTRIES + 5 }, (_, index) => `resp-${index}`);
    for (const id of ids) fake.on('GET', responseUrl(id), cannedResponse(id));
    for (const id of ids) await responses.get(id, Deadline.in(5_000));
    expect(responses.size).toBe(RESPONSE_CACHE_MAX_ENTRIES);
  });

  it('asks for the id path-encoded', async () => {
    await appErrorRejectedBy(source({ ttlMs: 0 }).get('a/b?c', Deadline.in(5_000)));
    expect(fake.requests.at(-1)?.path).toBe('/api/v2/responsemanagement/responses/a%2Fb%3Fc');
  });

  it('reports a 404 as response_not_found with the contextId, and caches nothing', async () => {
    // Prepare
    fake.on('GET', responseUrl('resp-gone'), genesysError(404, 'not.found', 'Not found', 'ctx-404'));
    const responses = source({ ttlMs: 60_000 });
    // Act
    const error = await appErrorRejectedBy(responses.get('resp-gone', Deadline.in(5_000)));
    // Assess
    expect(error).toMatchObject({ code: 'response_not_found', status: 404, genesysContextId: 'ctx-404' });
    expect(error.message).toContain('resp-gone');
    expect(responses.size).toBe(0);
  });

  it('passes other Genesys failures on as they are', async () => {
    fake.on('GET', responseUrl('resp-1'), genesysError(403, 'missing.permissions'));
    const error = await appErrorRejectedBy(source({ ttlMs: 60_000 }).get('resp-1', Deadline.in(5_000)));
    expect(error).toMatchObject({ code: 'upstream_auth_failed', status: 502 });
  });

  it('reports an answer that is not a canned response as upstream_error, naming the fields', async () => {
    fake.on('GET', responseUrl('resp-1'), { status: 200, body: { id: 'resp-1', texts: 'Hello' } });
    const error = await appErrorRejectedBy(source({ ttlMs: 60_000 }).get('resp-1', Deadline.in(5_000)));
    expect(error).toMatchObject({ code: 'upstream_error', status: 502 });
    expect(error.message).toContain('malformed canned response (name, texts)');
  });
});
