import { describe, expect, it } from 'vitest';
import {
  AppError,
  ConfigurationError,
  describeError,
  ERROR_STATUS,
  GenesysApiError,
  MAX_ERROR_BODY_BYTES,
  MAX_LISTED_DETAILS,
  restating,
  toAppError,
  toErrorBody,
  ValidationError,
  withDetail,
} from '../../src/errors';

describe('AppError', () => {
  it.each(Object.entries(ERROR_STATUS))('%s carries its contract status %i and is named by its code', (code, status) => {
    const error = new AppError(code as keyof typeof ERROR_STATUS, 'Something failed.');
    expect([error.code, error.status, error.name, error.message]).toEqual([code, status, code, 'Something failed.']);
  });

  it('keeps its cause for the logs, and no cause when none was given', () => {
    const cause = new Error('socket hang up');
    expect(new AppError('upstream_error', 'Failed.', { cause }).cause).toBe(cause);
    expect('cause' in new AppError('upstream_error', 'Failed.')).toBe(false);
  });
});

describe('the kinds of AppError', () => {
  it('ValidationError is a 400 listing every problem', () => {
    const details = [
      { path: 'responseId', message: 'must be a canned response UUID' },
      { path: 'substitutions.NAME', message: 'must be at most 2000 characters' },
    ];
    const error = new ValidationError(details);
    expect(error).toMatchObject({ code: 'validation_failed', status: 400, details });
    expect(error.message).toBe('The request is invalid: 2 problem(s).');
  });

  it('ConfigurationError is a 500 configuration_error', () => {
    expect(new ConfigurationError('GENESYS_SECRET_ID is required.')).toMatchObject({ code: 'configuration_error', status: 500 });
  });

  it('GenesysApiError keeps the upstream status and code apart from what a caller is told', () => {
    // Act
    const error = new GenesysApiError('upstream_error', 'Genesys answered HTTP 500.', { upstreamStatus: 500, upstreamCode: 'internal.server.error', genesysContextId: 'ctx-1' });
    // Assess
    expect(error).toMatchObject({ code: 'upstream_error', status: 502, upstreamStatus: 500, upstreamCode: 'internal.server.error', genesysContextId: 'ctx-1' });
    expect(toErrorBody(error, 'req-1').error).toEqual({ code: 'upstream_error', message: 'Genesys answered HTTP 500.', genesysContextId: 'ctx-1' });
  });
});

describe('restating', () => {
  it('re-codes an upstream error keeping it as the cause and keeping its contextId', () => {
    const upstream = new GenesysApiError('upstream_error', 'Genesys answered HTTP 404.', { upstreamStatus: 404, genesysContextId: 'ctx-404' });
    const restated = new AppError('response_not_found', 'No such response.', restating(upstream));
    expect(restated).toMatchObject({ code: 'response_not_found', status: 404, genesysContextId: 'ctx-404', cause: upstream });
  });

  it('adds a detail keeping code, message, contextId, Retry-After and the delivery flag, unless told otherwise', () => {
    const original = new AppError('upstream_throttled', 'Genesys kept throttling.', {
      genesysContextId: 'ctx-429',
      retryAfterSeconds: 7,
      deliveryUnknown: true,
      details: [{ path: 'a', message: 'first' }],
    });
    const added = withDetail(original, { path: 'b', message: 'second' });
    expect(added).toMatchObject({ code: 'upstream_throttled', status: 503, message: original.message, genesysContextId: 'ctx-429', retryAfterSeconds: 7 });
    expect(added).toMatchObject({ deliveryUnknown: true, cause: original });
    expect(added.details).toEqual([{ path: 'a', message: 'first' }, { path: 'b', message: 'second' }]);
    expect(withDetail(original, { path: 'b', message: 'second' }, { deliveryUnknown: false }).deliveryUnknown).toBe(false);
  });
});

