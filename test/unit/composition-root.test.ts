import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cannedResponseSender, resetForColdStart } from '../../src/composition-root';
import { appErrorRejectedBy, appErrorThrownBy } from '../support/errors';
import { lambdaContext } from '../support/events';

const secretsManager = mockClient(SecretsManagerClient);

/** A working environment without an idempotency table; each test changes what it is about. */
const ENVIRONMENT = {
  GENESYS_SECRET_ID: 'genesys/canned-response',
  GENESYS_ENVIRONMENT: 'mypurecloud.ie',
  GENESYS_API_URL: '',
  GENESYS_LOGIN_URL: '',
  SECRET_TTL_SECONDS: '',
  RESPONSE_CACHE_TTL_SECONDS: '',
  IDEMPOTENCY_TABLE: '',
  LOG_LEVEL: '',
};

function coldStart(environment: Partial<Record<keyof typeof ENVIRONMENT, string>> = {}) {
  for (const [name, value] of Object.entries({ ...ENVIRONMENT, ...environment })) vi.stubEnv(name, value);
  resetForColdStart();
}

beforeEach(() => coldStart());
// The composition root is one per module registry, shared by the unit test files of a worker: leave it cold.
afterEach(() => {
  vi.unstubAllEnvs();
  resetForColdStart();
  secretsManager.reset();
});

describe('cannedResponseSender', () => {
  it('builds the sender once per container, without any I/O', () => {
    const sender = cannedResponseSender();
    expect(cannedResponseSender()).toBe(sender);
    expect(secretsManager.calls()).toHaveLength(0);
  });

  it('answers configuration_error on every call when the environment is broken, naming each bad variable', () => {
    // Prepare
    coldStart({ GENESYS_SECRET_ID: '', SECRET_TTL_SECONDS: 'soon' });
    // Act
    const errors = [appErrorThrownBy(cannedResponseSender), appErrorThrownBy(cannedResponseSender)];
    // Assess
    for (const error of errors) {
      expect(error).toMatchObject({ code: 'configuration_error', status: 500 });
      expect(error.message).toContain('GENESYS_SECRET_ID');
      expect(error.message).toContain('SECRET_TTL_SECONDS');
    }
  });

  it('sends with the secret GENESYS_SECRET_ID names', async () => {
    // Prepare: the secret is missing, so the send stops there, before any Genesys call.
    secretsManager.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    coldStart({ GENESYS_SECRET_ID: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:other' });
    const request = { entry: 'direct' as const, idempotencyKey: undefined, input: { conversationId: 'c', responseId: 'r', communicationId: 'm', substitutions: {} } };
    // Act
    const error = await appErrorRejectedBy(cannedResponseSender()(request, lambdaContext()));
    // Assess
    expect(error).toMatchObject({ code: 'configuration_error', status: 500 });
    expect(secretsManager.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input.SecretId)).toEqual([
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:other',
    ]);
  });
});

describe('resetForColdStart', () => {
  it('forgets the sender and re-reads the environment', () => {
    // Prepare
    const warm = cannedResponseSender();
    // Act
    coldStart({ GENESYS_SECRET_ID: '' });
    const broken = appErrorThrownBy(cannedResponseSender);
    coldStart();
    const rebuilt = cannedResponseSender();
    // Assess
    expect(broken.code).toBe('configuration_error');
    expect(rebuilt).not.toBe(warm);
    expect(cannedResponseSender()).toBe(rebuilt);
  });
});
