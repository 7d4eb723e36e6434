import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../src/genesys/models';
import { buildTemplateMessage, isTemplateResponse } from '../../src/template-parameters';
import { appErrorThrownBy } from '../support/errors';

/** WhatsApp `order_shipped`: {{1}} in header, body and button URL (WhatsApp numbers each part on its own). */
function orderShipped(overrides: Partial<CannedResponse> = {}): CannedResponse {
  return {
    id: '73ceede5-50be-4f26-a195-9613b6034a8a',
    name: 'Order shipped',
    responseType: 'MessagingTemplate',
    texts: [{ content: 'Your order {{1}} arrives {{2}}.', contentType: 'text/plain', type: 'body' }],
    substitutions: [{ id: '1' }, { id: '2', defaultValue: 'within 3 days' }],
    messagingTemplate: {
      whatsApp: {
        name: 'order_shipped',
        language: 'en_US',
        header: { type: 'Text', content: 'Order {{1}}' },
        buttons: [
          { type: 'Url', content: 'https://example.com/orders/{{1}}' },
          { type: 'QuickReply', content: 'Thanks {{9}}' },
        ],
      },
    },
    ...overrides,
  };
}

describe('buildTemplateMessage', () => {
  it('puts each placeholder in the list of the part it stands in, values from substitutions, else defaults', () => {
    // Act
    const message = buildTemplateMessage(orderShipped(), { '1': '51877' });

    // Assess
    expect(message).toEqual({
      messagingTemplate: {
        responseId: '73ceede5-50be-4f26-a195-9613b6034a8a',
        headerParameters: [{ id: '1', value: '51877' }],
        bodyParameters: [
          { id: '1', value: '51877' },
          { id: '2', value: 'within 3 days' },
        ],
        buttonUrlParameters: [{ id: '1', value: '51877' }],
      },
      text: 'Your order 51877 arrives within 3 days.',
      template: { name: 'order_shipped', language: 'en_US' },
    });
  });

  it.each(['URL', 'url'])('takes a button of type %s as a URL button: its spelling is not documented', (type) => {
    // Prepare
    const response = orderShipped({
      messagingTemplate: { whatsApp: { name: 'order_shipped', language: 'en_US', buttons: [{ type, content: 'https://example.com/orders/{{1}}' }] } },
    });

    // Act
    const { messagingTemplate } = buildTemplateMessage(response, { '1': '51877' });

    // Assess
    expect(messagingTemplate.buttonUrlParameters).toEqual([{ id: '1', value: '51877' }]);
  });

  it('leaves out the lists of parts without placeholders', () => {
    // Prepare
    const bodyOnly = orderShipped({
      messagingTemplate: { whatsApp: { name: 'order_shipped', language: 'en_US', header: { type: 'Text', content: 'Shipped' }, buttons: [] } },
    });

    // Act
    const { messagingTemplate } = buildTemplateMessage(bodyOnly, { '1': 'A1', '2': 'today' });

    // Assess
    expect(messagingTemplate).toEqual({ responseId: bodyOnly.id, bodyParameters: [{ id: '1', value: 'A1' }, { id: '2', value: 'today' }] });
  });

  it.each([
    ['no value and no default', {}],
    ['an empty value', { '1': '' }],
    ['a blank value', { '1': '   ' }],
  ])('refuses a placeholder with %s (422), naming every missing id', (_case, substitutions) => {
    // Prepare: 2's default is no value either
    const response = orderShipped({ substitutions: [{ id: '1' }, { id: '2', defaultValue: '' }] });

    // Act
    const error = appErrorThrownBy(() => buildTemplateMessage(response, substitutions));

    // Assess
    expect(error.code).toBe('response_not_sendable');
    expect(error.status).toBe(422);
    expect(error.message).toContain('1, 2');
    expect(error.details).toEqual([
      { path: 'substitutions.1', message: expect.any(String) },
      { path: 'substitutions.2', message: expect.any(String) },
    ]);
  });

  it('refuses a MessagingTemplate without a WhatsApp definition', () => {
    // Act
    const error = appErrorThrownBy(() => buildTemplateMessage(orderShipped({ messagingTemplate: {} }), { '1': 'x' }));

    // Assess
    expect(error.code).toBe('response_not_sendable');
    expect(error.message).toMatch(/without a WhatsApp template definition/);
  });

  it('inserts values literally: a value holding {{2}} is not expanded', () => {
    // Act
    const { text } = buildTemplateMessage(orderShipped(), { '1': '{{2}}', '2': 'today' });

    // Assess
    expect(text).toBe('Your order {{2}} arrives today.');
  });
});

describe('isTemplateResponse', () => {
  it('recognises MessagingTemplate responses only', () => {
    expect([isTemplateResponse(orderShipped()), isTemplateResponse(orderShipped({ responseType: null }))]).toEqual([true, false]);
  });
});
