import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import platformClient from 'purecloud-platform-client-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED, startEmulator, type RunningEmulator } from '../../emulator';
import { modelViolations, sdkDefinitions } from '../support/sdk-models';

/**
 * The official Genesys JavaScript SDK, pointed at the emulator with setGateway, used as a new developer would.
 * Every answer is checked against the model the SDK declares for the operation (read from its index.d.ts): a
 * property the model lacks, a required one missing or a value of the wrong type fails the test. The bodies the
 * tests send are checked against the SDK's request models the same way.
 */

const { conversations, communications, libraries, responses } = SEED;
const UNKNOWN_ID = '0b6c2f43-5d9e-4f7a-9a51-3e2d7c8b9f10';
/** The issue asked for 15; the suite covers more, and this keeps it from falling back. */
const MIN_OPERATIONS = 18;

const client = platformClient.ApiClient.instance;
const conversationsApi = new platformClient.ConversationsApi(client);
const responsesApi = new platformClient.ResponseManagementApi(client);
const tokensApi = new platformClient.TokensApi(client);

/** Awaits an SDK call that must succeed and checks its answer against the operation's declared model. */
async function conforming<T>(operation: string, call: Promise<T>): Promise<T> {
  const model = sdkDefinitions().returns.get(operation);
  expect(model, `${operation} is not an SDK operation with a model answer`).toBeDefined();
  const answer = await call;
  // A void operation resolves with the empty body's text.
  if (model === 'void') expect(answer ?? '').toBe('');
  else expect(modelViolations(model!, answer)).toEqual([]);
  return answer;
}

/** Awaits an SDK call that must fail and checks what the SDK surfaces against its ErrorBody model. */
async function failing(operation: string, call: Promise<unknown>): Promise<platformClient.Models.ErrorBody> {
  expect(sdkDefinitions().returns.has(operation), `${operation} is not an SDK operation`).toBe(true);
  const error: unknown = await call.then(
    (answer) => expect.fail(`${operation} answered ${JSON.stringify(answer)}`),
    (rejection: unknown) => rejection,
  );
  expect(modelViolations('ErrorBody', error)).toEqual([]);
  const body = error as platformClient.Models.ErrorBody;
  expect(body.contextId).toMatch(/^[0-9a-f-]{36}$/);
  return body;
}

/**
 * A request body checked against the SDK model it is sent as. `waived` names required properties the endpoint's
 * own description overrides (the d.ts marks `AdditionalMessage.textBody` required; the send takes exactly one
 * body field).
 */
function sdkRequest<T>(model: string, body: T, waived: string[] = []): T {
  const waivedProblems = waived.map((field) => `${model}.${field}: required by ${model} but missing`);
  expect(modelViolations(model, body).filter((problem) => !waivedProblems.includes(problem))).toEqual([]);
  return body;
}

/** A send body with a template: the SDK's type insists on textBody, which this body must not carry. */
function templateMessage(messagingTemplate: platformClient.Models.SendMessagingTemplateRequest): platformClient.Models.AdditionalMessage {
  return sdkRequest('AdditionalMessage', { messagingTemplate } as platformClient.Models.AdditionalMessage, ['textBody']);
}

/** Every `Api.method` this file runs through conforming() or failing(), read from its own source. */
function operationsExercised(): string[] {
  const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  return [...new Set([...source.matchAll(/\b(?:conforming|failing)\(\s*'(\w+Api\.\w+)'/g)].map((match) => match[1]!))].sort();
}

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
  const { hostname, port } = new URL(emulator.url);
  client.setGateway({ host: hostname, protocol: 'http', port: Number(port) });
  await client.loginClientCredentialsGrant(SEED.clientId, SEED.clientSecret);
});

beforeEach(() => {
  emulator.state.reset();
  emulator.faults.clear();
});

afterAll(async () => {
  await emulator?.close();
});

describe('official SDK: login and token', () => {
  it('logs in with the client-credentials grant and reads the token back', async () => {
    // Act
    const me = await conforming('TokensApi.getTokensMe', tokensApi.getTokensMe());

    // Assess
    expect(me.OAuthClient).toMatchObject({ id: SEED.clientId, authorizedGrantType: 'CLIENT-CREDENTIALS' });
  });

  it('surfaces 401 bad.credentials when the token was revoked', async () => {
    // Prepare
    emulator.faults.revokeTokens();

    // Act
    const error = await failing('ConversationsApi.getConversation', conversationsApi.getConversation(conversations.active));

    // Assess
    expect(error).toMatchObject({ status: 401, code: 'bad.credentials' });
    await client.loginClientCredentialsGrant(SEED.clientId, SEED.clientSecret);
  });
});

