import axios, { type AxiosAdapter, AxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import axiosRetry, { isNetworkError, retryAfter } from 'axios-retry';
import { type Deadline, SharedDeadline } from '../deadline';
import { AppError, GenesysApiError } from '../errors';
import { upstreamText } from '../redaction';
import type { AccessProvider, GenesysAttempt } from '../types';

/**
 * `safe`: retried on network errors, 429 and 5xx (GETs and the token grant, which change nothing).
 * `throttle-only`: retried on 429 alone, which Genesys answers before processing. Used for the send,
 * where retrying a 5xx or a timeout could put the same message in front of a customer twice.
 */
export type RetryPolicy = 'safe' | 'throttle-only';

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  data?: unknown;
  headers?: Record<string, string>;
  retry: RetryPolicy;
  deadline: Deadline;
  /** What the call is for, in error messages ("fetching the canned response"). */
  purpose: string;
}

export const RETRY_LIMITS = {
  /** Retries after the first attempt. */
  retries: 3,
  baseDelayMs: 100,
  /** Random extra wait, as a fraction of the back-off, so throttled containers do not retry in step. */
  jitter: 0.2,
  /** A retry is only worth starting if at least this much of the budget is left after waiting. */
  minAttemptMs: 250,
  /** One attempt never waits longer than this, so a single stalled connection leaves time to retry. */
  attemptTimeoutMs: 5_000,
  /** The most a caller is told to wait (Retry-After), whatever Genesys said. */
  maxRetryAfterSeconds: 300,
} as const;

/**
 * Genesys answers are read whole into memory: anything larger than this is refused as malformed, far above any
 * real canned response or conversation (a response's text is limited to a few thousand characters).
 */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

interface RetryState {
  deadline: Deadline;
  retry: RetryPolicy;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Carried on the request config so the retry hooks know this call's deadline and policy. */
    genesysRetry?: RetryState;
    /** When the current attempt started (performance.now()), for {@link GenesysAttempt}. */
    attemptStartedAt?: number;
  }
}

export interface HttpClientOptions {
  /**
   * The transport. Default: axios's node `http` adapter (keep-alive sockets). Tests give a fake Genesys here, so
   * retries, deadlines and error mapping run for real without a socket.
   */
  adapter?: AxiosAdapter;
  /** Called after every attempt, answered or not (latency and throttling metrics). Default: none. */
  onAttempt?: (attempt: GenesysAttempt) => void;
}

/** One axios instance per container: keep-alive sockets are reused across invocations. */
export function createHttpClient(options: HttpClientOptions = {}): AxiosInstance {
  const http = axios.create({
    // Genesys answers JSON; a body that is not JSON is a malformed answer, not a string to pass on.
    responseType: 'json',
    transitional: { silentJSONParsing: false, forcedJSONParsing: true, clarifyTimeoutError: true },
    maxRedirects: 0,
    adapter: options.adapter ?? 'http',
    maxContentLength: MAX_ANSWER_BYTES,
    headers: { Accept: 'application/json' },
  });
  // Registered before axios-retry, so an attempt is reported before it is retried.
  if (options.onAttempt) reportAttempts(http, options.onAttempt);
  axiosRetry(http, {
    retries: RETRY_LIMITS.retries,
    shouldResetTimeout: true,
    retryDelay: (retryNumber, error) => backOff(retryNumber, error) * (1 + RETRY_LIMITS.jitter * Math.random()),
    retryCondition: (error) => {
      const state = error.config?.genesysRetry;
      if (!state || !isRetryable(error, state.retry)) return false;
      // The retry about to be decided is number retryCount + 1; judge it by the longest it may wait.
      const longestWait = backOff((error.config?.['axios-retry']?.retryCount ?? 0) + 1, error) * (1 + RETRY_LIMITS.jitter);
      return state.deadline.remainingMs() - longestWait >= RETRY_LIMITS.minAttemptMs;
    },
    onRetry: (_count, _error, config) => {
      if (config.genesysRetry) config.timeout = attemptTimeout(config.genesysRetry.deadline);
    },
  });
  return http;
}

