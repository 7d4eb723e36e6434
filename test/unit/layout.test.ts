import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Tests mirror src/: each module has its unit test at test/unit/<same path>.test.ts. Two are exempt:
 * src/types.ts has no runtime code, and src/handler.ts is wiring, tested in test/integration/handler.test.ts.
 */
const EXEMPT = new Set(['types.ts', 'handler.ts']);
const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const UNIT = fileURLToPath(new URL('.', import.meta.url));

function modulesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return modulesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [relative(SRC, path)] : [];
  });
}

describe('test layout', () => {
  it('every module of src/ has a unit test file at the mirrored path', () => {
    const modules = modulesUnder(SRC).filter((module) => !EXEMPT.has(module));
    const missing = modules
      .map((module) => module.replace(/\.ts$/, '.test.ts'))
      .filter((file) => !existsSync(join(UNIT, file)))
      .map((file) => `test/unit/${file}`);
    expect(modules.length).toBeGreaterThan(0);
    expect(missing, 'unit test files missing (a module tested under another name: move its tests there)').toEqual([]);
  });
});
