import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/deadline';
import { AppError, GenesysApiError } from '../../src/errors';
import type { MessageConversation, SentMessage } from '../../src/genesys/models';
import {
  matcherFor,
  type MessageReader,
  RECONCILIATION,
  reconcile,
  reconciliationReserveMs,
  type UnconfirmedPost,
  withReconciliationDetail,
} from '../../src/reconciliation';

const STARTED_AT = Date.parse('2026-12-01T12:00:00.000Z');
const at = (offsetMs: number) => new Date(STARTED_AT + offsetMs).toISOString();
const sent = (id: string, text: string): SentMessage => ({ id, status: 'sent', timestamp: at(0), normalizedMessage: { text } });

/** A conversation whose agent participant `p-a` wrote the given messages; the customer wrote one too. */
function reader(agentMessages: Array<{ id: string; time: string; text: string }>, options: { failList?: Error; failRead?: Error } = {}) {
  const reads: string[][] = [];
  const conversation: MessageConversation = {
    participants: [
      { id: 'p-c', purpose: 'customer', messages: [{ messageId: 'm-customer', messageTime: at(1_000) }] },
      { id: 'p-a', purpose: 'agent', messages: agentMessages.map((m) => ({ messageId: m.id, messageTime: m.time })) },
      { id: 'p-b', purpose: 'agent', messages: [{ messageId: 'm-other-agent', messageTime: at(500) }] },
    ],
  };
  const texts = new Map([...agentMessages.map((m) => [m.id, m.text] as const), ['m-customer', 'Hi'], ['m-other-agent', 'Hello Ana']]);
  const messageReader: MessageReader = {
    getMessageConversation: async () => {
      if (options.failList) throw options.failList;
      return conversation;
    },
    getMessages: async (_conversationId, ids) => {
      reads.push([...ids]);
      if (options.failRead) throw options.failRead;
      return ids.map((id) => sent(id, texts.get(id) ?? ''));
    },
  };
  return { messageReader, reads };
}

const post = (text: string): UnconfirmedPost => ({
  conversationId: 'conv-1',
  participantId: 'p-a',
  startedAt: STARTED_AT,
  matches: matcherFor({ textBody: text }),
});

describe('reconcile', () => {
  it("finds exactly one match among the agent's messages sent since the attempt began (clock skew allowed)", async () => {
    // Prepare: one a minute before (out), one 2 s "before" (skew: in), one after with other text.
    const { messageReader, reads } = reader([
      { id: 'm-old', time: at(-60_000), text: 'Hello Ana' },
      { id: 'm-skewed', time: at(-2_000), text: 'Hello Ana' },
      { id: 'm-other', time: at(300), text: 'Bye' },
    ]);

    // Act
    const outcome = await reconcile(post('Hello Ana'), messageReader, Deadline.in(1_000));

    // Assess
    expect(outcome).toEqual({ kind: 'found', message: sent('m-skewed', 'Hello Ana') });
    expect(reads).toEqual([['m-skewed', 'm-other']]);
  });

  it('says not found (and reads nothing) when the agent sent nothing since the attempt began', async () => {
    const { messageReader, reads } = reader([{ id: 'm-old', time: at(-RECONCILIATION.clockSkewMs - 1), text: 'Hello Ana' }]);
    expect(await reconcile(post('Hello Ana'), messageReader, Deadline.in(1_000))).toEqual({ kind: 'not-found', checked: 0 });
    expect(reads).toEqual([]);
  });

  it('says several when more than one message matches, never picking one', async () => {
    const { messageReader } = reader([
      { id: 'm-1', time: at(100), text: 'Hello Ana' },
      { id: 'm-2', time: at(200), text: 'Hello Ana\r\n' },
    ]);
    expect(await reconcile(post('Hello Ana'), messageReader, Deadline.in(1_000))).toEqual({ kind: 'several', messageIds: ['m-1', 'm-2'] });
  });

  it("searches every agent's messages when the posting participant is not known", async () => {
    const { messageReader, reads } = reader([]);
    const outcome = await reconcile({ ...post('Hello Ana'), participantId: undefined }, messageReader, Deadline.in(1_000));
    expect(outcome).toEqual({ kind: 'found', message: sent('m-other-agent', 'Hello Ana') });
    expect(reads).toEqual([['m-other-agent']]);
  });

  it('says the lookup failed, or ran out of time, instead of guessing', async () => {
    // Prepare
    const failing = reader([{ id: 'm-1', time: at(100), text: 'Hello Ana' }], {
      failRead: new GenesysApiError('upstream_error', 'Genesys answered HTTP 500 while reading messages back.'),
    });
    const slow = reader([], { failList: new AppError('upstream_timeout', 'The invocation deadline was reached.') });

    // Act
    const failed = await reconcile(post('Hello Ana'), failing.messageReader, Deadline.in(1_000));
    const timedOut = await reconcile(post('Hello Ana'), slow.messageReader, Deadline.in(1_000));
    const noTime = await reconcile(post('Hello Ana'), reader([]).messageReader, Deadline.in(0));

    // Assess
    expect(failed).toEqual({ kind: 'lookup-failed', reason: 'Genesys answered HTTP 500 while reading messages back.' });
    expect(timedOut).toEqual({ kind: 'lookup-failed', reason: 'the invocation deadline was reached while checking' });
    expect(noTime).toEqual(timedOut);
  });
});

