import type * as z from '../zod';
import { GenesysApiError } from '../errors';

/** Checks a Genesys answer against the model we rely on; a mismatch is a malformed upstream answer (502). */
export function parseAnswer<S extends z.ZodMiniType>(schema: S, answer: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5);
    throw new GenesysApiError('upstream_error', `Genesys sent a malformed ${what} (${fields.join(', ')}).`, { upstreamStatus: 200 });
  }
  return parsed.data;
}
