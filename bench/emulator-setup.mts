/** Bench-only adjustments of the in-process emulator, made through its state (the emulator code is untouched). */
import { randomUUID } from 'node:crypto';
import { type EmulatorState, SEED } from '../emulator/index';

/** Adds `count` copies of the welcome response under new ids; returns the ids. */
export function addDistinctResponses(state: EmulatorState, count: number): string[] {
  const template = state.responses.get(SEED.responses.welcome);
  if (!template) throw new Error('the emulator seed has no welcome response');
  return Array.from({ length: count }, (_, index) => {
    const id = randomUUID();
    state.responses.set(id, { ...structuredClone(template), id, name: `Bench response ${index + 1}`, selfUri: `/api/v2/responsemanagement/responses/${id}` });
    return id;
  });
}

/**
 * The emulator keeps every message sent, and `GET /api/v2/conversations/{id}` lists them all: over tens of
 * thousands of sends, the conversation the naive pipeline reads would keep growing. Trim each transcript back
 * to its seeded length as messages arrive, so every variant meets the same conversation all run long.
 */
export function keepConversationsAtSeedSize(state: EmulatorState): () => void {
  const seeded = new Map([...state.conversations].map(([id, conversation]) => [id, conversation.transcript.length]));
  return state.onChange((change) => {
    if (change.kind !== 'message') return;
    state.conversations.get(change.conversationId)?.transcript.splice(seeded.get(change.conversationId) ?? 0);
    state.sentMessages.length = 0;
  });
}