describe('official SDK: response management', () => {
  it('lists the libraries and reads one', async () => {
    // Act
    const listing = await conforming(
      'ResponseManagementApi.getResponsemanagementLibraries',
      responsesApi.getResponsemanagementLibraries({ pageSize: 2 }),
    );
    const billing = await conforming(
      'ResponseManagementApi.getResponsemanagementLibrary',
      responsesApi.getResponsemanagementLibrary(libraries.billing),
    );

    // Assess
    expect(listing).toMatchObject({ pageSize: 2, pageNumber: 1, total: 3, pageCount: 2 });
    expect(listing.nextUri).toContain('pageNumber=2');
    expect(billing).toMatchObject({ id: libraries.billing, name: 'Billing' });
  });

  it('reads libraries in a batch by id', async () => {
    // Act
    const batch = await conforming(
      'ResponseManagementApi.postResponsemanagementLibrariesBulk',
      responsesApi.postResponsemanagementLibrariesBulk(sdkRequest('LibraryBatchRequest', { libraryIds: [libraries.billing] })),
    );

    // Assess
    expect(batch.entities?.map((library) => library.id)).toEqual([libraries.billing]);
  });

  it('surfaces 404 not.found for a response asset (none exists)', async () => {
    // Act
    const error = await failing(
      'ResponseManagementApi.getResponsemanagementResponseasset',
      responsesApi.getResponsemanagementResponseasset(UNKNOWN_ID),
    );

    // Assess
    expect(error).toMatchObject({ status: 404, code: 'not.found' });
  });

  it("lists a library's responses", async () => {
    // Act
    const listing = await conforming(
      'ResponseManagementApi.getResponsemanagementResponses',
      responsesApi.getResponsemanagementResponses(libraries.billing),
    );

    // Assess
    expect(listing.entities?.map((response) => response.id)).toEqual([responses.refundPolicy]);
  });

  it('reads a response, and surfaces 404 not.found for an unknown one', async () => {
    // Act
    const welcome = await conforming(
      'ResponseManagementApi.getResponsemanagementResponse',
      responsesApi.getResponsemanagementResponse(responses.welcome),
    );
    const error = await failing(
      'ResponseManagementApi.getResponsemanagementResponse',
      responsesApi.getResponsemanagementResponse(UNKNOWN_ID),
    );

    // Assess
    expect(welcome.texts?.[0]?.content).toContain('{{CUSTOMER_NAME}}');
    expect(error).toMatchObject({ status: 404, code: 'not.found' });
  });

  it('queries with the documented filters (NOTEQUALS on libraryId, EQUALS on name)', async () => {
    // Act
    const notBilling = await conforming(
      'ResponseManagementApi.postResponsemanagementResponsesQuery',
      responsesApi.postResponsemanagementResponsesQuery(
        sdkRequest('ResponseQueryRequest', {
          pageSize: 100,
          filters: [{ name: 'libraryId', operator: 'NOTEQUALS', values: [libraries.billing] }],
        }),
      ),
    );
    const welcome = await conforming(
      'ResponseManagementApi.postResponsemanagementResponsesQuery',
      responsesApi.postResponsemanagementResponsesQuery(
        sdkRequest('ResponseQueryRequest', { filters: [{ name: 'name', operator: 'EQUALS', values: ['Welcome'] }] }),
      ),
    );

    // Assess
    const ids = notBilling.results.entities?.map((response) => response.id);
    expect(ids).not.toContain(responses.refundPolicy);
    expect(ids).toContain(responses.welcome);
    expect(welcome.results.entities?.map((response) => response.id)).toEqual([responses.welcome]);
  });

  it('surfaces a refused filter as 400 invalid.value with its parameters', async () => {
    // Act
    const error = await failing(
      'ResponseManagementApi.postResponsemanagementResponsesQuery',
      responsesApi.postResponsemanagementResponsesQuery(
        sdkRequest('ResponseQueryRequest', { filters: [{ name: 'colour', operator: 'IN', values: ['x'] }] }),
      ),
    );

    // Assess
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid.value',
      messageParams: { field: 'filters[0].name', value: 'colour' },
      details: [{ errorCode: 'invalid.value', fieldName: 'filters[0].name' }],
    });
    expect(error.message).not.toMatch(/emulator/i);
  });
});

