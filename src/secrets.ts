import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { environmentDomain } from './config';
import { Deadline } from './deadline';
import { AppError, ConfigurationError } from './errors';
import { SingleFlight, waitWithin } from './single-flight';
import type { GenesysCredentials } from './types';
import * as z from './zod';

const secretSchema = z.object({
  clientId: z.string().check(z.trim(), z.minLength(1)),
  clientSecret: z.string().check(z.minLength(1)),
  environment: z.optional(environmentDomain),
});

/** AWS errors that mean the secret itself is missing or unreadable, as opposed to a passing fault. */
const BROKEN_SECRET_ERRORS = new Set([
  'ResourceNotFoundException',
  'AccessDeniedException',
  'DecryptionFailure',
  'InvalidRequestException',
  'InvalidParameterException',
]);

/** Parses the secret string. The message of the error never repeats any of the secret's content. */
export function parseCredentials(secretString: string | undefined): GenesysCredentials {
  if (secretString === undefined) {
    throw new ConfigurationError('The Genesys credentials secret has no SecretString.');
  }
  let json: unknown;
  try {
    json = JSON.parse(secretString);
  } catch {
    throw new ConfigurationError('The Genesys credentials secret is not JSON.');
  }
  const parsed = secretSchema.safeParse(json);
  if (!parsed.success) {
    // Name the fields only: zod messages can quote the received value.
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
    throw new ConfigurationError(`The Genesys credentials secret is incomplete or invalid: check ${fields.join(', ')}.`);
  }
  return parsed.data;
}

/** One GetSecretValue call never takes longer than this, whatever the caller's deadline. */
export const SECRET_READ_TIMEOUT_MS = 2_000;
/** How long past its TTL a cached secret is still served while refreshes fail or stall: one hour. */
export const SECRET_MAX_STALE_MS = 3_600_000;

export interface SecretReaderOptions {
  client: Pick<SecretsManagerClient, 'send'>;
  secretId: string;
  ttlMs: number;
  now?: () => number;
  /** Called with each freshly read secret value so the logger can redact it anywhere it might appear. */
  onSecretValue?: (credentials: GenesysCredentials) => void;
  /** Called when a request is served from the cached value (metrics). */
  onCacheHit?: () => void;
  /** Called when a refresh behind a stale value fails; the stale value is still served, within its limit. */
  onRefreshFailed?: (error: unknown) => void;
}

/**
 * Reads the credentials secret with a time-to-live cache. Past the TTL, the cached value is still served at once
 * (for up to {@link SECRET_MAX_STALE_MS}) while a refresh runs behind it: no message waits for Secrets Manager when
 * it has a secret that works, and a stalled or failing Secrets Manager does not take the function down. Only a
 * container without a usable value waits, for one shared read bounded by {@link SECRET_READ_TIMEOUT_MS} and by
 * each caller's own deadline. A secret that is gone or unreadable (deleted, access denied) is dropped at once.
 */
export class SecretReader {
  private cached: { value: GenesysCredentials; expiresAt: number } | undefined;
  private readonly reads = new SingleFlight<GenesysCredentials>();
  private readonly now: () => number;

  constructor(private readonly options: SecretReaderOptions) {
    this.now = options.now ?? Date.now;
  }

  async get(deadline: Deadline): Promise<GenesysCredentials> {
    const cached = this.cached;
    const now = this.now();
    if (cached && cached.expiresAt > now) {
      this.options.onCacheHit?.();
      return cached.value;
    }
    if (cached && cached.expiresAt + SECRET_MAX_STALE_MS > now) {
      this.reads.runInBackground(deadline, () => this.read(), (error) => this.options.onRefreshFailed?.(error));
      this.options.onCacheHit?.();
      return cached.value;
    }
    return this.reads.run(deadline, () => this.read(), () => secretTimeoutError());
  }

  private async read(): Promise<GenesysCredentials> {
    let secretString: string | undefined;
    try {
      const abortSignal = AbortSignal.timeout(SECRET_READ_TIMEOUT_MS);
      // The race also ends a client that ignores the abort signal.
      const answer = await waitWithin(
        this.options.client.send(new GetSecretValueCommand({ SecretId: this.options.secretId }), { abortSignal }),
        Deadline.in(SECRET_READ_TIMEOUT_MS, this.now),
        () => Object.assign(new Error('GetSecretValue took too long'), { name: 'TimeoutError' }),
      );
      secretString = answer.SecretString;
    } catch (error) {
      if (isBrokenSecret(error)) this.cached = undefined;
      throw secretReadError(error);
    }
    const value = parseCredentials(secretString);
    this.options.onSecretValue?.(value);
    this.cached = { value, expiresAt: this.now() + this.options.ttlMs };
    return value;
  }
}

function isBrokenSecret(error: unknown): boolean {
  return error instanceof Error && BROKEN_SECRET_ERRORS.has(error.name);
}

function secretTimeoutError(): AppError {
  return new AppError('upstream_timeout', 'The deadline passed while reading the credentials secret.');
}

function secretReadError(error: unknown): AppError {
  if (isBrokenSecret(error)) {
    return new ConfigurationError(
      `The Genesys credentials secret could not be read (${(error as Error).name}); check GENESYS_SECRET_ID and the function's IAM permissions.`,
      { cause: error },
    );
  }
  return new AppError('internal_error', 'The credentials secret could not be read right now.', { cause: error });
}
