import * as z from './zod';

/**
 * The public input and output shapes (docs/contract.md "Inputs" / "Output"). They validate requests and are the
 * source the Architect data action contracts are generated from.
 */

// Genesys ids are UUIDs; accept any hex 8-4-4-4-12 form, as Genesys itself does not check the version digit.
const id = (what: string) => z.guid(`must be a ${what} UUID`);

export const MAX_SUBSTITUTIONS = 50;
export const MAX_SUBSTITUTION_LENGTH = 2_000;

const PLACEHOLDER_ID_RULE = 'placeholder ids are 1 to 100 characters without braces, control characters or surrounding spaces';

/**
 * Why a text cannot be sent faithfully, or undefined when it can: control characters (other than tab and line
 * breaks), bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, which can disguise what a customer
 * reads) and lone UTF-16 surrogates (no character at all).
 */
export function unsendableCharacter(text: string): string | undefined {
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.exec(text);
  if (control) return `contains the control character ${codePoint(control[0])}, which a message cannot carry`;
  const bidi = /[\u202A-\u202E\u2066-\u2069]/.exec(text);
  if (bidi) return `contains the bidirectional control character ${codePoint(bidi[0])}, which can disguise the text`;
  if (/[\uD800-\uDFFF]/u.test(text)) return 'contains a broken character (a lone UTF-16 surrogate)';
  return undefined;
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A placeholder id as a canned response may declare it (`substitutions[].id`, e.g. `Customer Name`, `NOMBRE_Ñ`):
 * the response, not this function, says which ids exist. `__proto__` is refused by name rather than dropped.
 */
const placeholderIdSchema = z
  .string()
  .check(
    z.minLength(1, PLACEHOLDER_ID_RULE),
    z.maxLength(100, PLACEHOLDER_ID_RULE),
    z.refine((id) => id !== '__proto__', '"__proto__" cannot be a placeholder id'),
    z.refine((id) => !/[{}]/.test(id) && id.trim() === id && unsendableCharacter(id) === undefined, PLACEHOLDER_ID_RULE),
  );

const substitutionValueSchema = z
  .string()
  .check(
    z.maxLength(MAX_SUBSTITUTION_LENGTH, `must be at most ${MAX_SUBSTITUTION_LENGTH} characters`),
    z.superRefine((value, context) => {
      const why = unsendableCharacter(value);
      if (why) context.addIssue({ code: 'custom', message: why });
    }),
  );

/**
 * Placeholder id → value, entry by entry. The entry limit applies to the whole set: `substitutionsSchema` for HTTP,
 * the validator's merge of all places a direct invocation may give substitutions in.
 */
export const substitutionEntriesSchema = z.record(placeholderIdSchema, substitutionValueSchema, {
  // zod's own message for a bad key is a bare "Invalid key in record".
  error: (issue) => (issue.code === 'invalid_key' ? (issue.issues?.[0]?.message ?? PLACEHOLDER_ID_RULE) : undefined),
});

export const substitutionsSchema = substitutionEntriesSchema.check(
  z.refine((record) => Object.keys(record).length <= MAX_SUBSTITUTIONS, `at most ${MAX_SUBSTITUTIONS} entries`),
  z.describe('Values for the {{ID}} placeholders of the response, by placeholder id'),
);

export const idempotencyKeySchema = z
  .string()
  .check(z.regex(/^[\x21-\x7E][\x20-\x7E]{0,126}[\x21-\x7E]$|^[\x21-\x7E]$/, 'must be 1 to 128 printable characters'));

/** The JSON body of `POST /conversations/{conversationId}/canned-responses`. */
export const httpBodySchema = z.strictObject({
  responseId: id('canned response'),
  communicationId: z.optional(id('communication')),
  agentUserId: z.optional(id('user')),
  substitutions: z.optional(substitutionsSchema),
});

/** Fields the platform adds to every Lambda data action event; a direct invocation ignores them. */
export const RESERVED_DIRECT_FIELDS = ['orgId', 'integrationId', 'rawRequest'] as const;

/**
 * Architect inputs are flat, so a flow cannot pass the `substitutions` object. It passes each value as its own
 * input `substitution_<PLACEHOLDER_ID>` (a string), or all of them as `substitutionsJson`, a JSON object text.
 */
export const SUBSTITUTION_INPUT_PREFIX = 'substitution_';

/** The value of one `substitution_<PLACEHOLDER_ID>` input. */
export const substitutionInputSchema = substitutionEntriesSchema._zod.def.valueType;

const substitutionsJsonSchema = z.pipe(
  z.pipe(
    z.string(),
    z.transform((text: string, context): unknown => {
    try {
      const parsed: unknown = JSON.parse(text);
      // zod's record would drop an own "__proto__" key silently; name it instead.
      if (typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, '__proto__')) {
        context.issues.push({ code: 'custom', message: '"__proto__" cannot be a placeholder id', path: ['__proto__'], input: text });
        return z.NEVER;
      }
      return parsed;
    } catch {
      context.issues.push({ code: 'custom', message: 'must be the JSON text of an object', input: text });
      return z.NEVER;
    }
    }),
  ),
  substitutionEntriesSchema,
).check(z.describe('All substitutions as the JSON text of an object, e.g. {"CUSTOMER_NAME": "Ana"}'));

/**
 * The event of a direct invocation (Architect, `serverless invoke`, SDK), after the validator has set aside the
 * `substitution_<ID>` inputs and dropped the fields that are `null` or `""` (Architect's "left empty").
 */
export const directEventSchema = z.strictObject({
  conversationId: z.described(id('conversation'), 'The messaging conversation to send into'),
  responseId: z.described(id('canned response'), 'The canned response (Response Management) to send'),
  communicationId: z.described(z.optional(id('communication')), "The agent's messaging communication; empty = the connected agent's"),
  agentUserId: z.described(z.optional(id('user')), 'Picks the agent participant when communicationId is empty'),
  substitutions: z.optional(substitutionEntriesSchema),
  substitutionsJson: z.optional(substitutionsJsonSchema),
  idempotencyKey: z.described(z.optional(idempotencyKeySchema), 'Repeating a key within one hour returns the first result without sending again'),
});

export const successSchema = z.object({
  messageId: z.described(z.string(), 'Genesys MessageData.id'),
  conversationId: z.string(),
  communicationId: z.string(),
  responseId: z.string(),
  responseName: z.string(),
  text: z.described(z.string(), 'Exactly the textBody that was sent; for a WhatsApp template, its body text with the values filled in'),
  status: z.described(z.string(), 'Genesys MessageData.status, e.g. queued or sent'),
  timestamp: z.described(z.string(), 'Genesys MessageData.timestamp'),
  template: z.described(
    z.optional(z.object({ name: z.string(), language: z.string() })),
    'The WhatsApp template sent, for a MessagingTemplate response',
  ),
});
export type SendResult = z.infer<typeof successSchema>;