describe('official SDK: conversations and messages', () => {
  it('reads the conversation and the message conversation', async () => {
    // Act
    const conversation = await conforming('ConversationsApi.getConversation', conversationsApi.getConversation(conversations.active));
    const messageConversation = await conforming(
      'ConversationsApi.getConversationsMessage',
      conversationsApi.getConversationsMessage(conversations.active),
    );

    // Assess
    const agentInConversation = conversation.participants?.find((p) => p.purpose === 'agent');
    expect(agentInConversation?.messages?.[0]?.id).toBe(communications.activeAgent);
    const agent = messageConversation.participants?.find((p) => p.purpose === 'agent');
    expect(agent).toMatchObject({ id: agentInConversation?.id, state: 'connected', user: { id: SEED.agentUserId } });
  });

  it("lists the token's active message conversations: none, as an OAuth client is no participant", async () => {
    // Act
    const listing = await conforming('ConversationsApi.getConversationsMessages', conversationsApi.getConversationsMessages());

    // Assess
    expect(listing).toMatchObject({ entities: [], total: 0, pageNumber: 1 });
  });

  it('shows the agent typing', async () => {
    // Act
    await conforming(
      'ConversationsApi.postConversationsMessageCommunicationTyping',
      conversationsApi.postConversationsMessageCommunicationTyping(
        conversations.active,
        communications.activeAgent,
        sdkRequest('MessageTypingEventRequest', { typing: { type: 'On' } }),
      ),
    );

    // Assess
    expect(emulator.calls.list().at(-1)).toMatchObject({ route: 'sendTyping', status: 202 });
  });

  it('surfaces 404 not.found for an unknown conversation', async () => {
    // Act
    const error = await failing('ConversationsApi.getConversationsMessage', conversationsApi.getConversationsMessage(UNKNOWN_ID));

    // Assess
    expect(error).toMatchObject({ status: 404, code: 'not.found' });
  });

  it('sends text: MessageData with the text in normalizedMessage', async () => {
    // Act
    const sent = await conforming(
      'ConversationsApi.postConversationsMessageCommunicationMessages',
      conversationsApi.postConversationsMessageCommunicationMessages(
        conversations.active,
        communications.activeAgent,
        sdkRequest('AdditionalMessage', { textBody: 'Hello from the SDK' }),
      ),
    );

    // Assess
    expect(sent).toMatchObject({ status: 'sent', direction: 'outbound', conversationId: conversations.active });
    expect(sent.normalizedMessage).toMatchObject({ type: 'Text', text: 'Hello from the SDK' });
  });

  it('sends a WhatsApp template the way the SDK builds it (no textBody)', async () => {
    // Act
    const sent = await conforming(
      'ConversationsApi.postConversationsMessageCommunicationMessages',
      conversationsApi.postConversationsMessageCommunicationMessages(
        conversations.whatsappWindowClosed,
        communications.whatsappWindowClosedAgent,
        templateMessage({
          responseId: responses.template,
          headerParameters: [{ id: '1', value: '51877' }],
          bodyParameters: [
            { id: '1', value: '51877' },
            { id: '2', value: 'on Friday' },
          ],
          buttonUrlParameters: [{ id: '1', value: '51877' }],
        }),
      ),
    );

    // Assess: the template's identity is read back in a Notification content (see the emulator's comment on it).
    expect(sent).toMatchObject({ status: 'sent', messengerType: 'whatsapp', normalizedMessage: { type: 'Structured' } });
    expect(sent.normalizedMessage?.content).toEqual([
      expect.objectContaining({ contentType: 'Notification', template: expect.objectContaining({ id: responses.template }) }),
    ]);
  });

  it('surfaces a refused send as 400 invalid.value, and a send to an ended conversation as 400', async () => {
    // Act
    const tooLong = await failing(
      'ConversationsApi.postConversationsMessageCommunicationMessages',
      conversationsApi.postConversationsMessageCommunicationMessages(
        conversations.active,
        communications.activeAgent,
        sdkRequest('AdditionalMessage', { textBody: 'x'.repeat(2001) }),
      ),
    );
    const ended = await failing(
      'ConversationsApi.postConversationsMessageCommunicationMessages',
      conversationsApi.postConversationsMessageCommunicationMessages(
        conversations.ended,
        communications.endedAgent,
        sdkRequest('AdditionalMessage', { textBody: 'hi' }),
      ),
    );

    // Assess
    expect(tooLong).toMatchObject({ status: 400, code: 'invalid.value', messageParams: { field: 'body' } });
    expect(ended).toMatchObject({ status: 400, code: 'bad.request' });
    expect(emulator.state.sentMessages).toHaveLength(0);
  });

  it('reads a sent message back at its selfUri, by id alone, and in bulk', async () => {
    // Prepare
    const sent = await conforming(
      'ConversationsApi.postConversationsMessageCommunicationMessages',
      conversationsApi.postConversationsMessageCommunicationMessages(
        conversations.active,
        communications.activeAgent,
        sdkRequest('AdditionalMessage', { textBody: 'Read me back' }),
      ),
    );

    // Act
    const single = await conforming(
      'ConversationsApi.getConversationsMessageMessage',
      conversationsApi.getConversationsMessageMessage(conversations.active, sent.id!),
    );
    const details = await conforming(
      'ConversationsApi.getConversationsMessageDetails',
      conversationsApi.getConversationsMessageDetails(sent.id!),
    );
    const bulk = await conforming(
      'ConversationsApi.postConversationsMessageMessagesBulk',
      conversationsApi.postConversationsMessageMessagesBulk(conversations.active, { body: [sent.id!] }),
    );
    const listed = await conforming('ConversationsApi.getConversationsMessage', conversationsApi.getConversationsMessage(conversations.active));

    // Assess
    expect(sent.selfUri).toBe(`/api/v2/conversations/messages/${conversations.active}/messages/${sent.id}`);
    expect(single).toEqual(sent);
    expect(details).toEqual(sent);
    expect(bulk.entities).toEqual([sent]);
    const agentMessages = listed.participants?.find((p) => p.purpose === 'agent')?.messages ?? [];
    expect(agentMessages.at(-1)).toMatchObject({ messageId: sent.id, messageStatus: 'sent', messageTime: sent.timestamp });
  });

  it('reads the customer messages of the seeded transcript too, and 404s an unknown message', async () => {
    // Prepare
    const listed = await conforming('ConversationsApi.getConversationsMessage', conversationsApi.getConversationsMessage(conversations.active));
    const customerIds = (listed.participants?.find((p) => p.purpose === 'customer')?.messages ?? []).map((m) => m.messageId!);

    // Act
    const bulk = await conforming(
      'ConversationsApi.postConversationsMessageMessagesBulk',
      conversationsApi.postConversationsMessageMessagesBulk(conversations.active, { body: customerIds }),
    );
    const unknown = await failing(
      'ConversationsApi.getConversationsMessageMessage',
      conversationsApi.getConversationsMessageMessage(conversations.active, UNKNOWN_ID),
    );

    // Assess
    expect(customerIds.length).toBeGreaterThan(0);
    expect(bulk.entities?.map((m) => m.direction)).toEqual(customerIds.map(() => 'inbound'));
    expect(unknown).toMatchObject({ status: 404, code: 'not.found' });
  });

  it("lists the communication's media (none uploaded) and 404s an unknown media id", async () => {
    // Act
    const media = await conforming(
      'ConversationsApi.getConversationsMessageCommunicationMessagesMedia',
      conversationsApi.getConversationsMessageCommunicationMessagesMedia(conversations.active, communications.activeAgent),
    );
    const unknown = await failing(
      'ConversationsApi.getConversationsMessageCommunicationMessagesMediaMediaId',
      conversationsApi.getConversationsMessageCommunicationMessagesMediaMediaId(
        conversations.active,
        communications.activeAgent,
        randomUUID(),
      ),
    );

    // Assess
    expect(media).toMatchObject({ entities: [], total: 0, pageNumber: 1 });
    expect(unknown).toMatchObject({ status: 404, code: 'not.found' });
  });

  it('surfaces 429 with the throttling code', async () => {
    // Prepare
    emulator.faults.inject('getConversation', { kind: 'status', status: 429, retryAfter: 1 });

    // Act
    const error = await failing('ConversationsApi.getConversation', conversationsApi.getConversation(conversations.active));

    // Assess
    expect(error).toMatchObject({ status: 429, code: 'too.many.requests.retry.after' });
  });
});

describe('the model check itself', () => {
  it('refuses a property the model lacks, a missing required one and a wrong type, nested too', () => {
    // Act
    const problems = modelViolations('MessageData', {
      id: 'm1',
      status: 'sent',
      textBody: 'hi',
      normalizedMessage: { text: 'hi', isFinalReceipt: 'yes' },
    });

    // Assess
    expect(problems).toEqual([
      'MessageData.textBody: not a property of MessageData',
      'MessageData.normalizedMessage.isFinalReceipt: expected boolean, got string',
      'MessageData.normalizedMessage.type: required by ConversationNormalizedMessage but missing',
      'MessageData.timestamp: required by MessageData but missing',
    ]);
  });
});

describe('official SDK: coverage', () => {
  // Read from this file rather than counted as the tests run, so it holds whatever order or subset runs.
  it(`exercises at least ${MIN_OPERATIONS} SDK operations, each one the SDK declares`, () => {
    const operations = operationsExercised();
    expect(operations.filter((operation) => !sdkDefinitions().returns.has(operation))).toEqual([]);
    expect(operations.length, operations.join('\n')).toBeGreaterThanOrEqual(MIN_OPERATIONS);
  });
});
