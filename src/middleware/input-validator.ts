import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { mergeSubstitutions, splitDirectEvent, substitutionInputName } from '../architect/inputs';
import { type ErrorDetail, ValidationError } from '../errors';
import { directEventSchema, httpBodySchema, idempotencyKeySchema, substitutionEntriesSchema } from '../schema';
import type { SendRequest } from '../types';
import { type NormalizedEvent, normalizedEventOf } from './event-normalizer';

/** The Lambda context the handler receives: the validated request is set on it once, by {@link inputValidator}. */
export interface SendContext extends Context {
  sendRequest: SendRequest;
}

function details(error: z.ZodError, prefix: string[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.') || '(body)',
    message: issue.message,
  }));
}

function validateHttp(event: NormalizedEvent): SendRequest {
  const problems: ErrorDetail[] = [];
  const conversationId = directEventSchema.shape.conversationId.safeParse(event.pathConversationId);
  if (!conversationId.success) problems.push(...details(conversationId.error, ['conversationId']));
  const body = httpBodySchema.safeParse(event.body);
  if (!body.success) problems.push(...details(body.error));
  let idempotencyKey: string | undefined;
  if (event.idempotencyKeyHeader !== undefined) {
    const key = idempotencyKeySchema.safeParse(event.idempotencyKeyHeader);
    if (key.success) idempotencyKey = key.data;
    else problems.push(...details(key.error, ['Idempotency-Key']));
  }
  if (problems.length > 0 || !conversationId.success || !body.success) throw new ValidationError(problems);
  return {
    entry: 'http',
    idempotencyKey,
    input: { ...body.data, conversationId: conversationId.data, substitutions: body.data.substitutions ?? {} },
  };
}

function validateDirect(event: NormalizedEvent): SendRequest {
  const { fields, substitutionInputs } = splitDirectEvent(event.body);
  const parsed = directEventSchema.safeParse(fields);
  const inputs = substitutionEntriesSchema.safeParse(substitutionInputs);
  if (!parsed.success || !inputs.success) {
    throw new ValidationError([
      ...(parsed.success ? [] : details(parsed.error)),
      ...(inputs.success ? [] : details(inputs.error).map((detail) => ({ ...detail, path: substitutionInputName(detail.path) }))),
    ]);
  }
  const { idempotencyKey, communicationId, agentUserId, substitutions, substitutionsJson, ...required } = parsed.data;
  return {
    entry: 'direct',
    idempotencyKey,
    input: {
      ...required,
      ...(communicationId ? { communicationId } : {}),
      ...(agentUserId ? { agentUserId } : {}),
      // Cross-field rules (one value per placeholder, the entry limit) once every field is valid, as zod refines.
      substitutions: mergeSubstitutions({ substitutions, substitutionInputs: inputs.data, substitutionsJson }),
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
