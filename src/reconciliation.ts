import type { Deadline } from './deadline';
import { AppError, type ErrorDetail, withDetail } from './errors';
import type { AdditionalMessage } from './genesys/messages';
import type { MessageConversation, SentMessage } from './genesys/models';

/**
 * After a post whose outcome is unknown (timeout, connection dropped after the request went out, 5xx), look for
 * the message on the conversation before answering: exactly one match is the send's result; anything else keeps
 * the original error and says why, never a guess.
 */

export const RECONCILIATION = {
  /** Share of the budget left when the post starts that is kept back for the check... */
  reserveShare: 0.25,
  /** ...but at least this much (two reads, each usually well under a second)... */
  minReserveMs: 1_000,
  /** ...at most this much, and never more than half of what is left, so the post itself keeps the larger part. */
  maxReserveMs: 3_000,
  /** Messages Genesys dates up to this long before the attempt began still count: its clock and ours differ. */
  clockSkewMs: 5_000,
  /**
   * After a 5xx or a dropped connection (not a timeout, which already waited), wait this long before listing: a
   * gateway's 5xx may come while the platform is still storing the message. How long that can take is not
   * documented; this narrows the window, it does not close it...
   */
  settleMs: 500,
  /** ...and never takes more than this share of what is left, so both reads keep the larger part. */
  maxSettleShare: 1 / 3,
} as const;

/** How much of `remainingMs` the post leaves for the check (see {@link RECONCILIATION}). */
export function reconciliationReserveMs(remainingMs: number): number {
  const { reserveShare, minReserveMs, maxReserveMs } = RECONCILIATION;
  return Math.floor(Math.min(remainingMs / 2, Math.min(maxReserveMs, Math.max(minReserveMs, remainingMs * reserveShare))));
}

/** The two reads the check needs. */
export interface MessageReader {
  getMessageConversation(conversationId: string, deadline: Deadline): Promise<MessageConversation>;
  getMessages(conversationId: string, messageIds: readonly string[], deadline: Deadline): Promise<SentMessage[]>;
}

/** The reads, and a timer to wait on before them (injected so tests need not sleep). */
export interface ReconciliationDeps extends MessageReader {
  pause(ms: number): Promise<void>;
}

/** Whether a message read back is the one that was posted; `undefined` when the read-back cannot tell. */
export type SentMessageMatcher = (message: SentMessage) => boolean | undefined;

/**
 * Text: the read-back's `normalizedMessage.text` equals what was sent (line endings and surrounding white space
 * aside); a text send reads back with its text there, so other text is another message. Template: where the
 * platform puts a template's identity on a read-back is not documented. The SDK's model has one candidate,
 * `normalizedMessage.content[].template.id` (ConversationContentNotificationTemplate); that it carries the
 * response id, rather than e.g. the WhatsApp template's own id, is not verified. So only that id equal to the
 * response id is a match; anything else (another id, text alone, nothing) cannot be told apart and is undecided,
 * never "not this one". This is the one place to change when the platform's behaviour is known.
 */
export function matcherFor(body: AdditionalMessage): SentMessageMatcher {
  if (body.textBody !== undefined) {
    const sent = normalizeText(body.textBody);
    return (message) => normalizeText(message.normalizedMessage?.text ?? '') === sent;
  }
  const { responseId } = body.messagingTemplate;
  return (message) => {
    const templateIds = (message.normalizedMessage?.content ?? []).flatMap((content) => content.template?.id ?? []);
    return templateIds.includes(responseId) ? true : undefined;
  };
}

function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

export interface UnconfirmedPost {
  conversationId: string;
  /** The agent participant whose communication posted, when known; otherwise every agent participant is searched. */
  participantId: string | undefined;
  /** When the post began, epoch ms (compared with Genesys's message times). */
  startedAt: number;
  matches: SentMessageMatcher;
  /** The post failed fast (5xx, dropped connection) and Genesys may still be storing the message: wait first. */
  settleFirst: boolean;
}

