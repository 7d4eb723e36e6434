import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { httpApiV2Event } from '../support/events';
import { httpAnswer, thrownBody, useStack } from '../support/stack';

const stack = useStack();
const { conversations, communications, responses } = SEED;

/** The seeded `order_shipped` template with its order number; the delivery estimate falls back to its default. */
const orderShipped = { responseId: responses.template, substitutions: { '1': '51877' } };
const welcome = { responseId: responses.welcome, substitutions: { CUSTOMER_NAME: 'Omar' } };

/** The seeded welcome text ("Hello {{CUSTOMER_NAME}}, this is {{AGENT_NAME}}. …") without the customer's name. */
const WELCOME_WITHOUT_NAME = 'Hello , this is Maya. How can I help you today?'.length;
const EMOJI = '\u{1F642}'; // 🙂: one code point, two UTF-16 code units

/** The welcome response built to exactly `length` UTF-16 code units, the customer's name ending in `emoji` emoji. */
function welcomeOfLength(length: number, emoji = 0) {
  const name = 'a'.repeat(length - WELCOME_WITHOUT_NAME - EMOJI.length * emoji) + EMOJI.repeat(emoji);
  return { responseId: responses.welcome, substitutions: { CUSTOMER_NAME: name, AGENT_NAME: 'Maya' } };
}

function sendCalls() {
  return stack.emulator.calls.list().filter((call) => call.route === 'sendMessage');
}

describe('WhatsApp template responses', () => {
  it('sends a template with header, body and button parameters, and answers its filled body text', async () => {
    // Act
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: conversations.whatsappWindowClosed, body: orderShipped })));

    // Assess
    expect(answer.statusCode).toBe(200);
    const sent = stack.emulator.state.sentMessages;
    expect(sent.map((message) => message.request)).toEqual([
      {
        messagingTemplate: {
          responseId: responses.template,
          headerParameters: [{ id: '1', value: '51877' }],
          bodyParameters: [
            { id: '1', value: '51877' },
            { id: '2', value: 'within 3 business days' },
          ],
          buttonUrlParameters: [{ id: '1', value: '51877' }],
        },
      },
    ]);
    expect(answer.body).toEqual({
      messageId: sent[0]!.messageData.id,
      conversationId: conversations.whatsappWindowClosed,
      communicationId: communications.whatsappWindowClosedAgent,
      responseId: responses.template,
      responseName: 'Order shipped (WhatsApp template)',
      text: 'Good news: your order 51877 has shipped and should arrive within 3 business days. Reply here if you have any questions.',
      status: sent[0]!.messageData.status,
      timestamp: sent[0]!.messageData.timestamp,
      template: { name: 'order_shipped', language: 'en_US' },
    });
  });

  it('takes each parameter from the part it stands in: a header-only, a body-only and a button-only id', async () => {
    // Act
    const outcome = await stack.invoke({
      conversationId: conversations.whatsappWindowClosed,
      responseId: responses.appointmentReminder,
      substitutions: { '1': '3 December, 10:30', '3': 'B-2291' },
    });

    // Assess
    expect(stack.emulator.state.sentMessages.map((message) => message.request)).toEqual([
      {
        messagingTemplate: {
          responseId: responses.appointmentReminder,
          headerParameters: [{ id: '1', value: '3 December, 10:30' }],
          bodyParameters: [{ id: '2', value: 'there' }],
          buttonUrlParameters: [{ id: '3', value: 'B-2291' }],
        },
      },
    ]);
    expect(outcome.ok && outcome.value).toMatchObject({
      text: 'Hi there, this is a reminder of your appointment. Reply YES to confirm, or use the button to reschedule.',
      template: { name: 'appointment_reminder', language: 'en_GB' },
    });
  });

  it('takes the flat substitution_<ID> inputs of an Architect action for template ids such as 1 and 2', async () => {
    // Act
    const outcome = await stack.invoke({
      conversationId: conversations.whatsappWindowOpen,
      responseId: responses.template,
      substitution_1: '50934',
      substitution_2: 'tomorrow',
      communicationId: '',
    });

    // Assess
    expect(outcome.ok && outcome.value).toMatchObject({ text: expect.stringContaining('50934 has shipped and should arrive tomorrow') });
    expect(stack.emulator.state.sentMessages[0]!.request.messagingTemplate!.bodyParameters).toEqual([
      { id: '1', value: '50934' },
      { id: '2', value: 'tomorrow' },
    ]);
  });

  it.each([
    ['missing', {}],
    ['empty', { '1': '' }],
  ])('refuses a template whose parameter is %s (422 naming it), sending nothing', async (_case, substitutions) => {
    // Act
    const { name, body } = thrownBody(
      await stack.invoke({ conversationId: conversations.whatsappWindowClosed, responseId: responses.template, substitutions }),
    );

    // Assess
    expect(name).toBe('response_not_sendable');
    expect(body.error.details).toEqual([{ path: 'substitutions.1', message: expect.any(String) }]);
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });

  it.each([
    ['web messaging', conversations.active, 'webmessaging'],
    ['SMS', conversations.sms, 'sms'],
  ])('refuses a template to %s (422 naming the channel), sending nothing', async (_case, conversationId, channel) => {
    // Act
    const answer = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId, body: orderShipped })));

    // Assess
    expect(answer.statusCode).toBe(422);
    expect(answer.body.error.code).toBe('response_not_sendable');
    expect(answer.body.error.message).toContain(`on ${channel}`);
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });

  it('reads the conversation once for a template even when communicationId is given', async () => {
    // Act
    const outcome = await stack.invoke({
      conversationId: conversations.whatsappWindowClosed,
      communicationId: communications.whatsappWindowClosedAgent,
      ...orderShipped,
    });

    // Assess
    expect(outcome.ok).toBe(true);
    expect(stack.emulator.calls.counts()).toMatchObject({ getResponse: 1, getConversation: 1, sendMessage: 1 });
  });

  it('answers 409 for a template with a given communicationId that is not a connected agent communication', async () => {
    // Prepare: the customer's own communication
    const customer = stack.emulator.state.conversations
      .get(conversations.whatsappWindowClosed)!
      .participants.find((participant) => participant.purpose === 'customer')!;

    // Act
    const { name } = thrownBody(
      await stack.invoke({ conversationId: conversations.whatsappWindowClosed, communicationId: customer.communication.id, ...orderShipped }),
    );

    // Assess
    expect(name).toBe('conversation_not_active');
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });
});

