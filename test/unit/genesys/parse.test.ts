import * as z from '../../../src/zod';
import { describe, expect, it } from 'vitest';
import { GenesysApiError } from '../../../src/errors';
import { parseAnswer } from '../../../src/genesys/parse';
import { appErrorThrownBy } from '../../support/errors';

const schema = z.looseObject({ id: z.string(), count: z.number(), nested: z.optional(z.object({ a: z.string(), b: z.string() })) });

describe('parseAnswer', () => {
  it('returns the parsed answer when it fits the model', () => {
    expect(parseAnswer(schema, { id: 'x', count: 1, extra: true }, 'thing')).toEqual({ id: 'x', count: 1, extra: true });
  });

  it('reports a mismatch as upstream_error naming each wrong field once, without the values', () => {
    // Act
    const error = appErrorThrownBy(() => parseAnswer(schema, { id: 7, nested: { a: 1, b: 2 }, count: 'customer text' }, 'thing'));
    // Assess
    expect(error).toBeInstanceOf(GenesysApiError);
    expect(error).toMatchObject({ code: 'upstream_error', status: 502, upstreamStatus: 200 });
    expect(error.message).toBe('Genesys sent a malformed thing (id, count, nested.a, nested.b).');
  });

  it('names the root when the answer is not an object, and at most five fields', () => {
    expect(appErrorThrownBy(() => parseAnswer(schema, 'text', 'thing')).message).toBe('Genesys sent a malformed thing ((root)).');
    const wide = z.object(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => [key, z.string()])));
    expect(appErrorThrownBy(() => parseAnswer(wide, {}, 'thing')).message).toBe('Genesys sent a malformed thing (a, b, c, d, e).');
  });
});
