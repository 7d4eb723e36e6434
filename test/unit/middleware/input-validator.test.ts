import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../support/events';
import { recordingEchoStack, thrownBy } from '../../support/middleware-stack';

/** The input validator, through the contract middlewares around an echoing handler. */

const CONVERSATION = '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b';
const RESPONSE = '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10';
const COMMUNICATION = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

describe('direct invocation', () => {
  it('takes the flat event, ignoring the reserved data action fields and null optionals', async () => {
    // Prepare
    const { handler } = recordingEchoStack();
    const event = {
      conversationId: CONVERSATION,
      responseId: RESPONSE,
      communicationId: COMMUNICATION,
      agentUserId: null,
      substitutions: null,
      idempotencyKey: 'k-1',
      orgId: 'org',
      integrationId: 'int',
      rawRequest: '{}',
    };
    // Act
    const result = await handler(event, lambdaContext());
    // Assess
    expect(result).toEqual({
      received: { conversationId: CONVERSATION, responseId: RESPONSE, communicationId: COMMUNICATION, substitutions: {} },
      idempotencyKey: 'k-1',
    });
  });

  it('throws an Error named by the code whose message is the JSON error body, without a stack', async () => {
    // Prepare
    const { handler } = recordingEchoStack();
    const context = lambdaContext();
    // Act
    const error = await thrownBy(handler({ responseId: RESPONSE, surprise: 1 }, context));
    // Assess
    expect(error.name).toBe('validation_failed');
    const body = JSON.parse(error.message);
    expect(body.requestId).toBe(context.awsRequestId);
    expect(body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['(body)', 'conversationId']);
    expect(error.stack).toBe(`validation_failed: ${error.message}`);
  });

  it.each([['a string', 'hello'], ['an array', [1]], ['null', null]])('rejects %s as the event', async (_name, event) => {
    const error = await thrownBy(recordingEchoStack().handler(event, lambdaContext()));
    expect(error.name).toBe('validation_failed');
  });
});
