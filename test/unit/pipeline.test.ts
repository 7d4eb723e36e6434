import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/deadline';
import { AppError, GenesysApiError } from '../../src/errors';
import type { CannedResponse, Conversation, MessageData } from '../../src/genesys/models';
import { type PipelineDeps, sendCannedResponse } from '../../src/pipeline';
import type { SendInput } from '../../src/types';
import { appErrorRejectedBy } from '../support/errors';

const RESPONSE: CannedResponse = {
  id: 'resp-1',
  name: 'Welcome',
  texts: [{ content: 'Hello {{CUSTOMER_NAME}}', contentType: 'text/plain', type: 'body' }],
  substitutions: [{ id: 'CUSTOMER_NAME', defaultValue: 'there' }],
};

const LIVE: Conversation = {
  id: 'conv-1',
  participants: [
    { id: 'p-c', purpose: 'customer', messages: [{ id: 'comm-c', state: 'connected', type: 'webmessaging' }] },
    { id: 'p-a', purpose: 'agent', userId: 'user-a', messages: [{ id: 'comm-a', state: 'connected', type: 'webmessaging' }] },
  ],
};

/** Records which Genesys operations the pipeline asked for; each behaves as configured. */
function genesys(overrides: Partial<PipelineDeps> = {}) {
  const calls: string[] = [];
  const deps: PipelineDeps = {
    getResponse: async (id) => {
      calls.push(`getResponse ${id}`);
      return overrides.getResponse ? overrides.getResponse(id, Deadline.in(1)) : RESPONSE;
    },
    getConversation: async (id) => {
      calls.push(`getConversation ${id}`);
      return overrides.getConversation ? overrides.getConversation(id, Deadline.in(1)) : LIVE;
    },
    postMessage: async (conversationId, communicationId, body) => {
      calls.push(`postMessage ${communicationId} ${body.textBody ?? JSON.stringify(body)}`);
      if (overrides.postMessage) return overrides.postMessage(conversationId, communicationId, body, Deadline.in(1));
      const message: MessageData = { id: 'msg-1', status: 'sent', timestamp: '2026-11-28T12:00:00.000Z' };
      return message;
    },
    getMessageConversation: async (conversationId) => {
      calls.push(`getMessageConversation ${conversationId}`);
      return overrides.getMessageConversation ? overrides.getMessageConversation(conversationId, Deadline.in(1)) : { participants: [] };
    },
    getMessages: async (conversationId, messageIds) => {
      calls.push(`getMessages ${messageIds.join(',')}`);
      return overrides.getMessages ? overrides.getMessages(conversationId, messageIds, Deadline.in(1)) : [];
    },
    pause: async (ms) => {
      calls.push(`pause ${ms}`);
    },
    onReconciled: (message) => calls.push(`onReconciled ${message.id}`),
  };
  return { deps, calls };
}

const input: SendInput = { conversationId: 'conv-1', responseId: 'resp-1', substitutions: { CUSTOMER_NAME: 'Ana' } };


