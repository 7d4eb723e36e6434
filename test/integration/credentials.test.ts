import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { httpApiV2Event, lambdaContext } from '../support/events';
import { findLeaks } from '../support/leak-guard';
import { httpAnswer, thrownBody, useStack } from '../support/stack';

/**
 * No credential reaches a caller, whatever Genesys writes into its answers: the emulator's `answer` fault plays
 * an upstream that echoes the request's Authorization header or the client secret into its error text.
 */
const stack = useStack();

const given = { responseId: SEED.responses.welcome, communicationId: SEED.communications.activeAgent, substitutions: { CUSTOMER_NAME: 'Ana' } };
const basic = Buffer.from(`${SEED.clientId}:${SEED.clientSecret}`).toString('base64');

async function send() {
  return httpAnswer(await stack.invoke(httpApiV2Event({ conversationId: SEED.conversations.active, body: given }), lambdaContext()));
}

describe('credentials echoed by Genesys never reach the caller', () => {
  it('a login 500 echoing the Basic Authorization header', async () => {
    // Prepare: every attempt (the grant is retried on 5xx) echoes the header.
    stack.emulator.faults.inject('token', { kind: 'answer', status: 500, body: JSON.stringify({ message: 'Bad header: $AUTHORIZATION' }) }, 4);
    // Act
    const answer = await send();
    // Assess
    expect(answer.statusCode).toBe(502);
    expect(JSON.stringify(answer.body)).not.toContain(basic);
    expect(findLeaks(JSON.stringify(answer.body))).toEqual([]);
  });

  it('a login 400 whose error code carries the client secret', async () => {
    // Prepare
    stack.emulator.faults.inject('token', { kind: 'answer', status: 400, body: JSON.stringify({ error: `invalid_client ${SEED.clientSecret}` }) });
    // Act
    const answer = await send();
    // Assess
    expect(answer.body.error.code).toBe('upstream_auth_failed');
    expect(JSON.stringify(answer.body)).not.toContain(SEED.clientSecret);
  });

  it('a login 400 whose error code is an opaque credential-shaped string', async () => {
    // Prepare: shaped like a code (letters, digits, dots), so only its credential shape can keep it out.
    const opaque = 'sk.Zx81Qw7PLmN2vB5cR9tY4uI0oKj3HgF6dS1aE8wq';
    stack.emulator.faults.inject('token', { kind: 'answer', status: 400, body: JSON.stringify({ error: opaque }) });
    // Act
    const answer = await send();
    // Assess
    expect(answer.body.error.code).toBe('upstream_auth_failed');
    expect(answer.body.error.message).toBe('Genesys rejected the OAuth client credentials.');
    expect(JSON.stringify(answer.body)).not.toContain(opaque);
  });

  it('an API 400 echoing the bearer token, direct invocation', async () => {
    // Prepare
    stack.emulator.faults.inject('getResponse', {
      kind: 'answer',
      status: 400,
      body: JSON.stringify({ message: 'Header $AUTHORIZATION rejected', code: 'bad.request', contextId: 'ctx-1' }),
    });
    // Act
    const outcome = await stack.invoke({ conversationId: SEED.conversations.active, ...given });
    // Assess
    const thrown = thrownBody(outcome);
    expect(thrown.body.error).toMatchObject({ code: 'upstream_error', genesysContextId: 'ctx-1' });
    expect(findLeaks(JSON.stringify(thrown.body))).toEqual([]);
    expect(JSON.stringify(thrown.body)).not.toMatch(/Bearer\s+(?!\[REDACTED\])\S/);
  });

  it('a credential-shaped string the function never saw is not copied either', async () => {
    // Prepare: a long opaque token-like string (e.g. another system's key) in an upstream message.
    const opaque = 'AKIAEXAMPLE7Qx9ZmT2pLk4sVb8NwR3yHc6JdF0gUe5';
    stack.emulator.faults.inject('getResponse', { kind: 'answer', status: 400, body: JSON.stringify({ message: `api key ${opaque} is not valid here` }) });
    // Act
    const answer = await send();
    // Assess
    expect(answer.statusCode).toBe(502);
    expect(JSON.stringify(answer.body)).not.toContain(opaque);
  });
});
