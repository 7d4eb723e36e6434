import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { environmentDomain } from './config';
import type { Deadline } from './deadline';
import { AppError, ConfigurationError } from './errors';
import type { GenesysCredentials } from './types';

const secretSchema = z.object({
  clientId: z.string().trim().min(1),
  clientSecret: z.string().min(1),
  environment: environmentDomain.optional(),
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

export interface SecretReaderOptions {
  client: Pick<SecretsManagerClient, 'send'>;
  secretId: string;
  ttlMs: number;
  now?: () => number;
  /** Called with each freshly read secret value so the logger can redact it anywhere it might appear. */
  onSecretValue?: (credentials: GenesysCredentials) => void;
  /** Called when a request is served from the cached value (metrics). */
  onCacheHit?: () => void;
}

/**
 * Reads the credentials secret with a time-to-live cache and single-flight: concurrent callers on a cold
 * container share one GetSecretValue call. When a refresh fails for a passing reason and an older value
 * exists, the older value is used rather than failing the message.
 */
export class SecretReader {
  private cached: { value: GenesysCredentials; expiresAt: number } | undefined;
  private inflight: Promise<GenesysCredentials> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SecretReaderOptions) {
    this.now = options.now ?? Date.now;
  }

  async get(deadline: Deadline): Promise<GenesysCredentials> {
    if (this.cached && this.cached.expiresAt > this.now()) {
      this.options.onCacheHit?.();
      return this.cached.value;
    }
    this.inflight ??= this.refresh(deadline).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refresh(deadline: Deadline): Promise<GenesysCredentials> {
    let secretString: string | undefined;
    try {
      const answer = await this.options.client.send(new GetSecretValueCommand({ SecretId: this.options.secretId }), {
        abortSignal: deadline.signal,
      });
      secretString = answer.SecretString;
    } catch (error) {
      if (this.cached && !isBrokenSecret(error)) return this.cached.value;
      throw secretReadError(error, deadline);
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

function secretReadError(error: unknown, deadline: Deadline): AppError {
  if (isBrokenSecret(error)) {
    return new ConfigurationError(
      `The Genesys credentials secret could not be read (${(error as Error).name}); check GENESYS_SECRET_ID and the function's IAM permissions.`,
      { cause: error },
    );
  }
  if (deadline.expired) {
    return new AppError('upstream_timeout', 'The deadline passed while reading the credentials secret.', { cause: error });
  }
  return new AppError('internal_error', 'The credentials secret could not be read right now.', { cause: error });
}