describe('matcherFor', () => {
  it('matches a template by its response id in the Notification content, and text by normalizedMessage.text', () => {
    const template = matcherFor({ messagingTemplate: { responseId: 'resp-t' } });
    const text = matcherFor({ textBody: 'Hi there' });
    const templateMessage: SentMessage = { ...sent('m', ''), normalizedMessage: { content: [{ template: { id: 'resp-t' } }] } };
    const unidentified: SentMessage = { ...sent('m', ''), normalizedMessage: {} };
    expect([
      template(templateMessage),
      template(sent('m', 'Hi there')),
      template(unidentified),
      text(sent('m', ' Hi there ')),
      text(templateMessage),
    ]).toEqual([true, false, undefined, true, false]);
  });

  it('makes the check say it cannot tell when a template post meets a message it cannot identify', async () => {
    // Prepare: the agent's message since the attempt reads back with neither text nor template id.
    const messageReader: MessageReader = {
      getMessageConversation: async () => ({ participants: [{ id: 'p-a', purpose: 'agent', messages: [{ messageId: 'm-1', messageTime: at(100) }] }] }),
      getMessages: async () => [{ ...sent('m-1', ''), normalizedMessage: { content: [{}] } }],
    };

    // Act
    const outcome = await reconcile({ ...post('x'), matches: matcherFor({ messagingTemplate: { responseId: 'resp-t' } }) }, messageReader, Deadline.in(1_000));

    // Assess
    expect(outcome).toEqual({ kind: 'lookup-failed', reason: '1 message(s) sent since the attempt began cannot be compared with this one' });
  });
});

describe('reconciliationReserveMs', () => {
  it('keeps a quarter of the budget, at least 1 s, at most 3 s, never more than half', () => {
    expect([20_000, 8_000, 2_500, 1_500, 0].map(reconciliationReserveMs)).toEqual([3_000, 2_000, 1_000, 750, 0]);
  });
});

describe('withReconciliationDetail', () => {
  it("keeps the original code, status and contextId and adds the check's detail", () => {
    const original = new GenesysApiError('upstream_error', 'Genesys answered HTTP 503 while sending the message.', { genesysContextId: 'ctx-1' });
    const error = withReconciliationDetail(original, { kind: 'several', messageIds: ['m-1', 'm-2'] });
    expect(error).toMatchObject({ code: 'upstream_error', status: 502, genesysContextId: 'ctx-1', message: original.message });
    expect(error.details).toEqual([{ path: 'delivery', message: expect.stringContaining('2 messages on the conversation match this one (m-1, m-2)') }]);
  });
});