export type ReconciliationOutcome =
  | { kind: 'found'; message: SentMessage }
  | { kind: 'not-found'; checked: number }
  | { kind: 'several'; messageIds: string[] }
  | { kind: 'lookup-failed'; reason: string };

export async function reconcile(post: UnconfirmedPost, deps: ReconciliationDeps, deadline: Deadline): Promise<ReconciliationOutcome> {
  try {
    if (post.settleFirst) await deps.pause(settleMs(deadline.remainingMs()));
    if (deadline.expired) return timedOut();
    const conversation = await deps.getMessageConversation(post.conversationId, deadline);
    const since = post.startedAt - RECONCILIATION.clockSkewMs;
    const candidates = conversation.participants
      .filter((participant) => participant.purpose === 'agent' && (post.participantId === undefined || participant.id === post.participantId))
      .flatMap((participant) => participant.messages)
      // A message without a time cannot be ruled out.
      .filter((message) => !message.messageTime || Date.parse(message.messageTime) >= since)
      .map((message) => message.messageId);
    if (candidates.length === 0) return { kind: 'not-found', checked: 0 };
    const read = await deps.getMessages(post.conversationId, candidates, deadline);
    const readIds = new Set(read.map((message) => message.id));
    const matching = read.filter((message) => post.matches(message) === true);
    // A listed message the read did not return may be this one: it counts as undecided, never as "not this one".
    const undecided =
      read.filter((message) => post.matches(message) === undefined).length + candidates.filter((id) => !readIds.has(id)).length;
    if (matching.length > 1) return { kind: 'several', messageIds: matching.map((message) => message.id) };
    if (undecided > 0) {
      return { kind: 'lookup-failed', reason: `${undecided} message(s) sent since the attempt began cannot be compared with this one` };
    }
    if (matching.length === 1) return { kind: 'found', message: matching[0]! };
    return { kind: 'not-found', checked: candidates.length };
  } catch (error) {
    if (error instanceof AppError && error.code === 'upstream_timeout') return timedOut();
    return { kind: 'lookup-failed', reason: error instanceof AppError ? error.message : 'an unexpected error' };
  }
}

/** How long to wait before listing after a fast failure (see {@link RECONCILIATION}). */
export function settleMs(remainingMs: number): number {
  return Math.floor(Math.min(RECONCILIATION.settleMs, remainingMs * RECONCILIATION.maxSettleShare));
}

function timedOut(): ReconciliationOutcome {
  return { kind: 'lookup-failed', reason: 'the invocation deadline was reached while checking' };
}

/**
 * The detail a caller gets with the original error when the check did not find exactly one message. What to do
 * comes first and the specifics last, so the cut an error body makes to long details (toErrorBody) never takes
 * the advice.
 */
export function unreconciledDetail(outcome: Exclude<ReconciliationOutcome, { kind: 'found' }>): ErrorDetail {
  const path = 'delivery';
  switch (outcome.kind) {
    case 'not-found':
      return {
        path,
        message:
          'the message was not found on the conversation after the failed send; a retry is reasonable ' +
          `(${outcome.checked} message(s) of the agent since the attempt began were checked)`,
      };
    case 'several': {
      const [first, second, ...others] = outcome.messageIds;
      const named = [first, second].join(', ') + (others.length > 0 ? ` and ${others.length} more` : '');
      return {
        path,
        message:
          `${outcome.messageIds.length} messages on the conversation match this one; which one this request sent cannot be ` +
          `told: check the conversation first (${named})`,
      };
    }
    case 'lookup-failed':
      return {
        path,
        message: `whether the message was delivered could not be checked; it may have gone out, so check the conversation before retrying (${outcome.reason})`,
      };
  }
}

/** The original error with the check's detail added; its code, status and contextId unchanged. */
export function withReconciliationDetail(original: AppError, outcome: Exclude<ReconciliationOutcome, { kind: 'found' }>): AppError {
  // Not found: nothing went out as far as can be told. Anything else: it may have.
  return withDetail(original, unreconciledDetail(outcome), { deliveryUnknown: outcome.kind !== 'not-found' });
}
