import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { http, sendPath, useEmulator } from './harness';

const { conversations, communications } = SEED;
const closedSend = sendPath(conversations.whatsappWindowClosed, communications.whatsappWindowClosedAgent);
const openSend = sendPath(conversations.whatsappWindowOpen, communications.whatsappWindowOpenAgent);
const smsSend = sendPath(conversations.sms, communications.smsAgent);
const HOUR_MS = 3_600_000;

/** A complete send of the seeded `order_shipped` template. */
const orderShipped = (overrides: Record<string, unknown> = {}) => ({
  messagingTemplate: {
    responseId: SEED.responses.template,
    headerParameters: [{ id: '1', value: '51877' }],
    bodyParameters: [
      { id: '1', value: '51877' },
      { id: '2', value: 'on Friday' },
    ],
    buttonUrlParameters: [{ id: '1', value: '51877' }],
    ...overrides,
  },
});

describe('seeded channels', () => {
  const ctx = useEmulator();

  it('reads WhatsApp and SMS conversations with their channel and the customer message times', async () => {
    // Act
    const closed = (await ctx.api.get(`/api/v2/conversations/${conversations.whatsappWindowClosed}`)).body;
    const sms = (await ctx.api.get(`/api/v2/conversations/${conversations.sms}`)).body;

    // Assess
    const customer = closed.participants.find((p: { purpose: string }) => p.purpose === 'customer');
    const agent = closed.participants.find((p: { purpose: string }) => p.purpose === 'agent');
    expect(customer.messages[0].type).toBe('whatsapp');
    expect(agent.messages[0]).toMatchObject({ id: communications.whatsappWindowClosedAgent, state: 'connected', type: 'whatsapp' });
    const lastWrote = Math.max(...customer.messages[0].messages.map((m: { messageTime: string }) => Date.parse(m.messageTime)));
    expect(Date.now() - lastWrote).toBeGreaterThan(24 * HOUR_MS);
    const smsAgent = sms.participants.find((p: { purpose: string }) => p.purpose === 'agent');
    expect(smsAgent.messages[0]).toMatchObject({ id: communications.smsAgent, type: 'sms' });
  });
});

