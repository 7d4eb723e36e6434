import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { type Config, genesysUrls, loadConfig } from './config';
import { Deadline } from './deadline';
import { createHttpClient, GenesysClient } from './genesys/client';
import { getConversation } from './genesys/conversations';
import { sendTextMessage } from './genesys/messages';
import { ResponseSource } from './genesys/responses';
import { TokenCache } from './genesys/token';
import { type SendForEvent, withIdempotency } from './idempotency';
import { registerSensitiveValue } from './logger';
import { recordMetric } from './metrics';
import { type PipelineDeps, sendCannedResponse } from './pipeline';
import type { SendInput } from './schema';
import { SecretReader } from './secrets';

/**
 * The warm container: configuration, clients and caches, built on the first invocation and reused by every
 * later one. Nothing here does I/O when built; the secret and the token are fetched when first needed.
 */
export interface WarmContainer {
  config: Config;
  secrets: SecretReader;
  tokens: TokenCache;
  responses: ResponseSource;
  pipeline: PipelineDeps;
  /** The handler's work: the pipeline under this invocation's deadline, once per Idempotency-Key when enabled. */
  send: SendForEvent;
}

// Read at cold start (module load): a broken environment is reported by every invocation as configuration_error.
let configResult = readConfig();
let container: WarmContainer | undefined;

function readConfig(): { config: Config } | { error: unknown } {
  try {
    return { config: loadConfig() };
  } catch (error) {
    return { error };
  }
}

export function warmContainer(): WarmContainer {
  if ('error' in configResult) throw configResult.error;
  container ??= buildContainer(configResult.config);
  return container;
}

/** Forgets every cache and client and re-reads the environment: a cold start, for tests and benchmarks. */
export function resetWarmContainer(): void {
  configResult = readConfig();
  container = undefined;
}

function buildContainer(config: Config): WarmContainer {
  const secrets = new SecretReader({
    client: new SecretsManagerClient({}),
    secretId: config.secretId,
    ttlMs: config.secretTtlMs,
    onSecretValue: (credentials) => registerSensitiveValue(credentials.clientSecret),
    onCacheHit: () => recordMetric.cacheHit('secret'),
  });
  const http = createHttpClient({ onAttempt: recordMetric.genesysAttempt });
  const tokens = new TokenCache({
    credentials: (deadline) => secrets.get(deadline),
    urls: (environment) => genesysUrls(config, environment),
    http,
    onToken: registerSensitiveValue,
    onCacheHit: () => recordMetric.cacheHit('token'),
  });
  const client = new GenesysClient(http, tokens);
  const responses = new ResponseSource(client, {
    ttlMs: config.responseCacheTtlMs,
    onCacheHit: () => recordMetric.cacheHit('response'),
  });
  const pipeline: PipelineDeps = {
    getResponse: (responseId, deadline) => responses.get(responseId, deadline),
    getConversation: (conversationId, deadline) => getConversation(client, conversationId, deadline),
    sendText: async (conversationId, communicationId, text, deadline) => {
      const message = await sendTextMessage(client, conversationId, communicationId, text, deadline);
      recordMetric.messageSent();
      return message;
    },
  };
  const sendInput = (input: SendInput, context: Context) => sendCannedResponse(input, pipeline, Deadline.fromContext(context));
  return {
    config,
    secrets,
    tokens,
    responses,
    pipeline,
    send: config.idempotencyTable
      ? withIdempotency(sendInput, { tableName: config.idempotencyTable, onReplay: recordMetric.idempotentReplay })
      : (event, context) => sendInput(event.input, context),
  };
}
