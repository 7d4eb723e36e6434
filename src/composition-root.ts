import { setTimeout as pause } from 'node:timers/promises';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { type Config, genesysUrls, loadConfig } from './config';
import { Deadline } from './deadline';
import { describeError } from './errors';
import { createHttpClient, GenesysClient } from './genesys/client';
import { getConversation } from './genesys/conversations';
import { getMessageConversation, getMessages, postMessage } from './genesys/messages';
import { ResponseSource } from './genesys/responses';
import { TokenCache } from './genesys/token';
import { type SendRequestFn, withIdempotency } from './idempotency';
import { logger } from './logger';
import { recordMetric } from './metrics';
import { type PipelineDeps, sendCannedResponse } from './pipeline';
import { registerSensitiveValue } from './redaction';
import { SecretReader } from './secrets';
import type { SendInput } from './types';

/**
 * The composition root: builds configuration, clients and caches once per container and hands the handler one
 * function. Nothing here does I/O when built; the secret and the token are fetched when first needed. Tests and
 * the benchmark that need the parts build their own from the modules.
 */

// Read at cold start (module load): a broken environment is reported by every invocation as configuration_error.
let configResult = readConfig();
let sender: SendRequestFn | undefined;

function readConfig(): { config: Config } | { error: unknown } {
  try {
    return { config: loadConfig() };
  } catch (error) {
    return { error };
  }
}

/** Sends the canned response of a validated request under the invocation's deadline (once per Idempotency-Key). */
export function cannedResponseSender(): SendRequestFn {
  if ('error' in configResult) throw configResult.error;
  sender ??= buildSender(configResult.config);
  return sender;
}

/** Forgets every cache and client and re-reads the environment: a cold start, for tests and benchmarks. */
export function resetForColdStart(): void {
  configResult = readConfig();
  sender = undefined;
}

function buildSender(config: Config): SendRequestFn {
  const secrets = new SecretReader({
    client: new SecretsManagerClient({}),
    secretId: config.secretId,
    ttlMs: config.secretTtlMs,
    onSecretValue: ({ clientId, clientSecret }) => {
      registerSensitiveValue(clientSecret, 'permanent');
      registerSensitiveValue(Buffer.from(`${clientId}:${clientSecret}`).toString('base64'), 'permanent');
    },
    onCacheHit: () => recordMetric.cacheHit('secret'),
    onRefreshFailed: (cause) => logger.warn('credentials secret refresh failed; the cached secret is used while it may be', { cause: describeError(cause) }),
  });
  const http = createHttpClient({ onAttempt: recordMetric.genesysAttempt });
  const tokens = new TokenCache({
    credentials: (deadline) => secrets.get(deadline),
    urls: (environment) => genesysUrls(config, environment),
    http,
    onToken: (accessToken) => registerSensitiveValue(accessToken, 'rotating'),
    onCacheHit: () => recordMetric.cacheHit('token'),
    onRefreshFailed: (cause) => logger.warn('token refresh ahead of expiry failed; the cached token is used until it expires', { cause: describeError(cause) }),
  });
  const client = new GenesysClient(http, tokens);
  const responses = new ResponseSource(client, {
    ttlMs: config.responseCacheTtlMs,
    onCacheHit: () => recordMetric.cacheHit('response'),
  });
  const pipeline: PipelineDeps = {
    getResponse: (responseId, deadline) => responses.get(responseId, deadline),
    getConversation: (conversationId, deadline) => getConversation(client, conversationId, deadline),
    postMessage: async (conversationId, communicationId, body, deadline) => {
      const message = await postMessage(client, conversationId, communicationId, body, deadline);
      recordMetric.messageSent();
      return message;
    },
    getMessageConversation: (conversationId, deadline) => getMessageConversation(client, conversationId, deadline),
    getMessages: (conversationId, messageIds, deadline) => getMessages(client, conversationId, messageIds, deadline),
    pause: (ms) => pause(ms),
    onReconciled: (message) => {
      logger.info('send reconciled: the message was found on the conversation after an unknown outcome', {
        messageId: message.id,
        status: message.status,
      });
      // A reconciled send is a sent message too; SendsReconciled says how many were found that way.
      recordMetric.messageSent();
      recordMetric.sendReconciled();
    },
  };
  const sendInput = (input: SendInput, context: Context) => sendCannedResponse(input, pipeline, Deadline.fromContext(context));
  if (!config.idempotencyTable) return (request, context) => sendInput(request.input, context);
  return withIdempotency(sendInput, {
    tableName: config.idempotencyTable,
    onReplay: recordMetric.idempotentReplay,
    onRecordNotCompleted: (cause) => logger.warn('idempotency record not completed after a successful send', { cause: describeError(cause) }),
  });
}