describe("WhatsApp's 24-hour window", () => {
  it('refuses free text to a customer who last wrote over 24 hours ago, sending nothing', async () => {
    // Act
    const { name, body } = thrownBody(await stack.invoke({ conversationId: conversations.whatsappWindowClosed, ...welcome }));

    // Assess
    expect(name).toBe('response_not_sendable');
    expect(body.error.message).toMatch(/WhatsApp now accepts only template responses/);
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });

  it("with communicationId given: one refused attempt, then 422 with Genesys's contextId", async () => {
    // Act
    const { name, body } = thrownBody(
      await stack.invoke({ conversationId: conversations.whatsappWindowClosed, communicationId: communications.whatsappWindowClosedAgent, ...welcome }),
    );

    // Assess
    expect(name).toBe('response_not_sendable');
    expect(body.error.message).toMatch(/WhatsApp now accepts only template responses/);
    expect(sendCalls().map((call) => ({ status: call.status, contextId: call.contextId }))).toEqual([{ status: 400, contextId: body.error.genesysContextId }]);
    expect(body.error.genesysContextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(stack.emulator.calls.count('getConversation')).toBe(1);
    expect(stack.emulator.state.sentMessages).toHaveLength(0);
  });

  it('sends free text inside the window', async () => {
    // Act
    const outcome = await stack.invoke({ conversationId: conversations.whatsappWindowOpen, ...welcome });

    // Assess
    expect(outcome.ok && outcome.value).toMatchObject({ communicationId: communications.whatsappWindowOpenAgent, status: 'sent' });
    expect(stack.emulator.state.sentMessages.map((message) => message.request)).toEqual([{ textBody: expect.stringContaining('Hello Omar') }]);
  });
});

describe('channel limits', () => {
  it('refuses a text over 765 characters to SMS, sending nothing, while web messaging takes it', async () => {
    // Act
    const sms = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: conversations.sms, body: { responseId: responses.returnsPolicy } })));
    const web = httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: conversations.active, body: { responseId: responses.returnsPolicy } })));

    // Assess
    expect(sms.statusCode).toBe(422);
    expect(sms.body.error.message).toMatch(/970 characters; the channel allows 765/);
    expect(web.statusCode).toBe(200);
    expect(sendCalls().map((call) => call.path)).toEqual([expect.stringContaining(conversations.active)]);
  });

  it("with communicationId given: Genesys's refusal of an SMS over 765 characters is explained as 422", async () => {
    // Act
    const { name, body } = thrownBody(
      await stack.invoke({ conversationId: conversations.sms, communicationId: communications.smsAgent, responseId: responses.returnsPolicy }),
    );

    // Assess
    expect(name).toBe('response_not_sendable');
    expect(body.error.message).toMatch(/970 characters; the channel allows 765/);
    expect(body.error.genesysContextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sendCalls().map((call) => call.status)).toEqual([400]);
  });
});

