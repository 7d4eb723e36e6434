import type { MiddlewareObj } from '@middy/core';
import { AppError } from '../errors';
import { RESERVED_DIRECT_FIELDS } from '../schema';

export type EntryPoint = 'http' | 'direct';

/** The event after normalisation: where it came from and the still-unvalidated input. */
export interface NormalizedEvent {
  entry: EntryPoint;
  /** HTTP: the parsed JSON body. Direct: the event minus the platform's reserved fields. */
  body: unknown;
  /** HTTP only: the `{conversationId}` path parameter. */
  pathConversationId?: string | undefined;
  /** HTTP only: the `Idempotency-Key` header (the direct form carries it in the body). */
  idempotencyKeyHeader?: string | undefined;
}

const NORMALIZED = Symbol('normalized');

interface HttpEventShape {
  requestContext: unknown;
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  pathParameters?: Record<string, string | undefined> | null;
}

/** API Gateway REST (v1) and HTTP API (v2) proxy events both carry `requestContext` and a `headers` map. */
export function isHttpEvent(event: unknown): event is HttpEventShape {
  return (
    typeof event === 'object' &&
    event !== null &&
    'requestContext' in event &&
    typeof event.requestContext === 'object' &&
    ('httpMethod' in event || 'routeKey' in event)
  );
}

/** Marks an event the middlewares made, so {@link entryPointOf} reads its `entry` instead of guessing. */
export function markNormalized<T extends { entry: EntryPoint }>(event: T): T {
  return Object.assign(event, { [NORMALIZED]: true });
}

/** Which entry point an event (raw or normalised) belongs to; used by the error mapper on any failure. */
export function entryPointOf(event: unknown): EntryPoint {
  if (typeof event === 'object' && event !== null && NORMALIZED in event) return (event as unknown as { entry: EntryPoint }).entry;
  return isHttpEvent(event) ? 'http' : 'direct';
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function lowercaseHeaders(headers: HttpEventShape['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
  }
  return result;
}

function normalizeHttp(event: HttpEventShape): NormalizedEvent {
  const headers = lowercaseHeaders(event.headers);
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const contentType = headers['content-type'];
  if (text !== '' && contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType.split(';')[0]!.trim())) {
    throw new AppError('unsupported_media_type', `Content-Type must be application/json, got "${contentType.slice(0, 100)}".`);
  }
  if (text.trim() === '') throw new AppError('invalid_json', 'The request body is empty; send a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_json', 'The request body is not valid JSON.', { cause: error });
  }
  return {
    entry: 'http',
    body,
    pathConversationId: event.pathParameters?.conversationId,
    idempotencyKeyHeader: headers['idempotency-key'],
  };
}

function normalizeDirect(event: unknown): NormalizedEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { entry: 'direct', body: event };
  const body: Record<string, unknown> = { ...event };
  for (const field of RESERVED_DIRECT_FIELDS) delete body[field];
  return { entry: 'direct', body };
}

/**
 * Turns an API Gateway REST v1, HTTP API v2 or direct-invocation event into a {@link NormalizedEvent}:
 * content type checked (415), JSON body parsed (400 invalid_json), base64 bodies decoded, reserved data
 * action fields dropped. No options.
 */
export function eventNormalizer(): MiddlewareObj {
  return {
    name: 'eventNormalizer',
    before: (request) => {
      const normalized = isHttpEvent(request.event) ? normalizeHttp(request.event) : normalizeDirect(request.event);
      request.event = markNormalized(normalized);
    },
  };
}
