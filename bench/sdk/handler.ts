/**
 * Our pipeline built on the official SDKs, the way their documentation shows: the credentials secret read with
 * the AWS SDK, every Genesys call made with the Genesys Cloud JavaScript SDK (`purecloud-platform-client-v2`).
 * The comparison for bundle size and cold start. The pipeline itself — text building, answer checks — is ours
 * (src/pipeline.ts), so both bundles carry the same business logic. There is no middleware (input validation,
 * structured logs, metrics, error mapping): it does less work than our handler, which flatters it.
 */
import { setTimeout as pause } from 'node:timers/promises';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import platformClient from 'purecloud-platform-client-v2';
import { Deadline } from '../../src/deadline';
import { cannedResponseSchema, conversationSchema, messageConversationSchema, messageDataSchema, textMessageListingSchema } from '../../src/genesys/models';
import { parseAnswer } from '../../src/genesys/parse';
import { type PipelineDeps, sendCannedResponse } from '../../src/pipeline';
import type { SendResult } from '../../src/schema';
import type { SendInput } from '../../src/types';

const secretsManager = new SecretsManagerClient({});
const client = platformClient.ApiClient.instance;
// The emulator stands in for Genesys Cloud: the SDK's gateway setting sends both login and API calls there.
const gateway = new URL(process.env.GENESYS_API_URL ?? '');
client.setGateway({ host: gateway.hostname, protocol: gateway.protocol.slice(0, -1), port: Number(gateway.port) });
let login: Promise<void> | undefined;

/** Once per container: the secret, then the client-credentials login (the SDK keeps the token). */
function loggedIn(): Promise<void> {
  login ??= (async () => {
    const secret = await secretsManager.send(new GetSecretValueCommand({ SecretId: process.env.GENESYS_SECRET_ID }));
    const { clientId, clientSecret } = JSON.parse(secret.SecretString ?? '{}');
    await client.loginClientCredentialsGrant(clientId, clientSecret);
  })();
  return login;
}

const responseManagement = new platformClient.ResponseManagementApi();
const conversations = new platformClient.ConversationsApi();

const deps: PipelineDeps = {
  async getResponse(responseId) {
    await loggedIn();
    return parseAnswer(cannedResponseSchema, await responseManagement.getResponsemanagementResponse(responseId), 'canned response');
  },
  async getConversation(conversationId) {
    await loggedIn();
    return parseAnswer(conversationSchema, await conversations.getConversation(conversationId), 'conversation');
  },
  async postMessage(conversationId, communicationId, body) {
    await loggedIn();
    // The SDK's d.ts marks textBody required even for a template body; the endpoint takes exactly one body field.
    const answer = await conversations.postConversationsMessageCommunicationMessages(conversationId, communicationId, body as platformClient.Models.AdditionalMessage);
    return parseAnswer(messageDataSchema, answer, 'message answer');
  },
  async getMessageConversation(conversationId) {
    await loggedIn();
    return parseAnswer(messageConversationSchema, await conversations.getConversationsMessage(conversationId), 'message conversation');
  },
  async getMessages(conversationId, messageIds) {
    await loggedIn();
    const answer = await conversations.postConversationsMessageMessagesBulk(conversationId, { body: [...messageIds] });
    return parseAnswer(textMessageListingSchema, answer, 'message listing').entities;
  },
  pause: (ms) => pause(ms),
  onReconciled() {},
};

/** Direct invocation only: the event is the flat input object. */
export async function handler(event: SendInput): Promise<SendResult> {
  return sendCannedResponse(event, deps, Deadline.in(9_500));
}
