import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../src/deadline';
import { parseCredentials, SECRET_MAX_STALE_MS, SECRET_READ_TIMEOUT_MS, SecretReader } from '../../src/secrets';
import { appErrorRejectedBy, appErrorThrownBy } from '../support/errors';
import { settleWithFakeTimers } from '../support/fake-timers';

const SECRET = JSON.stringify({ clientId: 'client-1', clientSecret: 's3cr3t-value-xyz', environment: 'mypurecloud.ie' });
const secretsManager = mockClient(SecretsManagerClient);

afterEach(() => secretsManager.reset());

function reader(ttlMs = 300_000, now = () => Date.now(), onRefreshFailed?: (error: unknown) => void) {
  return new SecretReader({ client: new SecretsManagerClient({ region: 'us-east-1' }), secretId: 'genesys', ttlMs, now, onRefreshFailed });
}


describe('parseCredentials', () => {
  it('reads the contract shape', () => {
    expect(parseCredentials(SECRET)).toEqual({ clientId: 'client-1', clientSecret: 's3cr3t-value-xyz', environment: 'mypurecloud.ie' });
  });

  it.each([
    ['no SecretString', undefined, 'no SecretString'],
    ['not JSON', 's3cr3t-value-xyz', 'not JSON'],
    ['an incomplete secret', JSON.stringify({ clientId: 'client-1' }), 'clientSecret'],
    ['a bad environment', JSON.stringify({ clientId: 'c', clientSecret: 's3cr3t-value-xyz', environment: 'https://evil' }), 'environment'],
  ])('reports %s as configuration_error without echoing the secret', (_name, secretString, hint) => {
    // Act
    const error = appErrorThrownBy(() => parseCredentials(secretString));
    // Assess
    expect(error.code).toBe('configuration_error');
    expect(error.status).toBe(500);
    expect(error.message).toContain(hint);
    expect(error.message).not.toContain('s3cr3t-value-xyz');
  });
});

describe('SecretReader', () => {
  it('reads the secret once for concurrent callers and reuses it while fresh', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand, { SecretId: 'genesys' }).resolves({ SecretString: SECRET });
    const secrets = reader();
    // Act
    const values = await Promise.all(Array.from({ length: 50 }, () => secrets.get(Deadline.in(5_000))));
    await secrets.get(Deadline.in(5_000));
    // Assess
    expect(new Set(values.map((value) => value.clientId))).toEqual(new Set(['client-1']));
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('reads again after the TTL', async () => {
    // Prepare
    let clock = 1_000;
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: SECRET });
    const secrets = reader(300_000, () => clock);
    await secrets.get(Deadline.in(5_000));
    // Act
    clock += 300_001;
    await secrets.get(Deadline.in(5_000));
    // Assess
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('keeps using the previous value when a refresh fails for a passing reason, and reports the failure', async () => {
    // Prepare
    let clock = 1_000;
    secretsManager.on(GetSecretValueCommand).resolvesOnce({ SecretString: SECRET }).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const failures: unknown[] = [];
    const secrets = reader(1_000, () => clock, (error) => failures.push(error));
    await secrets.get(Deadline.in(5_000));
    clock += 2_000;
    // Act
    const value = await secrets.get(Deadline.in(5_000));
    // Assess
    expect(value.clientId).toBe('client-1');
    await vi.waitFor(() => expect(failures).toHaveLength(1));
    expect(failures[0]).toMatchObject({ code: 'internal_error', cause: { name: 'ThrottlingException' } });
  });

  it('reports a missing secret as configuration_error', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).rejects(Object.assign(new Error("Secrets Manager can't find the specified secret."), { name: 'ResourceNotFoundException' }));
    // Act
    const error = await appErrorRejectedBy(reader().get(Deadline.in(5_000)));
    // Assess
    expect(error.code).toBe('configuration_error');
    expect(error.message).toContain('ResourceNotFoundException');
  });

  it('reports a passing failure with no previous value as internal_error', async () => {
    secretsManager.on(GetSecretValueCommand).rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    const error = await appErrorRejectedBy(reader().get(Deadline.in(5_000)));
    expect(error.code).toBe('internal_error');
  });

  it('serves the cached value at once while a refresh past the TTL stalls, and refreshes behind it', async () => {
    // Prepare
    let clock = 1_000;
    secretsManager.on(GetSecretValueCommand).resolvesOnce({ SecretString: SECRET }).callsFake(() => new Promise(() => {}));
    const secrets = reader(1_000, () => clock);
    await secrets.get(Deadline.in(5_000));
    clock += 2_000;
    // Act
    const started = performance.now();
    const value = await secrets.get(Deadline.in(5_000));
    // Assess
    expect(value.clientId).toBe('client-1');
    // Waiting for the stalled read would take its 2 s timeout; the margin is for a loaded machine.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('stops serving a value that refreshes kept failing for longer than the stated stale limit', async () => {
    // Prepare
    let clock = 1_000;
    secretsManager
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: SECRET })
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const secrets = reader(1_000, () => clock);
    await secrets.get(Deadline.in(5_000));
    // Act
    clock += 1_000 + SECRET_MAX_STALE_MS + 1;
    const error = await appErrorRejectedBy(secrets.get(Deadline.in(5_000)));
    // Assess
    expect(error.code).toBe('internal_error');
  });

  it('gives a stalled read its own short timeout when there is no value to fall back on', async () => {
    // Prepare
    secretsManager.on(GetSecretValueCommand).callsFake(() => new Promise(() => {}));
    vi.useFakeTimers();
    try {
      // Act
      const started = Date.now();
      const error = await appErrorRejectedBy(settleWithFakeTimers(reader().get(Deadline.in(10_000))));
      // Assess: the read's own bound, in fake time; the invocation's 10 s are not waited out.
      expect(error.code).toBe('internal_error');
      expect(Date.now() - started).toBe(SECRET_READ_TIMEOUT_MS);
    } finally {
      vi.useRealTimers();
    }
  });

  it("lets each caller of a shared read wait up to its own deadline, not the first caller's", async () => {
    // Prepare: the read takes 300 ms; the first caller has 100 ms.
    secretsManager.on(GetSecretValueCommand).callsFake(() => new Promise((resolve) => setTimeout(() => resolve({ SecretString: SECRET }), 300)));
    const secrets = reader();
    // Act
    const hurried = secrets.get(Deadline.in(100));
    const patient = Array.from({ length: 20 }, () => secrets.get(Deadline.in(5_000)));
    // Assess
    expect((await appErrorRejectedBy(hurried)).code).toBe('upstream_timeout');
    expect((await Promise.all(patient)).every((value) => value.clientId === 'client-1')).toBe(true);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});