describe('sendCannedResponse', () => {
  it('uses a given communicationId as is, without reading the conversation', async () => {
    // Prepare
    const { deps, calls } = genesys();
    // Act
    const result = await sendCannedResponse({ ...input, communicationId: 'comm-given' }, deps, Deadline.in(5_000));
    // Assess
    expect(calls).toEqual(['getResponse resp-1', 'postMessage comm-given Hello Ana']);
    expect(result).toEqual({
      messageId: 'msg-1',
      conversationId: 'conv-1',
      communicationId: 'comm-given',
      responseId: 'resp-1',
      responseName: 'Welcome',
      text: 'Hello Ana',
      status: 'sent',
      timestamp: '2026-11-28T12:00:00.000Z',
    });
  });

  it("derives the agent's communication and sends the built text", async () => {
    const { deps, calls } = genesys();
    const result = await sendCannedResponse({ ...input, substitutions: {} }, deps, Deadline.in(5_000));
    expect(calls).toEqual(['getResponse resp-1', 'getConversation conv-1', 'postMessage comm-a Hello there']);
    expect(result.communicationId).toBe('comm-a');
  });

  it('fetches the response and the conversation concurrently', async () => {
    // Prepare: each read takes 500 ms, so one after the other would take 1,000 (400 ms of room for a loaded machine).
    const slow = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 500));
    const { deps } = genesys({ getResponse: () => slow(RESPONSE), getConversation: () => slow(LIVE) });
    // Act
    const started = performance.now();
    await sendCannedResponse(input, deps, Deadline.in(5_000));
    // Assess
    expect(performance.now() - started).toBeLessThan(900);
  });

  it("reports the response's problem first when both reads fail", async () => {
    const { deps } = genesys({
      getResponse: async () => {
        throw new AppError('response_not_found', 'no response');
      },
      getConversation: async () => {
        throw new AppError('conversation_not_found', 'no conversation');
      },
    });
    expect((await appErrorRejectedBy(sendCannedResponse(input, deps, Deadline.in(5_000)))).code).toBe('response_not_found');
  });

  it('applies the SMS limit when the agent communication is SMS', async () => {
    const sms: Conversation = {
      ...LIVE,
      participants: [{ id: 'p-a', purpose: 'agent', messages: [{ id: 'comm-sms', state: 'connected', type: 'sms' }] }],
    };
    const { deps, calls } = genesys({ getConversation: async () => sms });
    const error = await appErrorRejectedBy(sendCannedResponse({ ...input, substitutions: { CUSTOMER_NAME: 'x'.repeat(800) } }, deps, Deadline.in(5_000)));
    expect(error.code).toBe('response_not_sendable');
    expect(error.message).toContain('765');
    expect(calls.some((call) => call.startsWith('postMessage'))).toBe(false);
  });

  it('explains a refused send to an ended conversation as conversation_not_active', async () => {
    // Prepare
    const refused = new GenesysApiError('upstream_error', 'HTTP 400', { upstreamStatus: 400, upstreamCode: 'bad.request', genesysContextId: 'ctx-9' });
    const { deps, calls } = genesys({
      postMessage: async () => {
        throw refused;
      },
      getConversation: async () => ({ ...LIVE, endTime: '2026-11-28T11:00:00Z' }),
    });
    // Act
    const error = await appErrorRejectedBy(sendCannedResponse({ ...input, communicationId: 'comm-a' }, deps, Deadline.in(5_000)));
    // Assess
    expect(error.code).toBe('conversation_not_active');
    expect(error.genesysContextId).toBe('ctx-9');
    expect(calls.filter((call) => call.startsWith('postMessage'))).toHaveLength(1);
  });

  it('keeps the upstream error when the communication was connected after all', async () => {
    const refused = new GenesysApiError('upstream_error', 'HTTP 400', { upstreamStatus: 400, upstreamCode: 'bad.request' });
    const { deps } = genesys({
      postMessage: async () => {
        throw refused;
      },
    });
    expect(await appErrorRejectedBy(sendCannedResponse({ ...input, communicationId: 'comm-a' }, deps, Deadline.in(5_000)))).toBe(refused);
  });
});

const HOUR_MS = 3_600_000;

/** A WhatsApp conversation whose customer last wrote `hoursAgo` hours ago (relative to the real clock). */
function whatsapp(hoursAgo: number): Conversation {
  const messageTime = new Date(Date.now() - hoursAgo * HOUR_MS).toISOString();
  return {
    id: 'conv-1',
    participants: [
      { id: 'p-c', purpose: 'customer', messages: [{ id: 'comm-c', state: 'connected', type: 'whatsapp', messages: [{ messageTime }] }] },
      { id: 'p-a', purpose: 'agent', messages: [{ id: 'comm-a', state: 'connected', type: 'whatsapp', messages: [] }] },
    ],
  };
}

const TEMPLATE: CannedResponse = {
  id: 'resp-t',
  name: 'Order shipped',
  responseType: 'MessagingTemplate',
  texts: [{ content: 'Order {{1}} shipped.', contentType: 'text/plain', type: 'body' }],
  substitutions: [{ id: '1' }],
  messagingTemplate: { whatsApp: { name: 'order_shipped', language: 'en_US', header: { type: 'Text', content: 'Order {{1}}' } } },
};

const refusedByGenesys = (status = 400) =>
  new GenesysApiError('upstream_error', `HTTP ${status}`, { upstreamStatus: status, upstreamCode: 'bad.request', genesysContextId: 'ctx-wa' });

