import { redactText } from './redaction';

/**
 * The error hierarchy. Every failure the function can report is an {@link AppError} carrying the contract's
 * code and HTTP status, a message that is safe to show a caller, and the original error as `cause` (for logs
 * only). Nothing else in the code base decides a status code or formats an error body.
 */

export const ERROR_STATUS = {
  invalid_json: 400,
  validation_failed: 400,
  unsupported_media_type: 415,
  response_not_found: 404,
  conversation_not_found: 404,
  conversation_not_active: 409,
  request_in_progress: 409,
  response_not_sendable: 422,
  upstream_auth_failed: 502,
  upstream_error: 502,
  upstream_throttled: 503,
  upstream_timeout: 504,
  configuration_error: 500,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  details?: ErrorDetail[];
  genesysContextId?: string;
  /** Seconds a caller should wait before trying again (sent as `Retry-After`). */
  retryAfterSeconds?: number;
  /**
   * The message may have gone out: a send whose outcome stayed unknown after the check on the conversation. An
   * Idempotency-Key is then kept with this error rather than freed for a second send.
   */
  deliveryUnknown?: boolean;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  readonly genesysContextId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly deliveryUnknown: boolean;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = code;
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details;
    this.genesysContextId = options.genesysContextId;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.deliveryUnknown = options.deliveryUnknown ?? false;
  }
}

/** Options for an error that re-states `cause` in other terms: it keeps the cause and its Genesys contextId. */
export function restating(cause: AppError): AppErrorOptions {
  return { cause, genesysContextId: cause.genesysContextId };
}

/**
 * `error` restated with one more detail: the same code, message, contextId, Retry-After and delivery flag (unless
 * `options` says otherwise), and `error` as its cause.
 */
export function withDetail(error: AppError, detail: ErrorDetail, options: Pick<AppErrorOptions, 'deliveryUnknown'> = {}): AppError {
  return new AppError(error.code, error.message, {
    ...restating(error),
    retryAfterSeconds: error.retryAfterSeconds,
    deliveryUnknown: error.deliveryUnknown,
    details: [...(error.details ?? []), detail],
    ...options,
  });
}

export class ValidationError extends AppError {
  constructor(details: ErrorDetail[]) {
    // How many are listed is up to toErrorBody (its size cap); whatever it leaves out it counts in a last detail.
    super('validation_failed', `The request is invalid: ${details.length} problem(s).`, { details });
  }
}

export class ConfigurationError extends AppError {
  constructor(message: string, options?: AppErrorOptions) {
    super('configuration_error', message, options);
  }
}

export interface GenesysApiErrorOptions extends AppErrorOptions {
  /** The HTTP status Genesys answered; undefined when no answer came. */
  upstreamStatus?: number;
  /** Genesys's own error code (`not.found`, `invalid_client`, …) when it sent one. */
  upstreamCode?: string;
}

/**
 * A Genesys Cloud API failure, already mapped to the contract's code; keeps the upstream status and code so a
 * stage can refine it (a 404 on a response is `response_not_found`), and the `contextId` Genesys support asks for.
 */
export class GenesysApiError extends AppError {
  readonly upstreamStatus: number | undefined;
  readonly upstreamCode: string | undefined;

  constructor(code: ErrorCode, message: string, options: GenesysApiErrorOptions = {}) {
    const { upstreamStatus, upstreamCode, ...appOptions } = options;
    super(code, message, appOptions);
    this.upstreamStatus = upstreamStatus;
    this.upstreamCode = upstreamCode;
  }
}

/**
 * Converts anything thrown into an AppError: AppErrors pass through, anything else becomes an
 * `internal_error` whose message reveals nothing about the cause.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError('internal_error', 'An unexpected error occurred.', { cause: error });
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: ErrorDetail[];
    genesysContextId?: string;
  };
  requestId: string;
}

/** The most problems an error body lists; the rest are counted in one last entry. */
export const MAX_LISTED_DETAILS = 20;
/** A detail's path or message (which may echo a caller's key) is cut to this many characters. */
const MAX_DETAIL_CHARACTERS = 200;
const MAX_MESSAGE_CHARACTERS = 500;
/** No error body is larger than this (UTF-8 bytes), whatever came in and whatever Genesys said. */
export const MAX_ERROR_BODY_BYTES = 8 * 1024;

function shown(text: string, maxCharacters: number): string {
  const redacted = redactText(text);
  return redacted.length > maxCharacters ? `${redacted.slice(0, maxCharacters)}…` : redacted;
}

/**
 * The contract's error body: no known credential in it, at most {@link MAX_LISTED_DETAILS} details with cut text,
 * and never more than {@link MAX_ERROR_BODY_BYTES}; problems not listed are counted in a last `(more)` entry.
 */
export function toErrorBody(error: AppError, requestId: string): ErrorBody {
  const all = error.details ?? [];
  const listed = all
    .slice(0, MAX_LISTED_DETAILS)
    .map((detail) => ({ path: shown(detail.path, MAX_DETAIL_CHARACTERS), message: shown(detail.message, MAX_DETAIL_CHARACTERS) }));
  const build = (): ErrorBody => {
    const unlisted = all.length - listed.length;
    const details = unlisted > 0 ? [...listed, { path: '(more)', message: `${unlisted} more problem(s) not listed` }] : listed;
    return {
      error: {
        code: error.code,
        message: shown(error.message, MAX_MESSAGE_CHARACTERS),
        ...(error.details ? { details } : {}),
        ...(error.genesysContextId ? { genesysContextId: shown(error.genesysContextId, 100) } : {}),
      },
      requestId,
    };
  };
  let body = build();
  while (listed.length > 0 && Buffer.byteLength(JSON.stringify(body)) > MAX_ERROR_BODY_BYTES) {
    listed.pop();
    body = build();
  }
  return body;
}

/**
 * An error as a log field: name, message (at most 500 characters), a string code and the same for its causes.
 * Never the object itself: an axios error holds the request's headers, credentials included.
 */
export function describeError(error: unknown): Record<string, unknown> | undefined {
  if (error === undefined || error === null) return undefined;
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message.slice(0, 500),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.cause instanceof Error ? { cause: describeError(error.cause) } : {}),
  };
}
