import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from '../zod';
import { mergeSubstitutions, splitDirectEvent, substitutionInputName } from '../architect/inputs';
import { type ErrorDetail, ValidationError } from '../errors';
import {
  directEventSchema,
  httpBodySchema,
  idempotencyKeySchema,
  MAX_SUBSTITUTIONS,
  SUBSTITUTION_INPUT_PREFIX,
  substitutionEntriesSchema,
} from '../schema';
import type { SendRequest } from '../types';
import { type NormalizedEvent, normalizedEventOf } from './event-normalizer';

/** The Lambda context the handler receives: the validated request is set on it once, by {@link inputValidator}. */
export interface SendContext extends Context {
  sendRequest: SendRequest;
}

function details(error: z.core.$ZodError, prefix: string[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.') || '(body)',
    message: issue.message,
  }));
}

/** Beyond this many entries a substitutions object is not checked entry by entry, so the work stays bounded. */
const MAX_CHECKED_ENTRIES = 1_000;

function plainObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * What zod cannot see in a raw substitutions object: an own `__proto__` key (zod's record drops it silently), and
 * an object too large to check entry by entry (then it is reported once, and left out of the entry checks).
 */
function rawSubstitutionProblems(raw: unknown, pathOf: (id: string) => string, limitPath: string): { problems: ErrorDetail[]; unchecked: boolean } {
  const record = plainObject(raw);
  if (!record) return { problems: [], unchecked: false };
  const count = Object.keys(record).length;
  if (count > MAX_CHECKED_ENTRIES) {
    return { problems: [{ path: limitPath, message: `has ${count} entries; at most ${MAX_SUBSTITUTIONS} are allowed` }], unchecked: true };
  }
  const problems = Object.hasOwn(record, '__proto__') ? [{ path: pathOf('__proto__'), message: '"__proto__" cannot be a placeholder id' }] : [];
  return { problems, unchecked: false };
}

function validateHttp(event: NormalizedEvent): SendRequest {
  const problems: ErrorDetail[] = [];
  const conversationId = directEventSchema.shape.conversationId.safeParse(event.pathConversationId);
  if (!conversationId.success) problems.push(...details(conversationId.error, ['conversationId']));
  const raw = plainObject(event.body);
  const rawSubstitutions = rawSubstitutionProblems(raw?.substitutions, (id) => `substitutions.${id}`, 'substitutions');
  problems.push(...rawSubstitutions.problems);
  const body = httpBodySchema.safeParse(rawSubstitutions.unchecked ? { ...raw, substitutions: undefined } : event.body);
  // concat, not push(...): a hostile body can carry more problems than a call may have arguments.
  const bodyProblems = body.success ? [] : details(body.error);
  // zod skips the entry limit when an entry is bad; it is reported as well, so every problem is listed at once.
  const entryCount = Object.keys(plainObject(raw?.substitutions) ?? {}).length;
  if (!rawSubstitutions.unchecked && entryCount > MAX_SUBSTITUTIONS && !bodyProblems.some((problem) => problem.path === 'substitutions')) {
    bodyProblems.push({ path: 'substitutions', message: `at most ${MAX_SUBSTITUTIONS} entries` });
  }
  let idempotencyKey: string | undefined;
  if (event.idempotencyKeyHeader !== undefined) {
    const key = idempotencyKeySchema.safeParse(event.idempotencyKeyHeader);
    if (key.success) idempotencyKey = key.data;
    else problems.push(...details(key.error, ['Idempotency-Key']));
  }
  const allProblems = problems.concat(bodyProblems);
  if (allProblems.length > 0 || !conversationId.success || !body.success) throw new ValidationError(allProblems);
  return {
    entry: 'http',
    idempotencyKey,
    input: { ...body.data, conversationId: conversationId.data, substitutions: body.data.substitutions ?? {} },
  };
}

function validateDirect(event: NormalizedEvent): SendRequest {
  const { fields, substitutionInputs } = splitDirectEvent(event.body);
  const rawFields = plainObject(fields);
  const rawSubstitutions = rawSubstitutionProblems(rawFields?.substitutions, (id) => `substitutions.${id}`, 'substitutions');
  const rawInputs = rawSubstitutionProblems(substitutionInputs, substitutionInputName, `${SUBSTITUTION_INPUT_PREFIX}<ID> inputs`);
  const parsed = directEventSchema.safeParse(rawSubstitutions.unchecked ? { ...rawFields, substitutions: undefined } : fields);
  const inputs = substitutionEntriesSchema.safeParse(rawInputs.unchecked ? {} : substitutionInputs);
  let problems = [...rawSubstitutions.problems, ...rawInputs.problems];
  if (!parsed.success) problems = problems.concat(details(parsed.error));
  if (!inputs.success) {
    // The input's own name: the issue's first path element is the placeholder id, "" included.
    problems = problems.concat(inputs.error.issues.map((issue) => ({ path: substitutionInputName(String(issue.path[0] ?? '')), message: issue.message })));
  }
  // Cross-field rules on whatever is readable, so they are listed together with the problems of single fields.
  const { merged, problems: mergeProblems } = mergeSubstitutions<unknown>({
    substitutions: parsed.success ? parsed.data.substitutions : plainObject(rawFields?.substitutions),
    substitutionInputs: rawInputs.unchecked ? {} : substitutionInputs,
    substitutionsJson: parsed.success ? parsed.data.substitutionsJson : undefined,
  });
  problems = problems.concat(mergeProblems);
  if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
  const { idempotencyKey, communicationId, agentUserId, conversationId, responseId } = parsed.data;
  return {
    entry: 'direct',
    idempotencyKey,
    input: {
      conversationId,
      responseId,
      ...(communicationId ? { communicationId } : {}),
      ...(agentUserId ? { agentUserId } : {}),
      // Every value was validated above (substitutions, inputs and substitutionsJson alike).
      substitutions: merged as Record<string, string>,
    },
  };
}

/**
 * `before`: validates the normalised event against the contract's zod schemas and sets the result on the
 * context as `sendRequest`; every problem is listed, by path, in one `validation_failed` error. Runs after
 * {@link eventNormalizer}. No options.
 */
export function inputValidator(): MiddlewareObj {
  return {
    name: 'inputValidator',
    before: (request) => {
      const event = normalizedEventOf(request);
      (request.context as SendContext).sendRequest = event.entry === 'http' ? validateHttp(event) : validateDirect(event);
    },
  };
}
