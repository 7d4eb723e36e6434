import type { MiddlewareObj, Request } from '@middy/core';
import { TextDecoder } from 'node:util';
import { AppError } from '../errors';
import { RESERVED_DIRECT_FIELDS } from '../schema';
import type { EntryPoint } from '../types';

/** What the normaliser learns from the event: where it came from and the still-unvalidated input. */
export interface NormalizedEvent {
  entry: EntryPoint;
  /** HTTP: the parsed JSON body. Direct: the event minus the platform's reserved fields. */
  body: unknown;
  /** HTTP only: the `{conversationId}` path parameter. */
  pathConversationId?: string | undefined;
  /** HTTP only: the `Idempotency-Key` header (the direct form carries it in the body). */
  idempotencyKeyHeader?: string | undefined;
}

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

/** Where the normaliser keeps what it learned, in `request.internal` (the event itself is never replaced). */
export interface NormalizerState {
  normalizedEvent?: NormalizedEvent;
}

/** The normalised event of a request; throws if {@link eventNormalizer} has not run before the caller. */
export function normalizedEventOf(request: Request): NormalizedEvent {
  const normalized = (request.internal as NormalizerState).normalizedEvent;
  if (!normalized) throw new Error('eventNormalizer must run before this middleware');
  return normalized;
}

/** Which entry point a request came from: the normaliser's answer, or read off the raw event if it failed early. */
export function entryPointOf(request: Request): EntryPoint {
  return (request.internal as NormalizerState).normalizedEvent?.entry ?? (isHttpEvent(request.event) ? 'http' : 'direct');
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/i;

function lowercaseHeaders(headers: HttpEventShape['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
  }
  return result;
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

/**
 * The body as text. A base64 body (bytes API Gateway did not decode) is decoded in the charset its Content-Type
 * declares, UTF-8 by default, and refused when its bytes are not valid in that charset: a customer never gets
 * "Jos\uFFFD" for "José".
 */
function bodyText(event: HttpEventShape, contentType: string | undefined): string {
  const raw = event.body ?? '';
  if (!event.isBase64Encoded) return raw;
  const charset = CHARSET.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new AppError('unsupported_media_type', `The charset "${charset.slice(0, 40)}" is not supported; send UTF-8.`);
  }
  try {
    return decoder.decode(Buffer.from(raw, 'base64'));
  } catch (error) {
    throw new AppError('invalid_json', `The request body is not valid ${decoder.encoding} text.`, { cause: error });
  }
}

function normalizeHttp(event: HttpEventShape): NormalizedEvent {
  const headers = lowercaseHeaders(event.headers);
  const contentType = headers['content-type'];
  const text = bodyText(event, contentType);
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
 * `before`: reads an API Gateway REST v1, HTTP API v2 or direct-invocation event into a {@link NormalizedEvent}
 * kept in `request.internal.normalizedEvent`: content type checked (415), JSON body parsed (400 invalid_json),
 * base64 bodies decoded, reserved data action fields dropped. No options.
 */
export function eventNormalizer(): MiddlewareObj {
  return {
    name: 'eventNormalizer',
    before: (request) => {
      const state = request.internal as NormalizerState;
      state.normalizedEvent = isHttpEvent(request.event) ? normalizeHttp(request.event) : normalizeDirect(request.event);
    },
  };
}
