import { EventEmitter } from 'node:events';
import type {
  CannedResponse,
  EmulatedConversation,
  ResponseLibrary,
  Seed,
  SentMessage,
  TranscriptMessage,
} from './model';

export type StateChange =
  | { kind: 'message'; conversationId: string; message: TranscriptMessage }
  | { kind: 'reset' };

/**
 * The emulated organisation's data. Tests may mutate the collections directly; `reset()` refills them in place
 * from a fresh copy of the seed, so references held by tests and routes stay valid.
 */
export class EmulatorState {
  /** clientId → clientSecret */
  readonly oauthClients = new Map<string, string>();
  readonly libraries = new Map<string, ResponseLibrary>();
  readonly responses = new Map<string, CannedResponse>();
  readonly conversations = new Map<string, EmulatedConversation>();
  /** Secrets Manager stand-in: secret name → SecretString. */
  readonly secrets = new Map<string, string>();
  /** Every message accepted by the send endpoint, oldest first. */
  readonly sentMessages: SentMessage[] = [];
  private readonly changes = new EventEmitter();

  constructor(private readonly seed: Seed) {
    this.fillFromSeed();
  }

  reset(): void {
    this.fillFromSeed();
    this.changes.emit('change', { kind: 'reset' } satisfies StateChange);
  }

  /** Records an accepted send and appends it to the conversation's transcript. */
  recordSentMessage(sent: SentMessage, transcriptMessage: TranscriptMessage): void {
    this.sentMessages.push(sent);
    this.conversations.get(sent.conversationId)?.transcript.push(transcriptMessage);
    this.changes.emit('change', {
      kind: 'message',
      conversationId: sent.conversationId,
      message: transcriptMessage,
    } satisfies StateChange);
  }

  /** Subscribes to changes (used by the transcript page's live feed); returns the unsubscribe function. */
  onChange(listener: (change: StateChange) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  private fillFromSeed(): void {
    const seed = structuredClone(this.seed);
    refill(this.oauthClients, seed.oauthClients.map((c) => [c.clientId, c.clientSecret]));
    refill(this.libraries, seed.libraries.map((l) => [l.id, l]));
    refill(this.responses, seed.responses.map((r) => [r.id, r]));
    refill(this.conversations, seed.conversations.map((c) => [c.id, c]));
    refill(this.secrets, Object.entries(seed.secrets));
    this.sentMessages.length = 0;
  }
}

function refill<K, V>(map: Map<K, V>, entries: Iterable<readonly [K, V]>): void {
  map.clear();
  for (const [key, value] of entries) map.set(key, value);
}
