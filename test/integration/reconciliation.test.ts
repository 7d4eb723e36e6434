import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { RECONCILIATION } from '../../src/reconciliation';
import { useIdempotencyTable } from '../support/dynamodb';
import { httpApiV2Event, lambdaContext } from '../support/events';
import { httpAnswer, useStack } from '../support/stack';

/**
 * Ambiguous sends against the emulator: the post is processed but its answer is lost, or it is not processed at
 * all, and the function looks for the message on the conversation before it answers.
 */
const TABLE = 'genesys-canned-response-test-reconciliation';
useIdempotencyTable(TABLE);

const stack = useStack({ env: { IDEMPOTENCY_TABLE: TABLE } });
const { conversations, communications } = SEED;
const welcome = { responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'Ana' } };

/** The seeded WhatsApp template, to the conversation whose customer service window has closed. */
const orderShipped = { responseId: SEED.responses.template, substitutions: { '1': '51877' } };

async function send(body: object, options: { budgetMs?: number; key?: string; conversationId?: string } = {}) {
  const started = performance.now();
  const event = httpApiV2Event({
    conversationId: options.conversationId ?? conversations.active,
    body,
    ...(options.key ? { headers: { 'Idempotency-Key': options.key } } : {}),
  });
  const answer = httpAnswer(await stack.invoke(event, lambdaContext(options.budgetMs ?? 10_000)));
  return { ...answer, elapsedMs: performance.now() - started };
}

/** The messages the agent has on the conversation, as Genesys lists them. */
function agentMessagesSent() {
  return stack.emulator.state.sentMessages.map((sent) => sent.messageData.id);
}

function metricLines() {
  return stack.logLines().filter((line) => '_aws' in line);
}

/** Milliseconds between the send reaching Genesys and the check's first read. */
function sendToCheckMs(): number {
  const at = (route: string) => Date.parse(stack.emulator.calls.list().find((call) => call.route === route)!.at);
  return at('getMessageConversation') - at('sendMessage');
}

/** While the send is processed, another identical message lands on the conversation (e.g. a second agent tab). */
function duplicateEachSentMessage(): () => void {
  return stack.emulator.state.onChange((change) => {
    if (change.kind !== 'message') return;
    const transcript = stack.emulator.state.conversations.get(change.conversationId)!.transcript;
    transcript.push({ ...change.message, id: randomUUID() });
  });
}

describe('the answer is lost after the message was sent', () => {
  it.each([
    ['derived communication', welcome],
    ['given communication', { ...welcome, communicationId: communications.activeAgent }],
  ])('answers 200 with the real messageId, one message on the conversation (%s)', async (_case, body) => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'processed-then-drop' });

    // Act
    const answer = await send(body);

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(agentMessagesSent()).toEqual([answer.body.messageId]);
    const [sent] = stack.emulator.state.sentMessages;
    expect(answer.body).toMatchObject({ status: sent!.messageData.status, timestamp: sent!.messageData.timestamp, text: expect.stringContaining('Ana') });
    expect(stack.emulator.calls.counts()).toMatchObject({ sendMessage: 1, getMessageConversation: 1, getMessagesBulk: 1 });
    expect(metricLines().some((line) => line.SendsReconciled === 1 && line.MessagesSent === 1)).toBe(true);
    expect(stack.logLines().some((line) => String(line.message).startsWith('send reconciled') && line.messageId === answer.body.messageId)).toBe(true);
  });

  it('answers 200 for a WhatsApp template, found by its response id on the read-back', async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'processed-then-drop' });

    // Act
    const answer = await send(orderShipped, { conversationId: conversations.whatsappWindowClosed });

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(agentMessagesSent()).toEqual([answer.body.messageId]);
    expect(answer.body).toMatchObject({ responseId: SEED.responses.template, template: { name: 'order_shipped' } });
  });

  it('says it could not check, never "not found", when the read-back leaves out a message the listing named', async () => {
    // Prepare: the message went out and is listed, but the bulk read answers without it.
    stack.emulator.faults.inject('sendMessage', { kind: 'processed-then-drop' });
    stack.emulator.faults.inject('getMessagesBulk', { kind: 'rewrite', set: { entities: [] } });

    // Act
    const answer = await send(welcome);

    // Assess
    expect(answer.statusCode).toBe(502);
    expect(answer.body.error.details).toEqual([
      {
        path: 'delivery',
        message:
          'whether the message was delivered could not be checked; it may have gone out, so check the conversation before retrying ' +
          '(1 message(s) sent since the attempt began cannot be compared with this one)',
      },
    ]);
    expect(agentMessagesSent()).toHaveLength(1);
  });

  it('says several messages match, naming both, when an identical one landed meanwhile', async () => {
    // Prepare
    const stopDuplicating = duplicateEachSentMessage();
    stack.emulator.faults.inject('sendMessage', { kind: 'processed-then-drop' });

    // Act
    const answer = await send(welcome).finally(stopDuplicating);

    // Assess
    expect(answer.statusCode).toBe(502);
    const [sent] = agentMessagesSent();
    // Whole, advice included: an error body cuts a detail past 200 characters.
    expect(answer.body.error.details).toEqual([
      {
        path: 'delivery',
        message: expect.stringMatching(
          new RegExp(
            '^2 messages on the conversation match this one; which one this request sent cannot be told: ' +
              `check the conversation first \\(${sent}, [0-9a-f-]{36}\\)$`,
          ),
        ),
      },
    ]);
  });

  it('does not take an earlier message with the same text for this one', async () => {
    // Prepare: the same text went out a minute ago, before this attempt.
    const transcript = stack.emulator.state.conversations.get(conversations.active)!.transcript;
    const agent = stack.emulator.state.conversations.get(conversations.active)!.participants.find((p) => p.purpose === 'agent')!;
    transcript.push({
      id: randomUUID(),
      participantId: agent.id,
      direction: 'outbound',
      text: 'Hello Ana, this is your agent. How can I help you today?',
      timestamp: new Date(Date.now() - 60_000).toISOString(),
      status: 'sent',
    });
    stack.emulator.faults.inject('sendMessage', { kind: 'processed-then-drop' });

    // Act
    const answer = await send(welcome);

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body.messageId).toBe(stack.emulator.state.sentMessages[0]!.messageData.id);
  });
});