describe('sendCannedResponse on WhatsApp', () => {
  const template: SendInput = { conversationId: 'conv-1', responseId: 'resp-t', substitutions: { '1': 'A-7' } };

  it('posts a template as messagingTemplate, reading the conversation once even with communicationId given', async () => {
    // Prepare
    const { deps, calls } = genesys({ getResponse: async () => TEMPLATE, getConversation: async () => whatsapp(30) });
    // Act
    const result = await sendCannedResponse({ ...template, communicationId: 'comm-a' }, deps, Deadline.in(5_000));
    // Assess
    const body = { messagingTemplate: { responseId: 'resp-t', headerParameters: [{ id: '1', value: 'A-7' }], bodyParameters: [{ id: '1', value: 'A-7' }] } };
    expect(calls).toEqual(['getResponse resp-t', 'getConversation conv-1', `postMessage comm-a ${JSON.stringify(body)}`]);
    expect(result).toMatchObject({ text: 'Order A-7 shipped.', template: { name: 'order_shipped', language: 'en_US' } });
  });

  it('refuses a template to another channel without posting', async () => {
    const { deps, calls } = genesys({ getResponse: async () => TEMPLATE });
    const error = await appErrorRejectedBy(sendCannedResponse(template, deps, Deadline.in(5_000)));
    expect(error.message).toContain('on webmessaging');
    expect(calls.some((call) => call.startsWith('postMessage'))).toBe(false);
  });

  it('refuses a template for a given communication that is not a connected agent one (409)', async () => {
    const { deps } = genesys({ getResponse: async () => TEMPLATE, getConversation: async () => whatsapp(1) });
    const error = await appErrorRejectedBy(sendCannedResponse({ ...template, communicationId: 'comm-c' }, deps, Deadline.in(5_000)));
    expect(error.code).toBe('conversation_not_active');
  });

  it('refuses free text outside the 24-hour window without posting, and sends it inside', async () => {
    // Prepare
    const closed = genesys({ getConversation: async () => whatsapp(25) });
    const open = genesys({ getConversation: async () => whatsapp(23) });
    // Act
    const error = await appErrorRejectedBy(sendCannedResponse(input, closed.deps, Deadline.in(5_000)));
    await sendCannedResponse(input, open.deps, Deadline.in(5_000));
    // Assess
    expect(error.code).toBe('response_not_sendable');
    expect(error.message).toMatch(/WhatsApp now accepts only template responses/);
    expect(closed.calls.some((call) => call.startsWith('postMessage'))).toBe(false);
    expect(open.calls.at(-1)).toBe('postMessage comm-a Hello Ana');
  });

  it("explains Genesys's refusal of free text with communicationId given as the window, with its contextId", async () => {
    // Prepare
    const { deps, calls } = genesys({
      getConversation: async () => whatsapp(25),
      postMessage: async () => {
        throw refusedByGenesys();
      },
    });
    // Act
    const error = await appErrorRejectedBy(sendCannedResponse({ ...input, communicationId: 'comm-a' }, deps, Deadline.in(5_000)));
    // Assess
    expect(error).toMatchObject({ code: 'response_not_sendable', genesysContextId: 'ctx-wa' });
    expect(calls).toEqual(['getResponse resp-1', 'postMessage comm-a Hello Ana', 'getConversation conv-1']);
  });

  // Genesys documents no status for this refusal: any 4xx that is not about credentials, permission, existence or rate.
  it.each([408, 409, 413, 422])('explains a %i refusal of free text outside the window the same way', async (status) => {
    // Prepare
    const { deps } = genesys({
      getConversation: async () => whatsapp(25),
      postMessage: async () => {
        throw refusedByGenesys(status);
      },
    });
    // Act
    const error = await appErrorRejectedBy(sendCannedResponse({ ...input, communicationId: 'comm-a' }, deps, Deadline.in(5_000)));
    // Assess
    expect(error).toMatchObject({ code: 'response_not_sendable', genesysContextId: 'ctx-wa' });
  });

  it.each([401, 403, 404, 429])("passes a %i on as Genesys's own error, without reading the conversation", async (status) => {
    // Prepare
    const refusal = refusedByGenesys(status);
    const { deps, calls } = genesys({
      getConversation: async () => whatsapp(25),
      postMessage: async () => {
        throw refusal;
      },
    });
    // Act
    const error = await appErrorRejectedBy(sendCannedResponse({ ...input, communicationId: 'comm-a' }, deps, Deadline.in(5_000)));
    // Assess
    expect(error).toBe(refusal);
    expect(calls).not.toContain('getConversation conv-1');
  });
});
