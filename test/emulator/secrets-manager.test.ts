import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { useEmulator } from './harness';

describe('Secrets Manager stand-in', () => {
  const ctx = useEmulator();
  const client = () =>
    new SecretsManagerClient({
      endpoint: ctx.emulator.secretsManagerUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEMULATOR0000000', secretAccessKey: 'emulator-secret-access-key' },
      maxAttempts: 1,
    });

  it('serves the seeded credentials secret to the real AWS SDK v3 client', async () => {
    // Act
    const answer = await client().send(new GetSecretValueCommand({ SecretId: SEED.secretId }));

    // Assess
    expect(JSON.parse(answer.SecretString ?? '')).toEqual({ clientId: SEED.clientId, clientSecret: SEED.clientSecret });
    expect(answer).toMatchObject({ Name: SEED.secretId, VersionStages: ['AWSCURRENT'] });
    expect(answer.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:genesys\/canned-response\/local-\w{6}$/);
    expect(answer.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.CreatedDate).toBeInstanceOf(Date);
    expect(ctx.emulator.calls.count('getSecretValue')).toBe(1);
  });

  it('is reached through AWS_ENDPOINT_URL_SECRETS_MANAGER, as the function configures it', async () => {
    // Prepare
    const previous = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = ctx.emulator.secretsManagerUrl;
    try {
      const fromEnvironment = new SecretsManagerClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'AKIAEMULATOR0000000', secretAccessKey: 'emulator-secret-access-key' },
      });

      // Act
      const answer = await fromEnvironment.send(new GetSecretValueCommand({ SecretId: SEED.secretId }));

      // Assess
      expect(answer.Name).toBe(SEED.secretId);
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
      else process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = previous;
    }
  });

  it('finds a secret by its ARN too', async () => {
    // Prepare
    const { ARN } = await client().send(new GetSecretValueCommand({ SecretId: SEED.secretId }));

    // Act
    const byArn = await client().send(new GetSecretValueCommand({ SecretId: ARN }));

    // Assess
    expect(byArn.Name).toBe(SEED.secretId);
  });

  it('throws ResourceNotFoundException for an unknown secret', async () => {
    // Act
    const error = await client()
      .send(new GetSecretValueCommand({ SecretId: 'genesys/does-not-exist' }))
      .catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe("Secrets Manager can't find the specified secret.");
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(400);
  });

  it('serves secrets set through state, with a new VersionId for a new value', async () => {
    // Prepare
    const before = await client().send(new GetSecretValueCommand({ SecretId: SEED.secretId }));
    ctx.emulator.state.secrets.set(SEED.secretId, '{"clientId":"x"}');

    // Act
    const after = await client().send(new GetSecretValueCommand({ SecretId: SEED.secretId }));

    // Assess
    expect(after.SecretString).toBe('{"clientId":"x"}');
    expect(after.VersionId).not.toBe(before.VersionId);
  });

  it('applies faults injected for getSecretValue', async () => {
    // Prepare
    ctx.emulator.faults.inject('getSecretValue', { kind: 'status', status: 500 });

    // Act
    const error = await client()
      .send(new GetSecretValueCommand({ SecretId: SEED.secretId }))
      .catch((e: unknown) => e);

    // Assess
    expect((error as Error).name).toBe('InternalServiceError');
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(500);
  });
});
