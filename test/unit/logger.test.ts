import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logger } from '../../src/logger';
import { redactText, registerSensitiveValue } from '../../src/redaction';
import { startOutputCapture, type OutputCapture } from '../support/leak-guard';

/** What reaches the log stream: the logger's JSON lines, captured from stdout. */
let output: OutputCapture;

beforeEach(() => {
  output = startOutputCapture({ forward: false });
});
afterEach(() => {
  output.stop();
});

function loggedLines(): Record<string, unknown>[] {
  return output
    .text()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const CLIENT_SECRET = 'Zk3v-client-secret-9QpL2mXw';
const ACCESS_TOKEN = 'eyJhbGciOi.access-token-value.Q2xpZW50';

describe('log redaction', () => {
  it.each(['Authorization', 'authorization', 'Proxy-Authorization', 'x-api-key', 'Cookie'])(
    'masks a %s header, however deeply it is nested',
    (header) => {
      // Act
      logger.info('outgoing request', { request: { config: { headers: [{ [header]: 'Bearer abc.def.ghi' }] } } });
      // Assess
      const [line] = loggedLines();
      expect(line).toMatchObject({ request: { config: { headers: [{ [header]: '[REDACTED]' }] } } });
      expect(output.text()).not.toContain('abc.def.ghi');
    },
  );

  it.each(['clientSecret', 'client_secret', 'secret', 'SecretString', 'secret_string', 'access_token', 'accessToken', 'refresh_token', 'password', 'token'])(
    'masks the value of a %s field',
    (field) => {
      // Act
      logger.warn('credentials seen', { outer: { inner: { [field]: 'sensitive-value-123' } } });
      // Assess
      expect(loggedLines()[0]).toMatchObject({ outer: { inner: { [field]: '[REDACTED]' } } });
      expect(output.text()).not.toContain('sensitive-value-123');
    },
  );

  it('masks Bearer and Basic credentials inside free text, in the message and in any field', () => {
    // Act
    logger.error('call failed with Authorization: Bearer abc123.def456', {
      detail: 'retry used Basic dXNlcjpwYXNzd29yZA== and failed',
      error: new Error('Request failed: Bearer xyz789token'),
    });
    // Assess
    const text = output.text();
    for (const credential of ['abc123.def456', 'dXNlcjpwYXNzd29yZA==', 'xyz789token']) expect(text).not.toContain(credential);
    expect(text).toContain('Bearer [REDACTED]');
    expect(text).toContain('Basic [REDACTED]');
  });

  it('masks a registered client secret or access token wherever it appears, under any field name', () => {
    // Prepare
    registerSensitiveValue(CLIENT_SECRET);
    registerSensitiveValue(ACCESS_TOKEN);
    // Act
    logger.info(`token ${ACCESS_TOKEN} obtained`, {
      body: `grant_type=client_credentials&client_secret=${CLIENT_SECRET}`,
      list: [{ note: `prefix-${ACCESS_TOKEN}-suffix` }],
      secretStringLookalike: JSON.stringify({ clientId: 'id', clientSecret: CLIENT_SECRET }),
    });
    // Assess
    const text = output.text();
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(loggedLines()[0]).toMatchObject({ message: 'token [REDACTED] obtained', list: [{ note: 'prefix-[REDACTED]-suffix' }] });
  });

  it('keeps ordinary fields readable', () => {
    // Act
    logger.info('canned response sent', { outcome: 'sent', code: 'conversation_not_active', tokenCount: 3 });
    // Assess
    expect(loggedLines()[0]).toMatchObject({ outcome: 'sent', code: 'conversation_not_active', tokenCount: 3 });
  });
});

describe('the redaction list', () => {
  it('never drops the client secret, however many tokens are registered after it', () => {
    // Prepare
    registerSensitiveValue(CLIENT_SECRET, 'permanent');
    for (let token = 0; token < 100; token += 1) registerSensitiveValue(`rotated-access-token-${token}-${'x'.repeat(20)}`);
    // Act
    logger.error('login failed', { cause: { message: `invalid_client ${CLIENT_SECRET}` } });
    // Assess
    expect(output.text()).not.toContain(CLIENT_SECRET);
    expect(redactText(`token rotated-access-token-99-${'x'.repeat(20)}`)).not.toContain('rotated-access-token-99');
  });
});
