import type { Deadline } from './deadline';

/**
 * Shapes shared across stages. A shape used by one module lives in that module; one that crosses a module
 * boundary lives here, so no stage imports another only for a type.
 */

/** Where an invocation came from: API Gateway (REST v1 or HTTP API v2) or a direct invocation. */
export type EntryPoint = 'http' | 'direct';

/** What the pipeline needs, whichever entry point it came from. */
export interface SendInput {
  conversationId: string;
  responseId: string;
  communicationId?: string;
  agentUserId?: string;
  substitutions: Record<string, string>;
}

/** A validated request: the input, where it came from, and its Idempotency-Key when one was given. */
export interface SendRequest {
  entry: EntryPoint;
  input: SendInput;
  idempotencyKey: string | undefined;
}

/** The OAuth client this function authenticates to Genesys Cloud with (docs/contract.md "Secret value"). */
export interface GenesysCredentials {
  clientId: string;
  clientSecret: string;
  /** Region domain; wins over GENESYS_ENVIRONMENT. */
  environment?: string;
}

export interface GenesysUrls {
  apiBaseUrl: string;
  loginBaseUrl: string;
}

/** What an API call needs: a bearer token and the API host of the org that token belongs to. */
export interface AccessGrant {
  accessToken: string;
  apiBaseUrl: string;
}

export interface AccessProvider {
  get(deadline: Deadline): Promise<AccessGrant>;
  /** Drops `accessToken` if it is still the cached one (after Genesys answered 401 to it). */
  invalidate(accessToken: string): void;
}

/** One HTTP exchange with Genesys; every retry is an attempt of its own. */
export interface GenesysAttempt {
  durationMs: number;
  /** The HTTP status Genesys answered; undefined when no answer came (network error, timeout). */
  status: number | undefined;
}
