import { describe, expect, it } from 'vitest';
import { checkFreeTextWindow, checkTemplateChannel, customerLastWrote, WHATSAPP_WINDOW_MS } from '../../src/channels';
import type { Conversation } from '../../src/genesys/models';
import { appErrorThrownBy } from '../support/errors';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const iso = (msBeforeNow: number) => new Date(NOW - msBeforeNow).toISOString();

function whatsapp(customerMessageTimes: string[]): Conversation {
  return {
    id: 'conv-wa',
    participants: [
      {
        id: 'p-c',
        purpose: 'customer',
        messages: [{ id: 'comm-c', state: 'connected', type: 'whatsapp', messages: customerMessageTimes.map((messageTime) => ({ messageTime })) }],
      },
      // The agent's messages do not open the window.
      { id: 'p-a', purpose: 'agent', messages: [{ id: 'comm-a', state: 'connected', type: 'whatsapp', messages: [{ messageTime: iso(1_000) }] }] },
    ],
  };
}

describe('customerLastWrote', () => {
  it("takes the newest of the customer participant's message times", () => {
    expect(customerLastWrote(whatsapp([iso(90_000_000), iso(60_000), iso(3_600_000)]))).toBe(NOW - 60_000);
  });

  it('is undefined for a customer who never wrote', () => {
    expect(customerLastWrote(whatsapp([]))).toBeUndefined();
  });
});

describe('checkFreeTextWindow', () => {
  it('lets free text through within 24 hours of the customer message, to the millisecond', () => {
    expect(() => checkFreeTextWindow(whatsapp([iso(WHATSAPP_WINDOW_MS)]), 'whatsapp', NOW)).not.toThrow();
  });

  it.each([
    ['24 hours and 1 ms ago', [iso(WHATSAPP_WINDOW_MS + 1)]],
    ['never', []],
  ])('refuses free text to a WhatsApp customer who last wrote %s (422)', (_case, times) => {
    // Act
    const error = appErrorThrownBy(() => checkFreeTextWindow(whatsapp(times), 'whatsapp', NOW));

    // Assess
    expect(error.code).toBe('response_not_sendable');
    expect(error.message).toMatch(/WhatsApp now accepts only template responses/);
  });

  it('does not apply to other channels', () => {
    expect(() => checkFreeTextWindow(whatsapp([]), 'sms', NOW)).not.toThrow();
  });
});

describe('checkTemplateChannel', () => {
  it('lets a template go to WhatsApp and refuses it elsewhere, naming the channel', () => {
    // Act
    const error = appErrorThrownBy(() => checkTemplateChannel('webmessaging', 'Order shipped'));

    // Assess
    expect(() => checkTemplateChannel('whatsapp', 'Order shipped')).not.toThrow();
    expect(error.code).toBe('response_not_sendable');
    expect(error.message).toMatch(/on webmessaging/);
  });
});
