import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../../src/errors';
import { type InvokeOutcome, useStack } from '../support/stack';

/** What each sample in events/ must produce against the seeded emulator: HTTP status or thrown error code. */
const EXPECTED: Record<string, { status: number; code?: string }> = {
  'http-api-v2.json': { status: 200 },
  'rest-api-v1.json': { status: 200 },
  'direct.json': { status: 200 },
  'direct-html.json': { status: 200 },
  'direct-whatsapp-template.json': { status: 200 },
  'invalid-json.json': { status: 400, code: 'invalid_json' },
  'invalid-media-type.json': { status: 415, code: 'unsupported_media_type' },
  'invalid-fields.json': { status: 400, code: 'validation_failed' },
  'ended-conversation.json': { status: 409, code: 'conversation_not_active' },
};

function outcomeOf(outcome: InvokeOutcome): { status: number; code?: string } {
  if (!outcome.ok) {
    // A direct invocation throws: the contract's status is the one of the code it names.
    const code = JSON.parse(outcome.error.message).error.code as ErrorCode;
    return { status: ERROR_STATUS[code], code };
  }
  const value = outcome.value as { statusCode?: number; body?: string };
  if (value.statusCode === undefined) return { status: 200 };
  const code = value.statusCode === 200 ? undefined : JSON.parse(value.body ?? '{}').error.code;
  return code ? { status: value.statusCode, code } : { status: value.statusCode };
}

const stack = useStack();

describe('events/ samples', () => {
  const files = readdirSync('events').filter((name) => name.endsWith('.json'));

  it('every sample has an expected outcome', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s behaves as documented', async (file) => {
    // Act
    const outcome = await stack.invoke(JSON.parse(readFileSync(`events/${file}`, 'utf8')));
    // Assess
    expect(outcomeOf(outcome)).toEqual(EXPECTED[file]);
  });
});
