import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

/**
 * A fake Genesys Cloud at the process boundary: an axios adapter (the transport under `createHttpClient`) that
 * answers by method and path and records every request. Everything above the transport — axios's JSON parsing,
 * axios-retry, the deadline, the error mapping — runs as in production, without a socket.
 *
 * Answers are shaped as the node http adapter delivers them: the body is the raw text, so a body that is not JSON
 * reaches axios's parser as it would from the network.
 */

export const FAKE_API = 'https://api.fake-genesys.test';
export const FAKE_LOGIN = 'https://login.fake-genesys.test';

/** An HTTP answer; a string `body` is sent as is (a malformed answer), anything else as JSON. */
export interface HttpAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * No answer at all, as the http adapter rejects: the connection was reset after the request went out, the attempt
 * timed out, or the connection was refused before anything was sent.
 */
export interface NetworkFailure {
  networkError: 'ECONNRESET' | 'ETIMEDOUT' | 'ECONNREFUSED';
}

export type FakeAnswer = HttpAnswer | NetworkFailure;

export interface RecordedRequest {
  method: string;
  /** Origin and path, without the query. */
  url: string;
  path: string;
  headers: Record<string, string>;
  /** The request body as sent (JSON parsed when it is JSON). */
  body: unknown;
}

/** A Genesys `ErrorBody` (SDK model), with its contextId also in `inin-correlation-id`, as the platform sends it. */
export function genesysError(status: number, code: string, message = `Genesys refused the request (${code}).`, contextId = `ctx-${status}-${code}`): HttpAnswer {
  return {
    status,
    body: { message, code, status, messageParams: {}, contextId, details: [], errors: [] },
    headers: { 'inin-correlation-id': contextId },
  };
}

/** 429 as Genesys throttles: `Retry-After` in seconds. */
export function throttled(retryAfterSeconds: number): HttpAnswer {
  const answer = genesysError(429, 'too.many.requests.retry.after', 'Rate limit exceeded the maximum [300] requests within [60] seconds');
  return { ...answer, headers: { ...answer.headers, 'retry-after': String(retryAfterSeconds) } };
}

/** A client-credentials grant answer. */
export function tokenGrant(accessToken: string, expiresInSeconds = 86_400): HttpAnswer {
  return { status: 200, body: { access_token: accessToken, token_type: 'bearer', expires_in: expiresInSeconds } };
}

export class FakeGenesys {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Array<FakeAnswer | ((request: RecordedRequest) => FakeAnswer)>>();
  private tokensIssued = 0;

  constructor() {
    // Every grant answers a new token unless a test says otherwise.
    this.on('POST', `${FAKE_LOGIN}/oauth/token`, () => tokenGrant(this.nextToken()));
  }

  /**
   * Answers `method url` with `answers` in turn; the last one repeats. A function answers from the request.
   * A URL no test set up answers Genesys's 404 `not.found`.
   */
  on(method: 'GET' | 'POST', url: string, ...answers: Array<FakeAnswer | ((request: RecordedRequest) => FakeAnswer)>): this {
    this.routes.set(`${method} ${url}`, answers);
    return this;
  }

  /** The requests made to `method url`. */
  requestsTo(method: 'GET' | 'POST', url: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.url === url);
  }

  /** The token the next default grant answers: `token-1`, `token-2`, … */
  nextToken(): string {
    this.tokensIssued += 1;
    return `token-${this.tokensIssued}`;
  }

  readonly adapter: AxiosAdapter = async (config) => {
    const request = record(config);
    this.requests.push(request);
    const queue = this.routes.get(`${request.method} ${request.url}`);
    const next = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    const answer = typeof next === 'function' ? next(request) : (next ?? genesysError(404, 'not.found', 'The requested resource was not found.'));
    if ('networkError' in answer) {
      const message = { ECONNRESET: 'socket hang up', ETIMEDOUT: `timeout of ${config.timeout}ms exceeded`, ECONNREFUSED: 'connect ECONNREFUSED' }[answer.networkError];
      throw new AxiosError(message, answer.networkError, config, {});
    }
    return settle(config, answer);
  };
}

function record(config: InternalAxiosRequestConfig): RecordedRequest {
  const url = new URL(config.url ?? '', config.baseURL);
  const headers = Object.fromEntries(Object.entries(AxiosHeaders.from(config.headers).toJSON()).map(([name, value]) => [name.toLowerCase(), String(value)]));
  let body: unknown = config.data;
  if (typeof body === 'string' && headers['content-type']?.includes('json')) body = JSON.parse(body);
  return { method: (config.method ?? 'get').toUpperCase(), url: `${url.origin}${url.pathname}`, path: url.pathname, headers, body };
}

/** What axios's own `settle` does: resolve a status `validateStatus` accepts, reject any other with the response. */
function settle(config: InternalAxiosRequestConfig, answer: HttpAnswer): AxiosResponse {
  const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const response: AxiosResponse = {
    data: text,
    status: answer.status,
    statusText: '',
    headers: new AxiosHeaders({ 'content-type': 'application/json', ...answer.headers }),
    config,
    request: {},
  };
  if (config.validateStatus?.(answer.status) ?? true) return response;
  throw new AxiosError(
    `Request failed with status code ${answer.status}`,
    answer.status >= 400 && answer.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE,
    config,
    response.request,
    response,
  );
}
