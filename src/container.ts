import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type Config, genesysUrls, loadConfig } from './config';
import { createHttpClient, GenesysClient } from './genesys/client';
import { getConversation } from './genesys/conversations';
import { sendTextMessage } from './genesys/messages';
import { ResponseSource } from './genesys/responses';
import { TokenCache } from './genesys/token';
import { registerSensitiveValue } from './logger';
import type { PipelineDeps } from './pipeline';
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
  });
  const http = createHttpClient();
  const tokens = new TokenCache({
    credentials: (deadline) => secrets.get(deadline),
    urls: (environment) => genesysUrls(config, environment),
    http,
    onToken: registerSensitiveValue,
  });
  const client = new GenesysClient(http, tokens);
  const responses = new ResponseSource(client, { ttlMs: config.responseCacheTtlMs });
  return {
    config,
    secrets,
    tokens,
    responses,
    pipeline: {
      getResponse: (responseId, deadline) => responses.get(responseId, deadline),
      getConversation: (conversationId, deadline) => getConversation(client, conversationId, deadline),
      sendText: (conversationId, communicationId, text, deadline) =>
        sendTextMessage(client, conversationId, communicationId, text, deadline),
    },
  };
}
