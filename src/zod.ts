import { config, describe, type ZodMiniType } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod's functional build (`zod/mini`), with the English messages the full build loads by itself ("Invalid input:
 * expected string, received number"). The full build gives every schema it creates some forty methods, which
 * cost about 20 ms of CPU at every cold start for the schemas this function defines; the functional one does not.
 * Modules import it as `import * as z from './zod'`, which keeps the bundle to the parts they use.
 */
config(en());

export * from 'zod/mini';

/** `schema` with a description, which the Architect contracts generated from it show. */
export function described<T extends ZodMiniType>(schema: T, description: string): T {
  return schema.check(describe(description)) as T;
}
