import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { http, sendPath, useEmulator } from './harness';

/** Reads server-sent events from a stream until one of the given type arrives. */
async function nextEvent(body: ReadableStream<Uint8Array>, type: string): Promise<unknown> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before a ${type} event`);
      buffered += value;
      const events = buffered.split('\n\n');
      buffered = events.pop() ?? '';
      for (const event of events) {
        const lines = event.split('\n');
        const data = lines.find((line) => line.startsWith('data: '));
        if (lines.includes(`event: ${type}`) && data) return JSON.parse(data.slice('data: '.length));
      }
    }
  } finally {
    await reader.cancel();
  }
}

describe('transcript page', () => {
  const ctx = useEmulator();

  it('serves a self-contained HTML page with stable test ids', async () => {
    // Act
    const response = await fetch(`${ctx.emulator.url}/`);
    const html = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    for (const testId of ['conversation-list', 'conversation-item', 'transcript', 'message', 'message-text', 'library']) {
      expect(html).toMatch(new RegExp(`data-testid["']?(=|:\\s*)["']${testId}["']`));
    }
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/);
    expect(ctx.emulator.calls.list()).toEqual([]);
  });

  it('lists conversations with their state and participants, without a token', async () => {
    // Act
    const { status, body } = await http(`${ctx.emulator.url}/__ui/conversations`);

    // Assess
    expect(status).toBe(200);
    const byId = Object.fromEntries(body.conversations.map((c: { id: string }) => [c.id, c]));
    expect(byId[SEED.conversations.active]).toMatchObject({ state: 'active', lastMessage: { direction: 'inbound' } });
    expect(byId[SEED.conversations.ended].state).toBe('ended');
    expect(byId[SEED.conversations.activeTwoAgents].participants.map((p: { name: string }) => p.name)).toContain('Jonas Weber');
  });

  it('shows a conversation transcript oldest first, with sender names and directions', async () => {
    // Act
    const { body } = await http(`${ctx.emulator.url}/__ui/conversations/${SEED.conversations.active}`);

    // Assess
    expect(body.messages[0]).toMatchObject({ direction: 'inbound', senderName: 'Ana Souza' });
    expect(body.messages[1]).toMatchObject({ direction: 'outbound', senderName: 'Maya Chen', senderPurpose: 'agent' });
    const times = body.messages.map((m: { timestamp: string }) => Date.parse(m.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('lists the canned-response libraries with plain-text previews', async () => {
    // Act
    const { body } = await http(`${ctx.emulator.url}/__ui/library`);

    // Assess
    const careResponses = body.libraries.find((l: { name: string }) => l.name === 'Customer Care').responses;
    const hours = careResponses.find((r: { id: string }) => r.id === SEED.responses.openingHours);
    expect(hours.preview).toMatch(/^Our customer care team is available: • Monday to Friday: 8:00 – 20:00 • Saturday/);
    expect(hours.preview).not.toContain('<');
  });

  it('streams a sent message to the page as a server-sent event', async () => {
    // Prepare
    const abort = new AbortController();
    const stream = await fetch(`${ctx.emulator.url}/__ui/events`, { signal: abort.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const received = nextEvent(stream.body!, 'message');

    // Act
    const sent = await ctx.api.post(sendPath(SEED.conversations.active, SEED.communications.activeAgent), {
      textBody: 'Live from the test',
    });

    // Assess
    expect(await received).toEqual({
      conversationId: SEED.conversations.active,
      message: expect.objectContaining({
        id: sent.body.id,
        direction: 'outbound',
        senderName: 'Maya Chen',
        text: 'Live from the test',
      }),
    });
    abort.abort();
  });
});
