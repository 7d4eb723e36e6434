import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHITECT_EXPORT_DIR, architectExports } from '../src/architect/actions';

/** `npm run architect:export`: regenerates the Architect data action exports from the zod schemas in src/schema.ts. */
mkdirSync(ARCHITECT_EXPORT_DIR, { recursive: true });
for (const [name, text] of Object.entries(architectExports())) {
  writeFileSync(join(ARCHITECT_EXPORT_DIR, name), text);
  console.log(`wrote ${join(ARCHITECT_EXPORT_DIR, name)}`);
}
