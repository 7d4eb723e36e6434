import { ConfigurationError } from './errors';
import type { GenesysUrls } from './types';
import * as z from './zod';

/** Typed configuration, read from the environment once per container (see docs/contract.md "Configuration"). */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface Config {
  secretId: string;
  environment: string;
  apiUrlOverride: string | undefined;
  loginUrlOverride: string | undefined;
  secretTtlMs: number;
  responseCacheTtlMs: number;
  idempotencyTable: string | undefined;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A Genesys region domain such as `mypurecloud.ie` or `usw2.pure.cloud`: a bare host name, never a URL. */
export const environmentDomain = z
  .string()
  .check(z.regex(/^(?=.{3,100}$)[a-z0-9]+(?:[.-][a-z0-9]+)*\.[a-z]{2,}$/i, 'must be a domain such as mypurecloud.com'));

function isSafeBaseUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

/**
 * A base URL and nothing else: user:password would make axios replace the Bearer header with Basic, and a path,
 * query or fragment would be glued in front of every API path.
 */
function isBareOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.username === '' && url.password === '' && url.search === '' && url.hash === '' && url.pathname === '/' && !/[?#]/.test(value);
}

const overrideUrl = z.pipe(
  z
    .string()
    .check(
      z.refine((value) => value === value.trim(), 'must not start or end with spaces'),
      z.refine(isSafeBaseUrl, 'must be an https:// URL, or http:// on a loopback host'),
      z.refine(isBareOrigin, 'must be a bare base URL: no user:password, path, query or fragment'),
    ),
  z.transform((value: string) => value.replace(/\/+$/, '')),
);

// Digits only: z.coerce.number() would read ' ' as 0.
const ttlSeconds = (fallback: number) =>
  z.pipe(
    z.pipe(
      z.optional(z.string().check(z.regex(/^\d{1,5}$/, 'must be a whole number of seconds'))),
      z.transform((value: string | undefined) => (value === undefined ? fallback : Number(value))),
    ),
    z.number().check(z.maximum(86_400)),
  );

/** `schema`, reading an empty variable as not set (zod/mini has no `preprocess`: a transform piped into it). */
const emptyAsUnset = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown) => (value === '' ? undefined : value)),
    schema,
  );

const environmentSchema = z.object({
  GENESYS_SECRET_ID: z.string().check(z.minLength(1, 'is required')),
  GENESYS_ENVIRONMENT: emptyAsUnset(z._default(environmentDomain, 'mypurecloud.com')),
  GENESYS_API_URL: emptyAsUnset(z.optional(overrideUrl)),
  GENESYS_LOGIN_URL: emptyAsUnset(z.optional(overrideUrl)),
  SECRET_TTL_SECONDS: emptyAsUnset(ttlSeconds(300)),
  RESPONSE_CACHE_TTL_SECONDS: emptyAsUnset(ttlSeconds(60)),
  IDEMPOTENCY_TABLE: emptyAsUnset(z.optional(z.string())),
  LOG_LEVEL: z.pipe(
    z.transform((value: unknown) => (typeof value === 'string' && value !== '' ? value.toUpperCase() : undefined)),
    z._default(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  ),
});

/**
 * The log level alone, for the logger, which exists before the configuration is read and must log even when the
 * rest of it is broken: the same rule as {@link loadConfig}, with INFO for a value it refuses (that value also
 * makes every invocation a configuration_error).
 */
export function logLevelOf(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const parsed = environmentSchema.shape.LOG_LEVEL.safeParse(env.LOG_LEVEL);
  return parsed.success ? parsed.data : 'INFO';
}

/** Reads and checks the environment; throws a {@link ConfigurationError} naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}.`);
  }
  const e = parsed.data;
  return {
    secretId: e.GENESYS_SECRET_ID,
    environment: e.GENESYS_ENVIRONMENT,
    apiUrlOverride: e.GENESYS_API_URL,
    loginUrlOverride: e.GENESYS_LOGIN_URL,
    secretTtlMs: e.SECRET_TTL_SECONDS * 1000,
    responseCacheTtlMs: e.RESPONSE_CACHE_TTL_SECONDS * 1000,
    idempotencyTable: e.IDEMPOTENCY_TABLE,
  };
}

/**
 * The API and login base URLs: an explicit override wins, then the secret's `environment`, then
 * `GENESYS_ENVIRONMENT`.
 */
export function genesysUrls(config: Config, secretEnvironment?: string): GenesysUrls {
  const domain = secretEnvironment ?? config.environment;
  return {
    apiBaseUrl: config.apiUrlOverride ?? `https://api.${domain}`,
    loginBaseUrl: config.loginUrlOverride ?? `https://login.${domain}`,
  };
}
