import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHITECT_EXPORT_DIR, architectExports, type DataActionExport } from '../../../src/architect/actions';
import type { ContractSchema } from '../../../src/architect/contracts';
import { RESERVED_DIRECT_FIELDS } from '../../../src/schema';

const generated = architectExports();
const committed = Object.keys(generated).map((file) => {
  const text = readFileSync(join(ARCHITECT_EXPORT_DIR, file), 'utf8');
  return { file, text, action: JSON.parse(text) as DataActionExport };
});

const INPUT_VALUE_TYPES = ['string', 'integer', 'number', 'boolean', 'null'];
const INPUT_NAME = /^[a-zA-Z][a-zA-Z0-9_-]*$/;

/** Every schema node under `schema`, with its path, for rules that hold at any depth. */
function* nodes(schema: unknown, path = '$'): Generator<[string, Record<string, unknown>]> {
  if (typeof schema !== 'object' || schema === null) return;
  yield [path, schema as Record<string, unknown>];
  for (const [key, child] of Object.entries(schema)) yield* nodes(child, `${path}.${key}`);
}

describe('integrations/architect', () => {
  it('holds exactly the files npm run architect:export writes, unchanged (regenerate after a schema change)', () => {
    // Assess
    for (const { file, text } of committed) expect(text, `${file} drifted from src/schema.ts`).toBe(generated[file]);
  });

  it.each(committed)('$file has what a Genesys import needs', ({ action }) => {
    // Assess
    expect(action).toMatchObject({
      name: expect.any(String),
      integrationType: expect.stringMatching(/^(aws-lambda-data-actions|custom-rest-actions)$/),
      actionType: 'custom',
      config: {
        request: { requestUrlTemplate: expect.any(String), requestType: 'POST', headers: expect.any(Object), requestTemplate: expect.any(String) },
        response: { translationMap: expect.any(Object), translationMapDefaults: expect.any(Object), successTemplate: expect.any(String) },
      },
      contract: { input: { inputSchema: { type: 'object' } }, output: { successSchema: { type: 'object' } } },
      secure: expect.any(Boolean),
    });
    // Above the function's 10 s timeout, within Genesys's 1–60 s.
    expect(action.config.timeoutSeconds).toBeGreaterThan(10);
    expect(action.config.timeoutSeconds).toBeLessThanOrEqual(60);
  });

  it('ships one action per integration type', () => {
    expect(committed.map(({ action }) => action.integrationType).sort()).toEqual(['aws-lambda-data-actions', 'custom-rest-actions']);
  });

  it('gives the Lambda action the function ARN to replace and passes its result through', () => {
    // Prepare
    const lambda = committed.find(({ action }) => action.integrationType === 'aws-lambda-data-actions')!.action;
    // Assess
    expect(lambda.config.request.requestUrlTemplate).toMatch(/^arn:aws:lambda:REGION:ACCOUNT:function:genesys-canned-response-\w+-sendCannedResponse$/);
    expect(lambda.config.response.successTemplate).toBe('${rawResult}');
  });

  it('authenticates the web service action with a User Defined credential, never a literal secret', () => {
    // Prepare
    const webService = committed.find(({ action }) => action.integrationType === 'custom-rest-actions')!.action;
    // Assess
    expect(webService.config.request.headers).toEqual({ 'Content-Type': 'application/json', 'x-api-key': '${credentials.apiKey}' });
    expect(webService.config.request.requestUrlTemplate).toMatch(/^https:\/\/.+\/conversations\/.+\/canned-responses$/);
  });
});

describe.each(committed)('$file contracts stay within what Genesys accepts', ({ action }) => {
  const input: ContractSchema = action.contract.input.inputSchema;
  const output: ContractSchema = action.contract.output.successSchema;

  it('input: one flat object of string, integer, number, boolean or null values', () => {
    for (const [name, property] of Object.entries(input.properties ?? {})) {
      expect(INPUT_VALUE_TYPES, name).toContain(property.type);
      expect(property.properties, name).toBeUndefined();
    }
  });

  it('input: property names Genesys allows, none of them reserved', () => {
    const names = Object.keys(input.properties ?? {});
    for (const name of names) expect(name).toMatch(INPUT_NAME);
    for (const reserved of RESERVED_DIRECT_FIELDS) expect(names).not.toContain(reserved);
    expect(input.required?.every((name) => names.includes(name))).toBe(true);
  });

  it('no $ref or $schema anywhere', () => {
    for (const [path, node] of nodes(action.contract)) {
      expect(Object.keys(node), path).not.toContain('$ref');
      expect(Object.keys(node), path).not.toContain('$schema');
    }
  });

  it('output: no nested arrays', () => {
    for (const [path, node] of nodes(output)) {
      if (node.type === 'array') expect(JSON.stringify(node.items), path).not.toMatch(/"type":"array"/);
    }
  });
});
