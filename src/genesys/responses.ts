import type { Deadline } from '../deadline';
import { AppError, GenesysApiError, restating } from '../errors';
import { upstreamText } from '../redaction';
import { SingleFlight } from '../single-flight';
import type { GenesysClient } from './client';
import { type CannedResponse, cannedResponseSchema } from './models';
import { parseAnswer } from './parse';

/** Default bound on cached responses. */
export const RESPONSE_CACHE_MAX_ENTRIES = 500;

export interface ResponseSourceOptions {
  ttlMs: number;
  /** Bound on cached responses, so a warm container's memory stays flat whatever ids it is asked for. */
  maxEntries?: number;
  now?: () => number;
  /** Called when a request is served from the cache (metrics). */
  onCacheHit?: () => void;
}

/** Canned responses from Response Management, cached for `RESPONSE_CACHE_TTL_SECONDS` (0 = always fetch). */
export class ResponseSource {
  private readonly cache = new Map<string, { value: CannedResponse; expiresAt: number }>();
  private readonly fetches = new SingleFlight<CannedResponse>();
  private readonly now: () => number;
  private readonly maxEntries: number;

  constructor(
    private readonly client: GenesysClient,
    private readonly options: ResponseSourceOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.maxEntries = options.maxEntries ?? RESPONSE_CACHE_MAX_ENTRIES;
  }

  /** Number of responses held; exposed for the memory benchmark and tests. */
  get size(): number {
    return this.cache.size;
  }

  async get(responseId: string, deadline: Deadline): Promise<CannedResponse> {
    const hit = this.cache.get(responseId);
    if (hit && hit.expiresAt > this.now()) {
      this.options.onCacheHit?.();
      return hit.value;
    }
    return this.fetches.run(
      deadline,
      (shared) => this.fetch(responseId, shared),
      () => new AppError('upstream_timeout', 'The invocation deadline was reached while fetching the canned response.'),
      responseId,
    );
  }

  private async fetch(responseId: string, deadline: Deadline): Promise<CannedResponse> {
    let answer: unknown;
    try {
      answer = await this.client.get(
        `/api/v2/responsemanagement/responses/${encodeURIComponent(responseId)}`,
        deadline,
        'fetching the canned response',
      );
    } catch (error) {
      if (error instanceof GenesysApiError && error.upstreamStatus === 404) {
        throw new AppError('response_not_found', `Genesys has no canned response ${responseId}.`, restating(error));
      }
      throw error;
    }
    const response = parseAnswer(cannedResponseSchema, answer, 'canned response');
    if (response.id.toLowerCase() !== responseId.toLowerCase()) {
      throw new GenesysApiError('upstream_error', `Genesys answered with canned response ${upstreamText(response.id, 40)} for ${responseId}.`, { upstreamStatus: 200 });
    }
    if (this.options.ttlMs > 0) this.remember(responseId, response);
    return response;
  }

  private remember(responseId: string, value: CannedResponse): void {
    this.cache.delete(responseId);
    if (this.cache.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the least recently stored.
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(responseId, { value, expiresAt: this.now() + this.options.ttlMs });
  }
}
