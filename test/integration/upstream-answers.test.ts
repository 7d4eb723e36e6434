import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { httpApiV2Event, lambdaContext } from '../support/events';
import { httpAnswer, useStack } from '../support/stack';

/**
 * What Genesys answers is checked, not trusted, and a message it accepted is answered as delivered: the emulator's
 * `rewrite` fault mangles the send's answer after the message went out; `answer` plays odd canned responses.
 */
const stack = useStack();

const conversationId = SEED.conversations.active;
const communicationId = SEED.communications.activeAgent;
const responseId = SEED.responses.welcome;

async function send(body: Record<string, unknown>) {
  return httpAnswer(await stack.invoke(httpApiV2Event({ conversationId, body: { communicationId, ...body } }), lambdaContext()));
}

/** A canned response as Response Management would answer it (only the fields the function reads). */
function cannedResponse(content: string, options: { contentType?: string; substitutions?: Array<{ id: string; defaultValue?: string }>; id?: string } = {}) {
  return JSON.stringify({
    id: options.id ?? responseId,
    name: 'Odd response',
    version: 1,
    texts: [{ content, contentType: options.contentType ?? 'text/plain', type: 'body' }],
    substitutions: options.substitutions ?? [],
  });
}

function answerResponseWith(body: string): void {
  stack.emulator.faults.inject('getResponse', { kind: 'answer', status: 200, body });
}

describe('a send Genesys accepted is answered as delivered', () => {
  it.each([
    ['without timestamp', { omit: ['timestamp'] }],
    ['with status null', { set: { status: null } }],
    ['with neither', { omit: ['timestamp', 'status'] }],
  ])('a 2xx answer %s: 200 with the fields read back from the conversation', async (_name, edit) => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'rewrite', ...edit });
    // Act
    const answer = await send({ responseId, substitutions: { CUSTOMER_NAME: 'Ana' } });
    // Assess
    const [delivered] = stack.emulator.state.sentMessages;
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ messageId: delivered?.messageData.id, status: delivered?.messageData.status, timestamp: delivered?.messageData.timestamp });
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
  });

  it('a truncated 2xx answer: 200 with what is known, never a retryable error', async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'rewrite', truncateTo: 20 });
    // Act
    const answer = await send({ responseId, substitutions: { CUSTOMER_NAME: 'Ana' } });
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ conversationId, communicationId, responseId, text: expect.stringContaining('Hello Ana') });
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
    // The id the answer lost is found on the conversation.
    const sent = stack.emulator.state.sentMessages[0]!.messageData;
    expect(answer.body).toMatchObject({ messageId: sent.id, status: sent.status });
  });

  it('a truncated 2xx answer whose message cannot be looked up: 200 with messageId "", never an error', async () => {
    // Prepare
    stack.emulator.faults.inject('sendMessage', { kind: 'rewrite', truncateTo: 20 });
    stack.emulator.faults.inject('getMessageConversation', { kind: 'status', status: 500 }, 8);
    // Act
    const answer = await send({ responseId, substitutions: { CUSTOMER_NAME: 'Ana' } });
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ messageId: '', status: 'unknown', timestamp: expect.any(String), text: expect.stringContaining('Hello Ana') });
    expect(stack.emulator.state.sentMessages).toHaveLength(1);
  });
});

describe('placeholders never reach a customer raw', () => {
  it.each([
    ['an id with a space', 'Hi {{Customer Name}}!', [{ id: 'Customer Name' }], { 'Customer Name': 'Ana' }, 'Hi Ana!'],
    ['an id with a non-ASCII letter, from its default', 'Hola {{NOMBRE_Ñ}}.', [{ id: 'NOMBRE_Ñ', defaultValue: 'cliente' }], {}, 'Hola cliente.'],
  ])('fills %s', async (_name, content, substitutions, given, expected) => {
    // Prepare
    answerResponseWith(cannedResponse(content, { substitutions }));
    // Act
    const answer = await send({ responseId, substitutions: given });
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body.text).toBe(expected);
    expect(stack.emulator.state.sentMessages[0]?.request.textBody).toBe(expected);
  });

  it.each([
    ['split by HTML tags', '<p>Hi {{<b>NAME</b>}}</p>'],
    ['written as HTML entities', '<p>Hi &#123;&#123;NAME&#125;&#125;</p>'],
  ])('fills a placeholder %s', async (_name, content) => {
    // Prepare
    answerResponseWith(cannedResponse(content, { contentType: 'text/html', substitutions: [{ id: 'NAME' }] }));
    // Act
    const answer = await send({ responseId, substitutions: { NAME: 'Ana' } });
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body.text).toBe('Hi Ana');
  });

  it('refuses with 422, naming it, a {{…}} the response does not define', async () => {
    // Prepare
    answerResponseWith(cannedResponse('Hi {{NAME|upper}}', { substitutions: [{ id: 'NAME' }] }));
    // Act
    const answer = await send({ responseId, substitutions: { NAME: 'Ana' } });
    // Assess
    expect(answer.statusCode).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'response_not_sendable', message: expect.stringContaining('{{NAME|upper}}') });
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });

  it('still sends a value that itself contains {{…}} literally', async () => {
    // Act
    const answer = await send({ responseId, substitutions: { CUSTOMER_NAME: '{{AGENT_NAME}}' } });
    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body.text).toContain('Hello {{AGENT_NAME}},');
  });
});

describe('what Genesys answers is bounded and checked', () => {
  it('refuses a canned-response answer far above any real response, and sends nothing', async () => {
    // Prepare: 6 MB of text, well above the stated cap.
    answerResponseWith(cannedResponse('x'.repeat(6 * 1024 * 1024)));
    // Act
    const answer = await send({ responseId });
    // Assess
    expect(answer.statusCode).toBe(502);
    expect(answer.body.error.code).toBe('upstream_error');
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });

  it('treats a canned response with another id than the one asked for as a malformed answer', async () => {
    // Prepare
    answerResponseWith(cannedResponse('Hello there', { id: SEED.responses.openingHours }));
    // Act
    const answer = await send({ responseId });
    // Assess
    expect(answer.statusCode).toBe(502);
    expect(answer.body.error.code).toBe('upstream_error');
    expect(stack.emulator.calls.count('sendMessage')).toBe(0);
  });
});
