import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The official Genesys SDK's models, read from its own `index.d.ts` at test time, so a conformance check can never
 * drift from the SDK it names. The d.ts grammar inside `declare namespace Models` is small and regular:
 * `"name"?: T;` where T is string | number | boolean | object | Models.X | Array<T> | { [key: string]: T; }.
 */

export type SdkType =
  | { kind: 'primitive'; name: 'string' | 'number' | 'boolean' | 'object' }
  | { kind: 'model'; name: string }
  | { kind: 'array'; of: SdkType }
  | { kind: 'map'; of: SdkType };

export interface SdkField {
  type: SdkType;
  required: boolean;
}

export interface SdkDefinitions {
  /** Model name → its properties. */
  models: Map<string, Map<string, SdkField>>;
  /** `ConversationsApi.getConversation` → the model its promise resolves to, or `void`. */
  returns: Map<string, string>;
}

let definitions: SdkDefinitions | undefined;

export function sdkDefinitions(): SdkDefinitions {
  definitions ??= parseDefinitions(readFileSync(sdkTypesPath(), 'utf8'));
  return definitions;
}

function sdkTypesPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('purecloud-platform-client-v2/package.json')), 'index.d.ts');
}

export function parseDefinitions(dts: string): SdkDefinitions {
  const models = new Map<string, Map<string, SdkField>>();
  const modelsStart = dts.indexOf('declare namespace Models {');
  if (modelsStart < 0) throw new Error('index.d.ts has no Models namespace');
  const modelsEnd = dts.indexOf('\n}', modelsStart);
  let current: Map<string, SdkField> | undefined;
  for (const line of dts.slice(modelsStart, modelsEnd).split('\n')) {
    const start = /^\texport interface (\w+) \{/.exec(line);
    if (start) models.set(start[1]!, (current = new Map()));
    else if (/^\t\}/.test(line)) current = undefined;
    else {
      const field = /^\t\t"([^"]+)"(\??): (.+);$/.exec(line);
      if (field && current) current.set(field[1]!, { required: field[2] !== '?', type: parseType(field[3]!) });
    }
  }

  const returns = new Map<string, string>();
  for (const api of dts.matchAll(/declare class (\w+Api) \{([\s\S]*?)\n\}/g)) {
    for (const method of api[2]!.matchAll(/^\s+(\w+)\([^\n]*\): Promise<(?:Models\.(\w+)|(void))>;/gm)) {
      returns.set(`${api[1]}.${method[1]}`, method[2] ?? 'void');
    }
  }
  return { models, returns };
}

function parseType(text: string): SdkType {
  const type = text.trim();
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'object') {
    return { kind: 'primitive', name: type };
  }
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { kind: 'array', of: parseType(array[1]!) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { kind: 'map', of: parseType(map[1]!) };
  const model = /^Models\.(\w+)$/.exec(type);
  if (model) return { kind: 'model', name: model[1]! };
  throw new Error(`index.d.ts uses a type this reader does not know: ${type}`);
}

/**
 * Every way `value` departs from SDK model `modelName`: a property the model does not declare, a required one
 * missing, or a value of the wrong JSON type; nested models are checked too. Empty when it conforms.
 */
export function modelViolations(modelName: string, value: unknown, path = modelName): string[] {
  return checkType({ kind: 'model', name: modelName }, value, path);
}

function checkType(type: SdkType, value: unknown, path: string): string[] {
  switch (type.kind) {
    case 'primitive':
      if (type.name === 'object') return value !== null && value !== undefined ? [] : [`${path}: expected a value`];
      return typeof value === type.name ? [] : [`${path}: expected ${type.name}, got ${describe(value)}`];
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array, got ${describe(value)}`];
      return value.flatMap((item, index) => checkType(type.of, item, `${path}[${index}]`));
    case 'map':
      if (!isRecord(value)) return [`${path}: expected an object, got ${describe(value)}`];
      return Object.entries(value).flatMap(([key, item]) => checkType(type.of, item, `${path}.${key}`));
    case 'model':
      return checkModel(type.name, value, path);
  }
}

function checkModel(name: string, value: unknown, path: string): string[] {
  const fields = sdkDefinitions().models.get(name);
  if (!fields) return [`${path}: the SDK has no model ${name}`];
  if (!isRecord(value)) return [`${path}: expected a ${name} object, got ${describe(value)}`];
  const problems: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const field = fields.get(key);
    if (!field) problems.push(`${path}.${key}: not a property of ${name}`);
    else problems.push(...checkType(field.type, item, `${path}.${key}`));
  }
  for (const [key, field] of fields) {
    if (field.required && !(key in value)) problems.push(`${path}.${key}: required by ${name} but missing`);
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
