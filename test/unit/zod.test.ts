import { describe, expect, it } from 'vitest';
import * as z from '../../src/zod';

describe('z', () => {
  it("words its issues in English, as zod's full build does", () => {
    // Act
    const parsed = z.strictObject({ id: z.string() }).safeParse({ id: 7, extra: true });
    // Assess
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(['Invalid input: expected string, received number', 'Unrecognized key: "extra"']);
  });
});

describe('described', () => {
  it('gives the schema a description its JSON Schema carries, and keeps what it accepts', () => {
    // Prepare
    const schema = z.described(z.optional(z.string()), 'The agent');
    // Act
    const jsonSchema = z.toJSONSchema(z.object({ agent: schema }));
    // Assess
    expect(jsonSchema.properties?.agent).toMatchObject({ type: 'string', description: 'The agent' });
    expect(schema.safeParse(undefined).success).toBe(true);
    expect(schema.safeParse(1).success).toBe(false);
  });
});