function reportAttempts(http: AxiosInstance, onAttempt: (attempt: GenesysAttempt) => void): void {
  const report = (config: AxiosRequestConfig | undefined, status: number | undefined) => {
    if (config?.attemptStartedAt !== undefined) onAttempt({ durationMs: performance.now() - config.attemptStartedAt, status });
  };
  http.interceptors.request.use((config) => {
    config.attemptStartedAt = performance.now();
    return config;
  });
  http.interceptors.response.use(
    (response) => {
      report(response.config, response.status);
      return response;
    },
    (error: unknown) => {
      if (error instanceof AxiosError) report(error.config, error.response?.status);
      return Promise.reject(error);
    },
  );
}

/** Exponential back-off before retry `retryNumber` (200, 400, 800 ms), or Genesys's Retry-After when longer. */
function backOff(retryNumber: number, error: AxiosError): number {
  return Math.max(2 ** retryNumber * RETRY_LIMITS.baseDelayMs, retryAfterMs(error));
}

function isRetryable(error: AxiosError, policy: RetryPolicy): boolean {
  const status = error.response?.status;
  if (status === 429) return true;
  if (policy === 'throttle-only') return false;
  // A malformed or oversized answer comes back the same; only a failed exchange is worth another attempt.
  return (status !== undefined && status >= 500) || (status === undefined && isNetworkError(error) && error.code !== 'ERR_BAD_RESPONSE');
}

/**
 * Genesys's Retry-After in ms, at most {@link RETRY_LIMITS.maxRetryAfterSeconds}: `Infinity` or `1e400` is a wait
 * longer than any budget, so the cap; 0 when it sent none or nothing usable (`soon`, a negative).
 */
function retryAfterMs(error: AxiosError): number {
  const ms = retryAfter(error);
  return ms > 0 ? Math.min(ms, RETRY_LIMITS.maxRetryAfterSeconds * 1000) : 0;
}

/** What a caller is told to wait: whole seconds, at least 1, at most {@link RETRY_LIMITS.maxRetryAfterSeconds} (as retryAfterMs). */
function retryAfterSeconds(error: AxiosError): number {
  return Math.max(1, Math.ceil(retryAfterMs(error) / 1000));
}

/**
 * An upstream code or id worth keeping: code-shaped (`not.found`, `invalid_client`, a contextId) and nothing a
 * credential could be (a known secret or token, an opaque key-shaped run); anything else may be echoed text.
 */
function upstreamCodeOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,100}$/.test(value) && upstreamText(value, Infinity) === value ? value : undefined;
}

/**
 * An attempt's own timeout. A shared deadline (single-flight) is enforced by its signal alone, which follows it as
 * it moves out: a timeout fixed from the remaining time at the start would cut the shared fetch short.
 */
function attemptTimeout(deadline: Deadline): number {
  return Math.max(1, Math.min(RETRY_LIMITS.attemptTimeoutMs, deadline instanceof SharedDeadline ? Infinity : deadline.remainingMs()));
}

/** Performs one logical call (with its retries) and returns the parsed JSON body, or throws a GenesysApiError. */
export async function callGenesys<T>(http: AxiosInstance, call: HttpCall): Promise<T> {
  if (call.deadline.expired) throw timeoutError(call.purpose);
  let response: AxiosResponse<T>;
  try {
    response = await http.request<T>({
      method: call.method,
      url: call.url,
      data: call.data,
      headers: call.headers,
      timeout: attemptTimeout(call.deadline),
      signal: call.deadline.signal,
      genesysRetry: { deadline: call.deadline, retry: call.retry },
    });
  } catch (error) {
    throw toGenesysApiError(error, call);
  }
  if (response.data === null || typeof response.data !== 'object' || Array.isArray(response.data)) {
    throw new GenesysApiError('upstream_error', `Genesys sent a malformed answer while ${call.purpose}.`, { upstreamStatus: response.status });
  }
  return response.data;
}

interface GenesysErrorBody {
  message?: unknown;
  code?: unknown;
  contextId?: unknown;
  error?: unknown;
}

