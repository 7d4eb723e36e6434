import * as z from '../zod';

/** The JSON Schema subset the contracts are made of (see test/architect for the limits Genesys sets). */
export interface ContractSchema {
  type: string;
  description?: string;
  pattern?: string;
  maxLength?: number;
  properties?: Record<string, ContractSchema>;
  required?: string[];
  additionalProperties?: boolean;
}

/**
 * JSON Schema draft-04, which Genesys's contract editor uses, without `$schema` (Genesys's own exports carry none)
 * and without `format` (draft-04 has no `uuid` format; the pattern zod emits next to it says the same).
 */
function contractSchema(schema: z.ZodMiniType, io: 'input' | 'output'): ContractSchema {
  const { $schema: _draft, ...contract } = z.toJSONSchema(schema, {
    target: 'draft-4',
    io,
    override: ({ jsonSchema }) => {
      delete jsonSchema.format;
    },
  });
  return contract as ContractSchema;
}

/**
 * An input contract: one flat object, unknown inputs rejected as the function rejects them. Architect passes `""`
 * for an input a flow left empty and the function takes it as not given, so an optional input's pattern accepts it.
 */
export function inputContract(schema: z.ZodMiniObject): ContractSchema {
  const contract = contractSchema(schema, 'input');
  for (const [name, property] of Object.entries(contract.properties ?? {})) {
    if (property.pattern !== undefined && !contract.required?.includes(name)) property.pattern = `^$|${property.pattern}`;
  }
  return contract;
}

/** An output contract. Extra fields are allowed: a published contract cannot change, the function's output may grow. */
export function outputContract(schema: z.ZodMiniObject): ContractSchema {
  return { ...contractSchema(schema, 'output'), additionalProperties: true };
}