describe('toAppError', () => {
  it('passes an AppError through unchanged', () => {
    const error = new AppError('conversation_not_active', 'Ended.');
    expect(toAppError(error)).toBe(error);
  });

  it.each([['an Error', new Error('db password is hunter2')], ['a string', 'hunter2'], ['undefined', undefined]])(
    'turns %s into an internal_error that reveals nothing of it',
    (_name, thrown) => {
      const error = toAppError(thrown);
      expect(error).toMatchObject({ code: 'internal_error', status: 500, message: 'An unexpected error occurred.' });
      expect(error.cause).toBe(thrown);
      expect(JSON.stringify(toErrorBody(error, 'req-1'))).not.toContain('hunter2');
    },
  );
});

describe('toErrorBody', () => {
  it('is the contract body: code, message and requestId, without a stack or the cause', () => {
    const error = new AppError('upstream_timeout', 'The invocation deadline was reached.', { cause: new Error('timeout of 5000ms exceeded') });
    expect(toErrorBody(error, 'req-1')).toEqual({
      error: { code: 'upstream_timeout', message: 'The invocation deadline was reached.' },
      requestId: 'req-1',
    });
  });

  it('adds the details and the Genesys contextId when there are some', () => {
    const body = toErrorBody(new ValidationError([{ path: 'conversationId', message: 'is required' }]), 'req-2');
    expect(body.error.details).toEqual([{ path: 'conversationId', message: 'is required' }]);
    expect(body.error).not.toHaveProperty('genesysContextId');
  });

  it('lists at most 20 details and counts the rest in a last (more) entry', () => {
    const details = Array.from({ length: 45 }, (_, i) => ({ path: `substitutions.K${i}`, message: 'must be a placeholder id' }));
    const body = toErrorBody(new ValidationError(details), 'req-3');
    expect(body.error.message).toBe('The request is invalid: 45 problem(s).');
    expect(body.error.details).toEqual([...details.slice(0, MAX_LISTED_DETAILS), { path: '(more)', message: '25 more problem(s) not listed' }]);
  });

  it('cuts echoed text and drops listed details until the body fits 8 KiB, counting every one it dropped', () => {
    const details = Array.from({ length: 20 }, (_, i) => ({ path: `${i}${'p'.repeat(5_000)}`, message: 'm'.repeat(5_000) }));
    const body = toErrorBody(new ValidationError(details), 'req-4');
    const listed = body.error.details!.slice(0, -1);
    expect(Buffer.byteLength(JSON.stringify(body))).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES);
    expect(listed.length).toBeGreaterThan(0);
    for (const detail of listed) expect(detail.path.length + detail.message.length).toBeLessThanOrEqual(402);
    expect(body.error.details!.at(-1)).toEqual({ path: '(more)', message: `${20 - listed.length} more problem(s) not listed` });
    expect(body.error.message).toBe('The request is invalid: 20 problem(s).');
  });
});

describe('describeError', () => {
  it('gives name, message, code and causes, never the request an HTTP error carries', () => {
    // Prepare: an axios error keeps the request config, Authorization header included.
    const httpError = Object.assign(new Error('Request failed with status code 503'), {
      name: 'AxiosError',
      code: 'ERR_BAD_RESPONSE',
      config: { headers: { Authorization: 'Basic Y2xpZW50OnNlY3JldA==' } },
    });
    const error = new GenesysApiError('upstream_error', 'Genesys answered HTTP 503.', { upstreamStatus: 503, cause: httpError });
    // Act
    const described = describeError(error);
    // Assess
    expect(described).toEqual({
      name: 'upstream_error',
      message: 'Genesys answered HTTP 503.',
      code: 'upstream_error',
      cause: { name: 'AxiosError', message: 'Request failed with status code 503', code: 'ERR_BAD_RESPONSE' },
    });
    expect(JSON.stringify(described)).not.toContain('Basic');
    expect(describeError('text')).toEqual({ type: 'string' });
  });
});