function toGenesysApiError(error: unknown, call: HttpCall): AppError {
  if (!(error instanceof AxiosError)) {
    return new AppError('internal_error', `Unexpected failure while ${call.purpose}.`, { cause: error });
  }
  const response = error.response;
  // A 2xx whose body could not be read (truncated JSON, say): Genesys did the work, the answer is malformed.
  if (response && response.status >= 200 && response.status < 300) {
    return new GenesysApiError('upstream_error', `Genesys sent a malformed answer while ${call.purpose}.`, { cause: error, upstreamStatus: response.status });
  }
  if (!response) {
    if (call.deadline.expired || error.code === 'ETIMEDOUT' || error.code === 'ECONNABORTED' || error.code === 'ERR_CANCELED') {
      return timeoutError(call.purpose, error);
    }
    if (error.code === 'ERR_BAD_RESPONSE') {
      return new GenesysApiError('upstream_error', `Genesys sent a malformed answer while ${call.purpose}.`, { cause: error });
    }
    return new GenesysApiError('upstream_error', `Genesys could not be reached while ${call.purpose}.`, { cause: error });
  }
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as GenesysErrorBody;
  const contextId = upstreamCodeOf(body.contextId) ?? upstreamCodeOf(response.headers['inin-correlation-id']);
  const upstreamCode = upstreamCodeOf(body.code) ?? upstreamCodeOf(body.error);
  const status = response.status;
  const options = { cause: error, upstreamStatus: status, upstreamCode, ...(contextId ? { genesysContextId: contextId } : {}) };
  // Genesys's words may echo what it was sent (an Authorization header, a secret): shown redacted, never raw.
  const said = typeof body.message === 'string' ? ` Genesys said: ${upstreamText(body.message)}` : '';
  if (status === 429) {
    return new GenesysApiError('upstream_throttled', `Genesys kept throttling requests while ${call.purpose}.`, {
      ...options,
      retryAfterSeconds: retryAfterSeconds(error),
    });
  }
  if (status === 401 || status === 403) {
    return new GenesysApiError(
      'upstream_auth_failed',
      `Genesys rejected this function's credentials or permissions while ${call.purpose} (HTTP ${status}).${said}`,
      options,
    );
  }
  return new GenesysApiError('upstream_error', `Genesys answered HTTP ${status} while ${call.purpose}.${said}`, options);
}

/** Failures of a connection that never carried the request: Genesys cannot have processed it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/**
 * Whether the request to `path` that failed with `error` may still have been processed by Genesys: it timed out,
 * its connection dropped after it went out, or Genesys answered 5xx. Never for a clean 4xx or 429 (refused,
 * nothing done), nor when the failure was another call (the token grant) or happened before the request went out.
 * (A 2xx, readable or not, is no failure: the caller answers it as what it is.)
 */
export function mayHaveBeenProcessed(error: unknown, path: string): boolean {
  if (!(error instanceof AppError) || !(error.cause instanceof AxiosError)) return false;
  const cause = error.cause;
  if (!cause.config?.url?.endsWith(path)) return false;
  const status = cause.response?.status;
  if (status !== undefined) return status >= 500;
  return error.code === 'upstream_timeout' || !NOT_SENT_CODES.has(cause.code ?? '');
}

function timeoutError(purpose: string, cause?: unknown): AppError {
  return new AppError('upstream_timeout', `The invocation deadline was reached while ${purpose}.`, cause ? { cause } : {});
}

/** The Genesys API as the stages use it: bearer auth from the warm token, and one token refresh on a 401. */
export class GenesysClient {
  constructor(
    private readonly http: AxiosInstance,
    private readonly access: AccessProvider,
  ) {}

  get<T>(path: string, deadline: Deadline, purpose: string): Promise<T> {
    return this.authorized<T>({ method: 'GET', path, retry: 'safe', deadline, purpose });
  }

  post<T>(path: string, data: unknown, deadline: Deadline, purpose: string, retry: RetryPolicy): Promise<T> {
    return this.authorized<T>({ method: 'POST', path, data, retry, deadline, purpose });
  }

  private async authorized<T>(call: Omit<HttpCall, 'url' | 'headers'> & { path: string }, refreshed = false): Promise<T> {
    const grant = await this.access.get(call.deadline);
    try {
      return await callGenesys<T>(this.http, {
        ...call,
        url: `${grant.apiBaseUrl}${call.path}`,
        headers: { Authorization: `Bearer ${grant.accessToken}` },
      });
    } catch (error) {
      // A 401 means the token was revoked or expired early: drop it and try once with a new one.
      if (!refreshed && error instanceof GenesysApiError && error.upstreamStatus === 401) {
        this.access.invalidate(grant.accessToken);
        return this.authorized<T>(call, true);
      }
      throw error;
    }
  }
}
