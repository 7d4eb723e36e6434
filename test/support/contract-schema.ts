import fc from 'fast-check';
import type { ContractSchema } from '../../src/architect/contracts';

/**
 * A checker and a sample generator for the JSON Schema subset the Architect contracts are made of. Both refuse a
 * keyword they do not know, so a contract that grows a new keyword cannot pass the tests unchecked.
 */

const KNOWN_KEYWORDS = new Set(['type', 'description', 'pattern', 'maxLength', 'properties', 'required', 'additionalProperties']);

function assertKnownKeywords(schema: ContractSchema, path: string): void {
  const unknown = Object.keys(schema).filter((keyword) => !KNOWN_KEYWORDS.has(keyword));
  if (unknown.length > 0) throw new Error(`${path}: keyword(s) this checker does not know: ${unknown.join(', ')}`);
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'null') return value === null;
  return typeof value === type;
}

/** Where `value` breaks `schema`, one line per problem; empty when the contract allows it. */
export function contractViolations(schema: ContractSchema, value: unknown, path = '$'): string[] {
  assertKnownKeywords(schema, path);
  if (!hasType(value, schema.type)) return [`${path}: not of type ${schema.type}`];
  const problems: string[] = [];
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${path}: does not match ${schema.pattern}`);
    // JSON Schema counts characters (code points), not UTF-16 units.
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (schema.type === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in object)) problems.push(`${path}.${name}: required`);
    for (const [name, item] of Object.entries(object)) {
      const property = schema.properties?.[name];
      if (property) problems.push(...contractViolations(property, item, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${name}: not in the contract`);
    }
  }
  return problems;
}

function valueArbitrary(schema: ContractSchema, path: string): fc.Arbitrary<unknown> {
  assertKnownKeywords(schema, path);
  if (schema.type !== 'string') throw new Error(`${path}: no sample generator for type ${schema.type}`);
  const strings = schema.pattern === undefined ? fc.string() : fc.stringMatching(new RegExp(schema.pattern));
  const { maxLength } = schema;
  return maxLength === undefined ? strings : strings.filter((text) => [...text].length <= maxLength);
}

/**
 * Objects an input contract allows: required properties always, optional ones sometimes. `overrides` replaces the
 * generator of a property whose rules a contract cannot state (e.g. a string that must hold JSON).
 */
export function contractSamples(
  schema: ContractSchema,
  overrides: Record<string, fc.Arbitrary<unknown>> = {},
): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(schema.properties ?? {}).map(([name, property]) => [name, overrides[name] ?? valueArbitrary(property, name)] as const);
  return fc.record(Object.fromEntries(properties), { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Record<string, unknown>>;
}
