import { describe, expect, it } from 'vitest';
import {
  directEventSchema,
  httpBodySchema,
  idempotencyKeySchema,
  MAX_SUBSTITUTION_LENGTH,
  MAX_SUBSTITUTIONS,
  substitutionsSchema,
  successSchema,
} from '../../src/schema';

const CONVERSATION = '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b';
const RESPONSE = '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10';

/** Each problem as "path: message", the way the validator lists them to a caller. */
function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('httpBodySchema', () => {
  it('accepts a body with a response id alone, and with every optional field', () => {
    expect(httpBodySchema.safeParse({ responseId: RESPONSE }).success).toBe(true);
    const full = { responseId: RESPONSE, communicationId: CONVERSATION, agentUserId: CONVERSATION, substitutions: { NAME: 'Ana' } };
    expect(httpBodySchema.parse(full)).toEqual(full);
  });

  it('lists every problem: an id that is not a UUID, an unknown field, a bad placeholder id', () => {
    const result = httpBodySchema.safeParse({ responseId: 'welcome', agentUserId: 'me', surprise: 1, substitutions: { 'bad {id}': 'x' } });
    expect(problems(result)).toEqual(
      expect.arrayContaining([
        'responseId: must be a canned response UUID',
        'agentUserId: must be a user UUID',
        expect.stringContaining('surprise'),
        'substitutions.bad {id}: placeholder ids are 1 to 100 characters without braces, control characters or surrounding spaces',
      ]),
    );
  });

  it('accepts any hex 8-4-4-4-12 id, whatever its version digit', () => {
    expect(httpBodySchema.safeParse({ responseId: '00000000-0000-0000-0000-000000000000' }).success).toBe(true);
  });
});

describe('substitutionsSchema', () => {
  it(`takes at most ${MAX_SUBSTITUTIONS} entries of at most ${MAX_SUBSTITUTION_LENGTH} characters`, () => {
    const entries = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`K${index}`, 'v']));
    expect(substitutionsSchema.safeParse(entries(MAX_SUBSTITUTIONS)).success).toBe(true);
    expect(problems(substitutionsSchema.safeParse(entries(MAX_SUBSTITUTIONS + 1)))).toEqual([`: at most ${MAX_SUBSTITUTIONS} entries`]);
    expect(problems(substitutionsSchema.safeParse({ K: 'x'.repeat(MAX_SUBSTITUTION_LENGTH + 1) }))).toEqual([
      `K: must be at most ${MAX_SUBSTITUTION_LENGTH} characters`,
    ]);
  });
});

describe('idempotencyKeySchema', () => {
  it.each([['a', true], ['order-42/retry 1', true], ['x'.repeat(128), true], ['x'.repeat(129), false], ['', false], [' padded', false], ['tab\there', false], ['é', false]])(
    '%j is %s',
    (key, valid) => {
      expect(idempotencyKeySchema.safeParse(key).success).toBe(valid);
    },
  );
});

describe('directEventSchema', () => {
  it('reads substitutionsJson, the JSON text of an object', () => {
    const event = directEventSchema.parse({ conversationId: CONVERSATION, responseId: RESPONSE, substitutionsJson: '{"NAME":"Ana"}' });
    expect(event.substitutionsJson).toEqual({ NAME: 'Ana' });
  });

  it.each([
    ['not JSON', '{NAME: Ana}', 'substitutionsJson: must be the JSON text of an object'],
    ['JSON with a bad placeholder id', '{"bad {id}":"x"}', 'substitutionsJson.bad {id}: placeholder ids are 1 to 100 characters without braces, control characters or surrounding spaces'],
  ])('refuses substitutionsJson that is %s', (_name, text, problem) => {
    expect(problems(directEventSchema.safeParse({ conversationId: CONVERSATION, responseId: RESPONSE, substitutionsJson: text }))).toEqual([problem]);
  });

  it('requires the conversation and the response', () => {
    expect(problems(directEventSchema.safeParse({})).map((problem) => problem.split(':')[0])).toEqual(['conversationId', 'responseId']);
  });
});

describe('successSchema', () => {
  const sent = {
    messageId: 'msg-1',
    conversationId: CONVERSATION,
    communicationId: CONVERSATION,
    responseId: RESPONSE,
    responseName: 'Welcome',
    text: 'Hello Ana',
    status: 'queued',
    timestamp: '2026-12-01T12:00:00.000Z',
  };

  it('requires every field of a sent message, and a template only with its name and language', () => {
    expect(successSchema.safeParse(sent).success).toBe(true);
    expect(successSchema.safeParse({ ...sent, template: { name: 'order_update', language: 'en' } }).success).toBe(true);
    expect(problems(successSchema.safeParse({ ...sent, messageId: undefined, template: { name: 'order_update' } })).map((problem) => problem.split(':')[0])).toEqual([
      'messageId',
      'template.language',
    ]);
  });
});
