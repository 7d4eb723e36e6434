import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/deadline';
import { AppError, GenesysApiError } from '../../src/errors';
import type { MessageConversation, SentMessage } from '../../src/genesys/models';
import {
  matcherFor,
  RECONCILIATION,
  type ReconciliationDeps,
  type ReconciliationOutcome,
  reconcile,
  reconciliationReserveMs,
  settleMs,
  type UnconfirmedPost,
  withReconciliationDetail,
} from '../../src/reconciliation';

const STARTED_AT = Date.parse('2026-12-01T12:00:00.000Z');
const at = (offsetMs: number) => new Date(STARTED_AT + offsetMs).toISOString();
const sent = (id: string, text: string): SentMessage => ({ id, status: 'sent', timestamp: at(0), normalizedMessage: { text } });

/** A fake clock the reader's pause moves on, so a settle delay is waited without sleeping. */
function fakeClock() {
  let nowMs = 0;
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

/**
 * A conversation whose agent participant `p-a` wrote the given messages; the customer wrote one too. `omitFromRead`
 * lists ids the bulk read leaves out of its answer. Every call (pauses included) is recorded in order.
 */
function reader(
  agentMessages: Array<{ id: string; time: string; text: string }>,
  options: { failList?: Error; failRead?: Error; omitFromRead?: string[]; clock?: ReturnType<typeof fakeClock> } = {},
) {
  const reads: string[][] = [];
  const calls: string[] = [];
  const conversation: MessageConversation = {
    participants: [
      { id: 'p-c', purpose: 'customer', messages: [{ messageId: 'm-customer', messageTime: at(1_000) }] },
      { id: 'p-a', purpose: 'agent', messages: agentMessages.map((m) => ({ messageId: m.id, messageTime: m.time })) },
      { id: 'p-b', purpose: 'agent', messages: [{ messageId: 'm-other-agent', messageTime: at(500) }] },
    ],
  };
  const texts = new Map([...agentMessages.map((m) => [m.id, m.text] as const), ['m-customer', 'Hi'], ['m-other-agent', 'Hello Ana']]);
  const messageReader: ReconciliationDeps = {
    getMessageConversation: async () => {
      calls.push('list');
      if (options.failList) throw options.failList;
      return conversation;
    },
    getMessages: async (_conversationId, ids) => {
      calls.push('read');
      reads.push([...ids]);
      if (options.failRead) throw options.failRead;
      return ids.filter((id) => !options.omitFromRead?.includes(id)).map((id) => sent(id, texts.get(id) ?? ''));
    },
    pause: async (ms) => {
      calls.push(`pause ${ms}`);
      options.clock?.advance(ms);
    },
  };
  return { messageReader, reads, calls };
}

const post = (text: string): UnconfirmedPost => ({
  conversationId: 'conv-1',
  participantId: 'p-a',
  startedAt: STARTED_AT,
  matches: matcherFor({ textBody: text }),
  settleFirst: false,
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

  it('says it could not check, never "not found", when the read leaves out a message the listing named', async () => {
    // Prepare: two agent messages since the attempt; the bulk read answers only the one with other text.
    const { messageReader } = reader(
      [
        { id: 'm-missing', time: at(100), text: 'Hello Ana' },
        { id: 'm-other', time: at(200), text: 'Bye' },
      ],
      { omitFromRead: ['m-missing'] },
    );

    // Act
    const outcome = await reconcile(post('Hello Ana'), messageReader, Deadline.in(1_000));

    // Assess
    expect(outcome).toEqual({ kind: 'lookup-failed', reason: '1 message(s) sent since the attempt began cannot be compared with this one' });
  });

  it('waits a settle delay from its budget before listing after a fast failure, and none after a timeout', async () => {
    // Prepare: 3 s left is room for the whole 500 ms; 600 ms left gives a third of it.
    const messages = [{ id: 'm-1', time: at(100), text: 'Hello Ana' }];
    const check = (settleFirst: boolean, budgetMs: number) => {
      const clock = fakeClock();
      const { messageReader, calls } = reader(messages, { clock });
      const outcome = reconcile({ ...post('Hello Ana'), settleFirst }, messageReader, Deadline.in(budgetMs, clock.now));
      return outcome.then((result) => ({ result, calls, waitedMs: clock.now() }));
    };

    // Act
    const settled = await check(true, 3_000);
    const hurried = await check(true, 600);
    const timedOut = await check(false, 3_000);

    // Assess
    expect(settled.result.kind).toBe('found');
    expect(settled.calls).toEqual([`pause ${RECONCILIATION.settleMs}`, 'list', 'read']);
    expect([settled.waitedMs, hurried.waitedMs, timedOut.waitedMs]).toEqual([500, 200, 0]);
    expect(hurried.calls).toEqual(['pause 200', 'list', 'read']);
    expect(timedOut.calls).toEqual(['list', 'read']);
    expect(settleMs(0)).toBe(0);
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
  it('matches text by normalizedMessage.text, and a template only by its response id in a template content', () => {
    // Prepare
    const template = matcherFor({ messagingTemplate: { responseId: 'resp-t' } });
    const text = matcherFor({ textBody: 'Hi there' });
    const withTemplateId = (id: string): SentMessage => ({
      ...sent('m', ''),
      normalizedMessage: { content: [{ template: { id } }] },
    });

    // Act
    const templateVerdicts = {
      sameId: template(withTemplateId('resp-t')),
      otherId: template(withTemplateId('whatsapp-template-42')),
      textOnly: template(sent('m', 'Order A-7 shipped.')),
      nothing: template({ ...sent('m', ''), normalizedMessage: {} }),
      noNormalizedMessage: template({ id: 'm', status: 'sent', timestamp: at(0) }),
    };
    const textVerdicts = [text(sent('m', ' Hi there ')), text(sent('m', 'Bye')), text(withTemplateId('resp-t'))];

    // Assess: where a template's identity shows on a read-back is undocumented, so nothing but the id rules it in,
    // and nothing rules it out.
    expect(templateVerdicts).toEqual({ sameId: true, otherId: undefined, textOnly: undefined, nothing: undefined, noNormalizedMessage: undefined });
    expect(textVerdicts).toEqual([true, false, false]);
  });

  it('makes the check say it cannot tell when a template post meets a message it cannot identify', async () => {
    // Prepare: the agent's message since the attempt reads back with text but no template id.
    const messageReader: ReconciliationDeps = {
      getMessageConversation: async () => ({ participants: [{ id: 'p-a', purpose: 'agent', messages: [{ messageId: 'm-1', messageTime: at(100) }] }] }),
      getMessages: async () => [sent('m-1', 'Order A-7 shipped.')],
      pause: async () => {},
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
    expect(error.details).toEqual([{ path: 'delivery', message: expect.stringMatching(/^2 messages on the conversation match this one;.*\(m-1, m-2\)$/) }]);
  });

  it('names at most two of several matches, so the detail keeps its advice within the 200 characters a body shows', () => {
    const original = new GenesysApiError('upstream_error', 'Genesys answered HTTP 503 while sending the message.');
    const ids = Array.from({ length: 5 }, (_, i) => `0c6d1f5e-8a7b-4c3d-9e2f-1a0b9c8d7e6${i}`);
    const [detail] = withReconciliationDetail(original, { kind: 'several', messageIds: ids }).details ?? [];
    expect(detail?.message).toBe(
      '5 messages on the conversation match this one; which one this request sent cannot be told: ' +
        `check the conversation first (${ids[0]}, ${ids[1]} and 3 more)`,
    );
  });

  it.each<[Exclude<ReconciliationOutcome, { kind: 'found' }>, boolean]>([
    [{ kind: 'not-found', checked: 3 }, false],
    [{ kind: 'several', messageIds: ['m-1', 'm-2'] }, true],
    [{ kind: 'lookup-failed', reason: 'the invocation deadline was reached while checking' }, true],
  ])('marks the delivery unknown unless the message was not found: %o', (outcome, unknown) => {
    const original = new GenesysApiError('upstream_timeout', 'The invocation deadline was reached while sending the message.');
    expect(withReconciliationDetail(original, outcome).deliveryUnknown).toBe(unknown);
  });
});