describe('channel limits, counted as the function and the emulator both count (UTF-16 code units)', () => {
  it('sends 765 characters to SMS and refuses 766, sending nothing', async () => {
    // Act
    const fits = await stack.invoke({ conversationId: conversations.sms, ...welcomeOfLength(765) });
    const over = thrownBody(await stack.invoke({ conversationId: conversations.sms, ...welcomeOfLength(766) }));

    // Assess
    expect(fits.ok && fits.value).toMatchObject({ communicationId: communications.smsAgent, status: 'sent' });
    expect(stack.emulator.state.sentMessages.map((message) => message.request.textBody?.length)).toEqual([765]);
    expect(over.body.error).toMatchObject({ code: 'response_not_sendable', message: expect.stringContaining('766 characters; the channel allows 765') });
    expect(sendCalls()).toHaveLength(1);
  });

  it('with communicationId given, Genesys takes 765 units with emoji and refuses 766, which is explained as 422', async () => {
    // Prepare: 764 and 765 code points, so a count by code points would let both through
    const given = { conversationId: conversations.sms, communicationId: communications.smsAgent };

    // Act
    const fits = await stack.invoke({ ...given, ...welcomeOfLength(765, 1) });
    const over = thrownBody(await stack.invoke({ ...given, ...welcomeOfLength(766, 1) }));

    // Assess
    expect(fits.ok).toBe(true);
    expect(over.body.error).toMatchObject({ code: 'response_not_sendable', message: expect.stringContaining('766 characters; the channel allows 765') });
    expect(sendCalls().map((call) => ({ status: call.status, contextId: call.contextId }))).toEqual([
      { status: 200, contextId: expect.any(String) },
      { status: 400, contextId: over.body.error.genesysContextId },
    ]);
    const sent = stack.emulator.state.sentMessages.map(({ request }) => ({ length: request.textBody?.length, withEmoji: request.textBody?.includes(EMOJI) }));
    expect(sent).toEqual([{ length: 765, withEmoji: true }]);
  });

  it('sends 2,000 units with emoji to web messaging and refuses 2,001 (fewer than 2,000 code points), sending nothing', async () => {
    // Prepare: 100 emoji, so 2,001 units are 1,901 code points
    const given = { conversationId: conversations.active, communicationId: communications.activeAgent };

    // Act
    const fits = await stack.invoke({ ...given, ...welcomeOfLength(2_000, 100) });
    const over = thrownBody(await stack.invoke({ ...given, ...welcomeOfLength(2_001, 100) }));

    // Assess
    expect(fits.ok).toBe(true);
    expect(stack.emulator.state.sentMessages.map((message) => message.request.textBody?.length)).toEqual([2_000]);
    expect(over.body.error).toMatchObject({ code: 'response_not_sendable', message: expect.stringContaining('2001 characters; the channel allows 2000') });
    expect(sendCalls()).toHaveLength(1);
  });
});