describe('sending a WhatsApp template', () => {
  const ctx = useEmulator();

  it('accepts a complete template outside the 24-hour window and shows it as the customer sees it', async () => {
    // Act
    const { status, body } = await ctx.api.post(closedSend, orderShipped());

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: expect.any(String), status: 'sent', messengerType: 'whatsapp' });
    expect(ctx.emulator.state.sentMessages.map((sent) => sent.request)).toEqual([orderShipped()]);
    const page = (await http(`${ctx.emulator.url}/__ui/conversations/${conversations.whatsappWindowClosed}`)).body;
    expect(page.channel).toBe('whatsapp');
    expect(page.messages.at(-1)).toEqual({
      id: body.id,
      direction: 'outbound',
      senderName: 'Maya Chen',
      senderPurpose: 'agent',
      text: 'Good news: your order 51877 has shipped and should arrive on Friday. Reply here if you have any questions.',
      timestamp: body.timestamp,
      template: {
        name: 'order_shipped',
        language: 'en_US',
        header: 'Order 51877 is on its way',
        body: 'Good news: your order 51877 has shipped and should arrive on Friday. Reply here if you have any questions.',
        footer: 'Example Store customer care',
        buttons: [{ label: 'Track parcel', url: 'https://example.com/orders/51877/tracking' }],
      },
    });
  });

  it('takes the deprecated parameters list as the body parameters', async () => {
    // Act
    const { status } = await ctx.api.post(
      openSend,
      orderShipped({ bodyParameters: undefined, parameters: [{ id: '1', value: '50934' }, { id: '2', value: 'tomorrow' }] }),
    );

    // Assess
    expect(status).toBe(200);
  });

  it.each([
    ['a body parameter missing', { bodyParameters: [{ id: '1', value: '51877' }] }, /bodyParameters is missing a value for 2/],
    ['the header parameter missing', { headerParameters: [] }, /headerParameters is missing a value for 1/],
    ['the button URL parameter missing', { buttonUrlParameters: undefined }, /buttonUrlParameters is missing a value for 1/],
    ['an empty value', { headerParameters: [{ id: '1', value: '' }] }, /headerParameters parameter 1 has an empty value/],
    ['an id the part does not use', { headerParameters: [{ id: '1', value: 'a' }, { id: '2', value: 'b' }] }, /headerParameters names 2/],
    ['a value that is no string', { bodyParameters: [{ id: '1', value: 51877 }, { id: '2', value: 'x' }] }, /string values/],
    ['parameters and bodyParameters both', { parameters: [] }, /deprecated name of bodyParameters/],
    ['a plain response', { responseId: SEED.responses.welcome }, /not a messaging template response/],
  ])('answers 400 invalid.value naming the body for %s, sending nothing', async (_case, overrides, message) => {
    // Act
    const answer = await ctx.api.post(closedSend, orderShipped(overrides));

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'invalid.value',
      status: 400,
      messageParams: { field: 'body' },
      contextId: expect.any(String),
    });
    expect(answer.body.message).toMatch(message);
    expect(ctx.emulator.state.sentMessages).toHaveLength(0);
  });

  it('refuses a template together with a textBody (one body field per message)', async () => {
    // Act
    const answer = await ctx.api.post(closedSend, { textBody: 'Hi', ...orderShipped() });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/got textBody and messagingTemplate/);
  });

  it.each([
    ['web messaging', sendPath(conversations.active, communications.activeAgent), /is webmessaging/],
    ['SMS', smsSend, /is sms/],
  ])('refuses a template on %s, naming the channel', async (_case, path, message) => {
    // Act
    const answer = await ctx.api.post(path, orderShipped());

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/only be sent on a whatsapp communication/);
    expect(answer.body.message).toMatch(message);
    expect(ctx.emulator.state.sentMessages).toHaveLength(0);
  });
});

describe('channel rules for free text', () => {
  const ctx = useEmulator();

  it('refuses text and media to a WhatsApp customer who last wrote more than 24 hours ago', async () => {
    // Act
    const text = await ctx.api.post(closedSend, { textBody: 'Your order has shipped.' });
    const media = await ctx.api.post(closedSend, { mediaIds: ['5d0c1e9a-8a3b-4f5e-9d2c-7b6a5f4e3d2c'] });

    // Assess
    for (const answer of [text, media]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ status: 400, code: 'bad.request', contextId: expect.any(String) });
      expect(answer.body.message).toMatch(/only template messages/);
      expect(answer.body.messageParams).toEqual({ communicationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(answer.headers.get('inin-correlation-id')).toBe(answer.body.contextId);
    }
    expect(ctx.emulator.state.sentMessages).toHaveLength(0);
  });

  it('delivers text inside the window, and again once the customer wrote', async () => {
    // Prepare: the customer of the closed window writes again.
    const closed = ctx.emulator.state.conversations.get(conversations.whatsappWindowClosed)!;
    const customer = closed.participants.find((p) => p.purpose === 'customer')!;
    const inside = await ctx.api.post(openSend, { textBody: 'Here is your return label.' });
    closed.transcript.push({
      id: 'b9d0e1f2-a3b4-4c5d-8e6f-7a8b9c0d1e2f',
      participantId: customer.id,
      direction: 'inbound',
      text: 'Hello?',
      timestamp: new Date().toISOString(),
      status: 'received',
    });

    // Act
    const reopened = await ctx.api.post(closedSend, { textBody: 'Sorry for the wait!' });

    // Assess
    expect([inside.status, reopened.status]).toEqual([200, 200]);
  });

  it('takes 765 characters on SMS and refuses 766', async () => {
    // Act
    const longest = await ctx.api.post(smsSend, { textBody: 'x'.repeat(765) });
    const tooLong = await ctx.api.post(smsSend, { textBody: 'x'.repeat(766) });

    // Assess
    expect(longest.status).toBe(200);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/766 characters.*maximum for sms is 765/);
  });
});
