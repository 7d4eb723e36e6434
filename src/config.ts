import * as z from 'zod';
import { ConfigurationError } from './errors';
import type { GenesysUrls } from './types';

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
  .regex(/^(?=.{3,100}$)[a-z0-9]+(?:[.-][a-z0-9]+)*\.[a-z]{2,}$/i, 'must be a domain such as mypurecloud.com');

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

const overrideUrl = z
  .string()
  .refine((value) => value === value.trim(), 'must not start or end with spaces')
  .refine(isSafeBaseUrl, 'must be an https:// URL, or http:// on a loopback host')
  .refine(isBareOrigin, 'must be a bare base URL: no user:password, path, query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

// Digits only: z.coerce.number() would read ' ' as 0.
const ttlSeconds = (fallback: number) =>
  z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number of seconds')
    .optional()
    .transform((value) => (value === undefined ? fallback : Number(value)))
    .pipe(z.number().max(86_400));

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const environmentSchema = z.object({
  GENESYS_SECRET_ID: z.string().min(1, 'is required'),
  GENESYS_ENVIRONMENT: z.preprocess(emptyAsUndefined, environmentDomain.default('mypurecloud.com')),
  GENESYS_API_URL: z.preprocess(emptyAsUndefined, overrideUrl.optional()),
  GENESYS_LOGIN_URL: z.preprocess(emptyAsUndefined, overrideUrl.optional()),
  SECRET_TTL_SECONDS: z.preprocess(emptyAsUndefined, ttlSeconds(300)),
  RESPONSE_CACHE_TTL_SECONDS: z.preprocess(emptyAsUndefined, ttlSeconds(60)),
  IDEMPOTENCY_TABLE: z.preprocess(emptyAsUndefined, z.string().optional()),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' && value !== '' ? value.toUpperCase() : undefined),
    z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
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
