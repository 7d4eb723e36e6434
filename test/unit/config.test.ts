import { describe, expect, it } from 'vitest';
import { genesysUrls, loadConfig, logLevelOf } from '../../src/config';
import { ConfigurationError } from '../../src/errors';

const base = { GENESYS_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:genesys-AbCdEf' };

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    // Act
    const config = loadConfig(base);
    // Assess
    expect(config).toEqual({
      secretId: base.GENESYS_SECRET_ID,
      environment: 'mypurecloud.com',
      apiUrlOverride: undefined,
      loginUrlOverride: undefined,
      secretTtlMs: 300_000,
      responseCacheTtlMs: 60_000,
      idempotencyTable: undefined,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...base,
      GENESYS_ENVIRONMENT: 'usw2.pure.cloud',
      GENESYS_API_URL: 'http://127.0.0.1:8090/',
      GENESYS_LOGIN_URL: 'https://login.example.com',
      SECRET_TTL_SECONDS: '30',
      RESPONSE_CACHE_TTL_SECONDS: '0',
      IDEMPOTENCY_TABLE: 'idem',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      environment: 'usw2.pure.cloud',
      apiUrlOverride: 'http://127.0.0.1:8090',
      loginUrlOverride: 'https://login.example.com',
      secretTtlMs: 30_000,
      responseCacheTtlMs: 0,
      idempotencyTable: 'idem',
    });
  });

  it.each([
    [undefined, 'INFO'],
    ['debug', 'DEBUG'],
    ['Warn', 'WARN'],
    // Refused by loadConfig (every invocation answers configuration_error); the logger still logs that, at INFO.
    ['LOUD', 'INFO'],
  ])('logLevelOf reads LOG_LEVEL=%s as %s, by the same rule as loadConfig', (value, level) => {
    expect(logLevelOf({ LOG_LEVEL: value })).toBe(level);
  });

  it.each([
    ['http on a non-loopback host', { GENESYS_API_URL: 'http://api.mypurecloud.com' }, 'GENESYS_API_URL'],
    ['a non-URL override', { GENESYS_LOGIN_URL: 'login.mypurecloud.com' }, 'GENESYS_LOGIN_URL'],
    ['an environment that is a URL', { GENESYS_ENVIRONMENT: 'https://mypurecloud.com' }, 'GENESYS_ENVIRONMENT'],
    ['a negative TTL', { SECRET_TTL_SECONDS: '-1' }, 'SECRET_TTL_SECONDS'],
    ['a fractional TTL', { RESPONSE_CACHE_TTL_SECONDS: '1.5' }, 'RESPONSE_CACHE_TTL_SECONDS'],
    ['an unknown log level', { LOG_LEVEL: 'TRACE' }, 'LOG_LEVEL'],
    ['an override with user:password', { GENESYS_API_URL: 'https://user:pass@api.example.com' }, 'GENESYS_API_URL'],
    ['an override with a query', { GENESYS_API_URL: 'https://api.example.com?x=1' }, 'GENESYS_API_URL'],
    ['an override with a fragment', { GENESYS_LOGIN_URL: 'https://login.example.com#top' }, 'GENESYS_LOGIN_URL'],
    ['an override with a path', { GENESYS_API_URL: 'https://api.example.com/api/v2' }, 'GENESYS_API_URL'],
    ['an override with a trailing space', { GENESYS_API_URL: 'http://127.0.0.1:8090 ' }, 'GENESYS_API_URL'],
    ['a blank TTL', { SECRET_TTL_SECONDS: ' ' }, 'SECRET_TTL_SECONDS'],
  ])('rejects %s, never downgrading silently', (_name, env, variable) => {
    // Act
    const read = () => loadConfig({ ...base, ...env });
    // Assess
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(variable);
  });

  it('requires the secret id and names every problem at once', () => {
    const read = () => loadConfig({ GENESYS_API_URL: 'ftp://x', LOG_LEVEL: 'LOUD' });
    expect(read).toThrow(/GENESYS_SECRET_ID.*GENESYS_API_URL.*LOG_LEVEL/);
  });
});

describe('genesysUrls', () => {
  const config = loadConfig({ ...base, GENESYS_ENVIRONMENT: 'mypurecloud.de' });

  it('derives both hosts from the environment', () => {
    expect(genesysUrls(config)).toEqual({ apiBaseUrl: 'https://api.mypurecloud.de', loginBaseUrl: 'https://login.mypurecloud.de' });
  });

  it("lets the secret's environment win over GENESYS_ENVIRONMENT", () => {
    expect(genesysUrls(config, 'mypurecloud.ie').apiBaseUrl).toBe('https://api.mypurecloud.ie');
  });

  it('lets explicit overrides win over both', () => {
    const overridden = loadConfig({ ...base, GENESYS_API_URL: 'http://localhost:1/', GENESYS_LOGIN_URL: 'http://[::1]:2' });
    expect(genesysUrls(overridden, 'mypurecloud.ie')).toEqual({ apiBaseUrl: 'http://localhost:1', loginBaseUrl: 'http://[::1]:2' });
  });
});
