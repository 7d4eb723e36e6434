import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/errors';

/**
 * The (status, code) pairs of a page's error table: rows such as "| 404 | `response_not_found` | … |", where one
 * row may name several codes ("`configuration_error` / `internal_error`").
 */
function documentedErrors(page: string): Record<string, number> {
  const errors: Record<string, number> = {};
  for (const [, status, codes] of readFileSync(page, 'utf8').matchAll(/^\| (\d{3}) \| ([^|]+) \|/gm)) {
    for (const [, code] of codes!.matchAll(/`([a-z_]+)`/g)) errors[code!] = Number(status);
  }
  return errors;
}

describe('documented error codes', () => {
  it.each(['docs/contract.md', 'README.md'])('%s lists every code the function answers with, each with its status', (page) => {
    expect(documentedErrors(page)).toEqual(ERROR_STATUS);
  });
});
