import { describe, expect, it } from 'vitest';
import { cannedResponseSchema, conversationSchema, messageDataSchema } from '../../../src/genesys/models';

/** The models read Genesys answers: unknown fields must never break a send, absent lists read as empty. */

describe('cannedResponseSchema', () => {
  it('reads a response without texts or substitutions (null or absent) as empty lists, keeping unknown fields', () => {
    const response = cannedResponseSchema.parse({ id: 'r', name: 'n', texts: null, dateCreated: '2026-01-01', libraries: [] });
    expect(response).toMatchObject({ texts: [], substitutions: [], dateCreated: '2026-01-01', libraries: [] });
  });

  it('reads the WhatsApp definition of a messaging template', () => {
    const template = { whatsApp: { name: 'order_update', language: 'en_US', header: null, buttons: [{ type: 'Url' }] } };
    expect(cannedResponseSchema.parse({ id: 'r', name: 'n', messagingTemplate: template }).messagingTemplate?.whatsApp).toMatchObject({
      name: 'order_update',
      language: 'en_US',
    });
    expect(cannedResponseSchema.safeParse({ id: 'r', name: 'n', messagingTemplate: { whatsApp: { name: 'order_update' } } }).success).toBe(false);
  });

  it('requires an id and a name, and text content with its type', () => {
    expect(cannedResponseSchema.safeParse({ id: 'r' }).success).toBe(false);
    expect(cannedResponseSchema.safeParse({ id: 'r', name: 'n', texts: [{ content: 'Hi' }] }).success).toBe(false);
  });
});

describe('conversationSchema', () => {
  it('reads participants without messages, and a conversation without participants, as empty lists', () => {
    expect(conversationSchema.parse({ id: 'c', participants: [{ id: 'p', purpose: 'customer' }] }).participants[0]?.messages).toEqual([]);
    expect(conversationSchema.parse({ id: 'c', participants: null }).participants).toEqual([]);
  });
});

describe('messageDataSchema', () => {
  it('requires a non-empty id, timestamp and status (the SDK model), and keeps textBody', () => {
    expect(messageDataSchema.parse({ id: 'm', timestamp: 't', status: 'sent', textBody: 'Hi' })).toMatchObject({ textBody: 'Hi' });
    expect(messageDataSchema.safeParse({ id: '', timestamp: 't', status: 'sent' }).success).toBe(false);
    expect(messageDataSchema.safeParse({ id: 'm', status: 'sent' }).success).toBe(false);
  });
});
