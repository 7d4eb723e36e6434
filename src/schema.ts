import * as z from 'zod';

/**
 * The public input and output shapes (CONTRACT.md "Inputs" / "Output"). They validate requests and are the
 * source the Architect data action contracts are generated from.
 */

// Genesys ids are UUIDs; accept any hex 8-4-4-4-12 form, as Genesys itself does not check the version digit.
const id = (what: string) => z.guid(`must be a ${what} UUID`);

export const MAX_SUBSTITUTIONS = 50;
export const MAX_SUBSTITUTION_LENGTH = 2_000;

export const substitutionsSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'placeholder ids are letters, digits, "_", "-" or "."'),
    z.string().max(MAX_SUBSTITUTION_LENGTH, `must be at most ${MAX_SUBSTITUTION_LENGTH} characters`),
  )
  .refine((record) => Object.keys(record).length <= MAX_SUBSTITUTIONS, `at most ${MAX_SUBSTITUTIONS} entries`)
  .describe('Values for the {{ID}} placeholders of the response, by placeholder id');

export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7E][\x20-\x7E]{0,126}[\x21-\x7E]$|^[\x21-\x7E]$/, 'must be 1 to 128 printable characters');

/** The JSON body of `POST /conversations/{conversationId}/canned-responses`. */
export const httpBodySchema = z.strictObject({
  responseId: id('canned response'),
  communicationId: id('communication').optional(),
  agentUserId: id('user').optional(),
  substitutions: substitutionsSchema.optional(),
});

/** Fields the platform adds to every Lambda data action event; a direct invocation ignores them. */
export const RESERVED_DIRECT_FIELDS = ['orgId', 'integrationId', 'rawRequest'] as const;

/**
 * The event of a direct invocation (Architect, `serverless invoke`, SDK). Architect sends `null` for an
 * optional input a flow left empty, so `null` means "not given" here.
 */
export const directEventSchema = z.strictObject({
  conversationId: id('conversation'),
  responseId: id('canned response'),
  communicationId: id('communication').nullish(),
  agentUserId: id('user').nullish(),
  substitutions: substitutionsSchema.nullish(),
  idempotencyKey: idempotencyKeySchema.nullish(),
});

/** What the pipeline needs, whichever entry point it came from. */
export interface SendInput {
  conversationId: string;
  responseId: string;
  communicationId?: string;
  agentUserId?: string;
  substitutions: Record<string, string>;
}

export const successSchema = z.object({
  messageId: z.string().describe('Genesys MessageData.id'),
  conversationId: z.string(),
  communicationId: z.string(),
  responseId: z.string(),
  responseName: z.string(),
  text: z.string().describe('Exactly the textBody that was sent'),
  status: z.string().describe('Genesys MessageData.status, e.g. queued or sent'),
  timestamp: z.string().describe('Genesys MessageData.timestamp'),
});
export type SendResult = z.infer<typeof successSchema>;
