import { describe, expect, it } from 'vitest';
import { buildMessageText, htmlToPlainText, TEXT_BODY_LIMIT } from '../../src/message-text';
import type { CannedResponse } from '../../src/genesys/models';
import { appErrorThrownBy } from '../support/errors';

function cannedResponse(overrides: Partial<CannedResponse> = {}): CannedResponse {
  return {
    id: '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10',
    name: 'Welcome',
    texts: [{ content: 'Hello {{CUSTOMER_NAME}}, this is {{AGENT_NAME}}.', contentType: 'text/plain', type: 'body' }],
    substitutions: [
      { id: 'CUSTOMER_NAME', description: 'Customer name' },
      { id: 'AGENT_NAME', description: 'Agent name', defaultValue: 'your agent' },
    ],
    ...overrides,
  };
}


describe('buildMessageText', () => {
  it('fills placeholders from the request', () => {
    // Act
    const text = buildMessageText(cannedResponse(), { CUSTOMER_NAME: 'Ana', AGENT_NAME: 'Sam' });
    // Assess
    expect(text).toBe('Hello Ana, this is Sam.');
  });

  it("falls back to the response's default value", () => {
    expect(buildMessageText(cannedResponse(), { CUSTOMER_NAME: 'Ana' })).toBe('Hello Ana, this is your agent.');
  });

  it('refuses to send a placeholder that has neither a value nor a default (422, never raw)', () => {
    // Act
    const error = appErrorThrownBy(() => buildMessageText(cannedResponse(), {}));
    // Assess
    expect(error.code).toBe('response_not_sendable');
    expect(error.status).toBe(422);
    expect(error.message).toContain('CUSTOMER_NAME');
    expect(error.details).toEqual([{ path: 'substitutions.CUSTOMER_NAME', message: expect.any(String) }]);
  });

  it('inserts values literally: a value holding {{ID}} is not expanded again', () => {
    const text = buildMessageText(cannedResponse(), { CUSTOMER_NAME: '{{AGENT_NAME}}', AGENT_NAME: 'Sam' });
    expect(text).toBe('Hello {{AGENT_NAME}}, this is Sam.');
  });

  it.each(['{{A{B}}', 'Hi {{CUSTOMER_NAME{x}} there', '{{ {{ }}'])('refuses a brace run that is no single placeholder, naming it: %s', (content) => {
    // Act
    const error = appErrorThrownBy(() =>
      buildMessageText(cannedResponse({ texts: [{ content, contentType: 'text/plain', type: 'body' }] }), { CUSTOMER_NAME: 'Ana' }),
    );
    // Assess
    expect(error.code).toBe('response_not_sendable');
    expect(error.message).toContain('which is not one of its placeholders');
  });

  it('tolerates spaces inside the braces', () => {
    const response = cannedResponse({ texts: [{ content: 'Hi {{ CUSTOMER_NAME }}!', contentType: 'text/plain', type: 'body' }] });
    expect(buildMessageText(response, { CUSTOMER_NAME: 'Ana' })).toBe('Hi Ana!');
  });

  it('does not treat inherited object keys as substitutions', () => {
    const response = cannedResponse({ texts: [{ content: 'x {{constructor}} {{__proto__}}', contentType: 'text/plain', type: 'body' }], substitutions: [] });
    const error = appErrorThrownBy(() => buildMessageText(response, {}));
    expect(error.message).toContain('constructor, __proto__');
  });

  it('converts an HTML body to readable text, escaping substituted values', () => {
    // Prepare
    const response = cannedResponse({
      texts: [
        {
          contentType: 'text/html',
          type: 'body',
          content:
            '<p>Dear {{CUSTOMER_NAME}},</p><p>We are open:<br>Mon&ndash;Fri</p><ul><li>9&nbsp;am to 5 pm</li><li>Sat 10 am</li></ul>' +
            '<p>See <a href="https://example.com/hours">our hours</a> or <a href="https://example.com">https://example.com</a>.</p>',
        },
      ],
    });
    // Act
    const text = buildMessageText(response, { CUSTOMER_NAME: '<b>Ana</b> & co' });
    // Assess
    expect(text).toBe(
      'Dear <b>Ana</b> & co,\n\nWe are open:\nMon–Fri\n\n• 9 am to 5 pm\n• Sat 10 am\n\nSee our hours (https://example.com/hours) or https://example.com.',
    );
  });

  it('prefers a plain-text body over an HTML one, and ignores the subject', () => {
    const response = cannedResponse({
      texts: [
        { content: 'Subject line', contentType: 'text/plain', type: 'subject' },
        { content: '<p>html</p>', contentType: 'text/html', type: 'body' },
        { content: 'plain', contentType: 'text/plain', type: 'body' },
      ],
    });
    expect(buildMessageText(response)).toBe('plain');
  });

  it.each([
    ['no body text', { texts: [{ content: 'Only a subject', contentType: 'text/plain', type: 'subject' }] }, 'has no body text'],
    ['a messaging template', { responseType: 'MessagingTemplate', texts: [] }, 'MessagingTemplate'],
    ['an email response', { interactionType: 'email' }, 'email'],
    ['an HTML body that renders to nothing', { texts: [{ content: '<p> </p><img src="x">', contentType: 'text/html', type: 'body' }] }, 'empty'],
  ])('rejects %s with 422', (_name, overrides, reason) => {
    const error = appErrorThrownBy(() => buildMessageText(cannedResponse(overrides as Partial<CannedResponse>), { CUSTOMER_NAME: 'A' }));
    expect(error.code).toBe('response_not_sendable');
    expect(error.message).toContain(reason);
  });

  it('enforces the 2,000-character limit on the built text, not the template', () => {
    // Prepare: the template is short, the substituted text is one character over.
    const response = cannedResponse({ texts: [{ content: 'x{{CUSTOMER_NAME}}', contentType: 'text/plain', type: 'body' }] });
    // Act / Assess
    expect(buildMessageText(response, { CUSTOMER_NAME: 'y'.repeat(TEXT_BODY_LIMIT - 1) })).toHaveLength(TEXT_BODY_LIMIT);
    expect(appErrorThrownBy(() => buildMessageText(response, { CUSTOMER_NAME: 'y'.repeat(TEXT_BODY_LIMIT) })).message).toContain('2001 characters');
  });
});

describe('htmlToPlainText', () => {
  it('keeps ordered lists numbered and drops scripts', () => {
    expect(htmlToPlainText('<ol><li>one</li><li>two</li></ol><script>alert(1)</script>')).toBe('1. one\n2. two');
  });
});