describe('the message was not sent', () => {
  it.each([
    ['500', { kind: 'status', status: 500 } as const, 502, 'upstream_error'],
    ['a dropped connection', { kind: 'drop' } as const, 502, 'upstream_error'],
  ] as const)('answers %s as the original error with a "not found" detail, zero messages', async (_case, fault, status, code) => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', fault);

    // Act
    const answer = await send(welcome);

    // Assess
    expect([answer.statusCode, answer.body.error.code]).toEqual([status, code]);
    expect(answer.body.error.details).toEqual([
      { path: 'delivery', message: expect.stringMatching(/^the message was not found on the conversation after the failed send; a retry is reasonable \(0 message/) },
    ]);
    expect(agentMessagesSent()).toEqual([]);
    expect(stack.emulator.calls.count('sendMessage')).toBe(1);
  });

  it(`waits ${RECONCILIATION.settleMs} ms after a 5xx before looking, in case Genesys was still storing the message`, async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'status', status: 503 });

    // Act
    const answer = await send(welcome);

    // Assess: the wait comes out of the reserve; a little slack for the emulator's own clock reading.
    expect(answer.statusCode).toBe(502);
    expect(sendToCheckMs()).toBeGreaterThanOrEqual(RECONCILIATION.settleMs - 20);
  });

  it('answers 504 with the "not found" detail, zero messages, when the send hung before being processed', async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'hang' });

    // Act
    const answer = await send(welcome, { budgetMs: 2_000 });

    // Assess
    expect(answer.elapsedMs).toBeLessThan(2_000);
    expect([answer.statusCode, answer.body.error.code]).toEqual([504, 'upstream_timeout']);
    expect(answer.body.error.details).toEqual([
      { path: 'delivery', message: expect.stringMatching(/^the message was not found on the conversation after the failed send; a retry is reasonable \(0 message/) },
    ]);
    expect(agentMessagesSent()).toEqual([]);
  });

  it('never looks on a clean 4xx', async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'status', status: 400 });

    // Act
    const answer = await send({ ...welcome, communicationId: communications.activeAgent });

    // Assess
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(stack.emulator.calls.count('getMessageConversation')).toBe(0);
    expect(stack.emulator.calls.count('getMessagesBulk')).toBe(0);
  });

  it('says the check failed when the conversation cannot be read, never guessing', async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'status', status: 503 });
    stack.emulator.faults.inject('getMessageConversation', { kind: 'status', status: 500 }, 4);

    // Act
    const answer = await send(welcome);

    // Assess
    expect(answer.statusCode).toBe(502);
    expect(answer.body.error.details).toEqual([{ path: 'delivery', message: expect.stringMatching(/^whether the message was delivered could not be checked/) }]);
  });
});

describe('with an Idempotency-Key and a client retry', () => {
  it('answer lost: one message, the same messageId twice', async () => {
    // Prepare
    const key = randomUUID();
    stack.emulator.faults.inject('sendMessage', { kind: 'processed-then-drop' });

    // Act
    const first = await send(welcome, { key });
    const retried = await send(welcome, { key });

    // Assess
    expect([first.statusCode, retried.statusCode]).toEqual([200, 200]);
    expect(retried.body.messageId).toBe(first.body.messageId);
    expect(agentMessagesSent()).toEqual([first.body.messageId]);
  });

  it('not sent: the "not found" error, then the retry sends one message', async () => {
    // Prepare
    const key = randomUUID();
    stack.emulator.faults.inject('sendMessage', { kind: 'drop' });

    // Act
    const first = await send(welcome, { key });
    const retried = await send(welcome, { key });

    // Assess
    expect(first.statusCode).toBe(502);
    expect(first.body.error.details[0].message).toMatch(/not found on the conversation/);
    expect(retried.statusCode).toBe(200);
    expect(agentMessagesSent()).toEqual([retried.body.messageId]);
  });
});

describe('a hang after the message was sent', () => {
  it('answers within the deadline with little budget left, and finds the message', async () => {
    // Prepare: 2 s of Lambda time is 1.5 s of budget; half of it (0.75 s) is kept back for the check.
    stack.emulator.faults.inject('sendMessage', { kind: 'processed-then-hang' });

    // Act
    const answer = await send(welcome, { budgetMs: 2_000 });

    // Assess
    expect(answer.elapsedMs).toBeLessThan(2_000);
    expect(answer.statusCode).toBe(200);
    expect(agentMessagesSent()).toEqual([answer.body.messageId]);
  });

  it('answers 504 with a "could not be checked" detail when the check itself runs out of time', async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'processed-then-hang' });
    stack.emulator.faults.inject('getMessageConversation', { kind: 'hang' });

    // Act
    const answer = await send(welcome, { budgetMs: 2_000 });

    // Assess
    expect(answer.elapsedMs).toBeLessThan(2_000);
    expect(answer.statusCode).toBe(504);
    expect(answer.body.error.details).toEqual([
      { path: 'delivery', message: expect.stringContaining('the invocation deadline was reached while checking') },
    ]);
  });
});
