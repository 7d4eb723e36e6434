import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, SEED, startEmulator } from '../../../emulator';
import { Deadline } from '../../../src/deadline';
import { getConversation } from '../../../src/genesys/conversations';
import { postMessage } from '../../../src/genesys/messages';
import { appErrorRejectedBy } from '../../support/errors';
import { emulatorClient } from '../../support/genesys-client';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ quiet: true });
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.state.reset());

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('postMessage', () => {
  it('posts an AdditionalMessage with textBody only and returns the MessageData', async () => {
    // Act
    const message = await postMessage(emulatorClient(emulator).client, SEED.conversations.active, SEED.communications.activeAgent, { textBody: 'Hello' }, Deadline.in(5_000));
    // Assess
    expect(emulator.state.sentMessages.map((sent) => sent.request)).toEqual([{ textBody: 'Hello' }]);
    expect(message).toMatchObject({ id: expect.any(String), status: 'sent', timestamp: expect.any(String) });
  });

  it('reports an unknown conversation as conversation_not_found', async () => {
    const error = await appErrorRejectedBy(postMessage(emulatorClient(emulator).client, UNKNOWN, SEED.communications.activeAgent, { textBody: 'Hello' }, Deadline.in(5_000)));
    expect(error.code).toBe('conversation_not_found');
    expect(emulator.state.sentMessages).toHaveLength(0);
  });
});

describe('getConversation', () => {
  it("reads the participants and their messaging communications", async () => {
    const conversation = await getConversation(emulatorClient(emulator).client, SEED.conversations.active, Deadline.in(5_000));
    const agent = conversation.participants.find((participant) => participant.purpose === 'agent');
    expect(agent?.messages.map((message) => message.id)).toContain(SEED.communications.activeAgent);
  });

  it('reports an unknown conversation as conversation_not_found', async () => {
    const error = await appErrorRejectedBy(getConversation(emulatorClient(emulator).client, UNKNOWN, Deadline.in(5_000)));
    expect([error.code, error.status]).toEqual(['conversation_not_found', 404]);
  });
});
