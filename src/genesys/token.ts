import type { AxiosInstance } from 'axios';
import type { Deadline } from '../deadline';
import { AppError, GenesysApiError, restating } from '../errors';
import { SingleFlight } from '../single-flight';
import type { AccessGrant, AccessProvider, GenesysCredentials, GenesysUrls } from '../types';
import * as z from '../zod';
import { callGenesys } from './client';

const tokenAnswer = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.number().check(z.positive()),
});

/** Refresh this long before expiry: 10% of the lifetime, at most five minutes (tokens live 5 min to 48 h). */
export function refreshLeadMs(expiresInSeconds: number): number {
  return Math.min(300_000, expiresInSeconds * 100);
}

export interface TokenCacheOptions {
  credentials: (deadline: Deadline) => Promise<GenesysCredentials>;
  urls: (secretEnvironment?: string) => GenesysUrls;
  http: AxiosInstance;
  now?: () => number;
  /** Called with each new token so the logger can redact it anywhere it might appear. */
  onToken?: (accessToken: string) => void;
  /** Called when a request is served the cached token (metrics). */
  onCacheHit?: () => void;
  /** Called when a refresh ahead of expiry fails; the cached token is still served until it expires. */
  onRefreshFailed?: (error: unknown) => void;
}

interface CachedToken extends AccessGrant {
  key: string;
  refreshAt: number;
  expiresAt: number;
}

/**
 * The client-credentials token of this warm container: one token for all concurrent and later invocations,
 * fetched once (single-flight, each caller waiting up to its own deadline). Ahead of `expires_in` it is refreshed
 * behind the callers, who keep the working token: a failed refresh-ahead costs nothing until the token really
 * expires.
 */
export class TokenCache implements AccessProvider {
  private cached: CachedToken | undefined;
  private readonly requests = new SingleFlight<CachedToken>();
  private readonly now: () => number;

  constructor(private readonly options: TokenCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  async get(deadline: Deadline): Promise<AccessGrant> {
    const credentials = await this.options.credentials(deadline);
    const urls = this.options.urls(credentials.environment);
    // A rotated secret (other client or org) must not keep using the old org's token.
    const key = `${urls.loginBaseUrl}|${credentials.clientId}`;
    const cached = this.cached;
    const now = this.now();
    if (cached && cached.key === key && cached.expiresAt > now) {
      if (cached.refreshAt <= now) {
        this.requests.runInBackground(
          deadline,
          (shared) => this.requestToken(key, credentials, urls, shared),
          (error) => this.options.onRefreshFailed?.(error),
        );
      }
      this.options.onCacheHit?.();
      return cached;
    }
    return this.requests.run(
      deadline,
      (shared) => this.requestToken(key, credentials, urls, shared),
      () => new AppError('upstream_timeout', 'The invocation deadline was reached while requesting an access token.'),
    );
  }

  invalidate(accessToken: string): void {
    if (this.cached?.accessToken === accessToken) this.cached = undefined;
  }

  private async requestToken(
    key: string,
    credentials: GenesysCredentials,
    urls: GenesysUrls,
    deadline: Deadline,
  ): Promise<CachedToken> {
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
    const obtainedAt = this.now();
    let answer: unknown;
    try {
      answer = await callGenesys(this.options.http, {
        method: 'POST',
        url: `${urls.loginBaseUrl}/oauth/token`,
        data: 'grant_type=client_credentials',
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        retry: 'safe',
        deadline,
        purpose: 'requesting an access token',
      });
    } catch (error) {
      throw rejectedCredentials(error);
    }
    const parsed = tokenAnswer.safeParse(answer);
    if (!parsed.success) {
      throw new GenesysApiError('upstream_error', 'Genesys sent a malformed token answer.', { upstreamStatus: 200 });
    }
    this.options.onToken?.(parsed.data.access_token);
    this.cached = {
      key,
      accessToken: parsed.data.access_token,
      apiBaseUrl: urls.apiBaseUrl,
      refreshAt: obtainedAt + parsed.data.expires_in * 1000 - refreshLeadMs(parsed.data.expires_in),
      expiresAt: obtainedAt + parsed.data.expires_in * 1000,
    };
    return this.cached;
  }
}

/** The login service answers bad client credentials with 400 or 401 `invalid_client`. */
function rejectedCredentials(error: unknown): unknown {
  if (error instanceof GenesysApiError && (error.upstreamStatus === 400 || error.upstreamStatus === 401)) {
    return new GenesysApiError(
      'upstream_auth_failed',
      `Genesys rejected the OAuth client credentials${error.upstreamCode ? ` (${error.upstreamCode})` : ''}.`,
      { ...restating(error), upstreamStatus: error.upstreamStatus, upstreamCode: error.upstreamCode },
    );
  }
  return error;
}
