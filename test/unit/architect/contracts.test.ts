import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lambdaAction, SHIPPED_PLACEHOLDERS } from '../../../src/architect/actions';
import { RESERVED_DIRECT_FIELDS, SUBSTITUTION_INPUT_PREFIX } from '../../../src/schema';
import { contractSamples, contractViolations } from '../../support/contract-schema';
import { lambdaContext } from '../../support/events';
import { echoStack, thrownBy } from '../../support/middleware-stack';

const contract = lambdaAction().contract.input.inputSchema;
const CONVERSATION = '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b';
const RESPONSE = '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10';
const valid = { conversationId: CONVERSATION, responseId: RESPONSE };

// A contract cannot look inside a string: the function alone checks that substitutionsJson holds a JSON object
// of strings, and that it names no placeholder a substitution_<ID> input already gives (tested below).
const substitutionsJson = fc
  .dictionary(fc.stringMatching(/^json[A-Za-z0-9_.-]{0,20}$/), fc.string({ maxLength: 40 }), { maxKeys: 5 })
  .map((entries) => JSON.stringify(entries));
const allowedEvents = contractSamples(contract, { substitutionsJson });

const properties = contract.properties!;
const isKnownName = (name: string) =>
  name in properties || name.startsWith(SUBSTITUTION_INPUT_PREFIX) || (RESERVED_DIRECT_FIELDS as readonly string[]).includes(name);

/** An allowed event broken in one way the contract states: a required input left out, a wrong type, a bad string, an unknown input. */
const rejectedEvents = allowedEvents.chain((event) =>
  fc.oneof(
    fc.constantFrom(...contract.required!).map((name) => Object.fromEntries(Object.entries(event).filter(([key]) => key !== name))),
    fc.tuple(fc.constantFrom(...Object.keys(properties)), fc.constantFrom<unknown>(0, 1.5, true, {}, ['x'])).map(([name, value]) => ({ ...event, [name]: value })),
    fc
      .constantFrom(...Object.entries(properties).filter(([, property]) => property.pattern !== undefined))
      .chain(([name, property]) => fc.string({ minLength: 1 }).filter((text) => !new RegExp(property.pattern!).test(text)).map((text) => ({ ...event, [name]: text }))),
    fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,20}$/).filter((name) => !isKnownName(name)).map((name) => ({ ...event, [name]: 'x' })),
  ),
);

interface Echo {
  received: { conversationId: string; responseId: string; communicationId?: string; agentUserId?: string; substitutions: Record<string, string> };
  idempotencyKey: string | null;
}

/** What the function should make of an event the contract allows: empty inputs are not given. */
function expectedInput(event: Record<string, unknown>): Echo['received'] {
  const given = (name: string) => (typeof event[name] === 'string' && event[name] !== '' ? (event[name] as string) : undefined);
  const flat = SHIPPED_PLACEHOLDERS.filter((id) => given(`substitution_${id}`) !== undefined).map((id) => [id, given(`substitution_${id}`)!]);
  const fromJson = given('substitutionsJson') ? (JSON.parse(given('substitutionsJson')!) as Record<string, string>) : {};
  return {
    conversationId: event.conversationId as string,
    responseId: event.responseId as string,
    ...(given('communicationId') ? { communicationId: given('communicationId') } : {}),
    ...(given('agentUserId') ? { agentUserId: given('agentUserId') } : {}),
    substitutions: { ...Object.fromEntries(flat), ...fromJson },
  };
}

async function validationErrorOf(event: unknown) {
  const error = await thrownBy(echoStack()(event, lambdaContext()));
  return { name: error.name, body: JSON.parse(error.message) as { error: { code: string; details: Array<{ path: string }> } } };
}

describe('the Lambda action input contract and the function agree', () => {
  it('every event the contract allows is accepted, with empty optional inputs taken as not given', async () => {
    await fc.assert(
      fc.asyncProperty(allowedEvents, async (event) => {
        // Prepare
        expect(contractViolations(contract, event)).toEqual([]);
        // Act
        const echo = (await echoStack()(event, lambdaContext())) as Echo;
        // Assess
        expect(echo.received).toEqual(expectedInput(event));
        expect(echo.idempotencyKey).toBe(event.idempotencyKey || null);
      }),
      { numRuns: 200 },
    );
  });

  it('every event the contract rejects is rejected, by a thrown validation_failed', async () => {
    await fc.assert(
      fc.asyncProperty(rejectedEvents, async (event) => {
        // Prepare
        expect(contractViolations(contract, event)).not.toEqual([]);
        // Act
        const { name } = await validationErrorOf(event);
        // Assess
        expect(name).toBe('validation_failed');
      }),
      { numRuns: 200 },
    );
  });

  const rejected: Array<[string, Record<string, unknown>, string]> = [
    ['a missing conversationId', { responseId: RESPONSE }, 'conversationId'],
    ['an empty responseId', { ...valid, responseId: '' }, 'responseId'],
    ['a conversationId that is not a UUID', { ...valid, conversationId: 'conv-1' }, 'conversationId'],
    ['a number for communicationId', { ...valid, communicationId: 42 }, 'communicationId'],
    ['a boolean for agentUserId', { ...valid, agentUserId: true }, 'agentUserId'],
    ['an idempotency key of 129 characters', { ...valid, idempotencyKey: 'k'.repeat(129) }, 'idempotencyKey'],
    ['an object for substitutionsJson', { ...valid, substitutionsJson: { A: 'b' } }, 'substitutionsJson'],
    ['a substitution value of 2,001 characters', { ...valid, substitution_CUSTOMER_NAME: 'x'.repeat(2001) }, 'substitution_CUSTOMER_NAME'],
    ['a number as substitution value', { ...valid, substitution_AGENT_NAME: 7 }, 'substitution_AGENT_NAME'],
    ['an unknown input', { ...valid, queueId: 'q' }, '(body)'],
  ];

  it.each(rejected)('names the input at fault when the contract rejects %s', async (_name, event, path) => {
    // Prepare
    expect(contractViolations(contract, event)).not.toEqual([]);
    // Act
    const { name, body } = await validationErrorOf(event);
    // Assess: thrown, so the data action takes its failure path, with the contract's error body.
    expect(name).toBe('validation_failed');
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((detail) => detail.path)).toContain(path);
  });

  it.each([
    ['null for an optional input (what the platform sends for an input a flow left empty)', { ...valid, communicationId: null, substitution_AGENT_NAME: null }],
    ['a substitution_<ID> input the contract does not list (an admin adds those to their copy)', { ...valid, substitution_ORDER_ID: '42' }],
  ])('is deliberately more lenient than the contract for %s', async (_name, event) => {
    expect(contractViolations(contract, event)).not.toEqual([]);
    await expect(echoStack()(event, lambdaContext())).resolves.toBeDefined();
  });
});
