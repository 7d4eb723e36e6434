import { describe, expect, it } from 'vitest';
import { MAX_ROTATING_VALUES, REDACTED, redactText, registerSensitiveValue, upstreamText } from '../../src/redaction';

describe('redactText', () => {
  it('masks Bearer and Basic credentials in any of their usual spellings', () => {
    expect(redactText('Authorization: Bearer abc.def.ghi and basic dXNlcjpwYXNz')).toBe(`Authorization: Bearer ${REDACTED} and basic ${REDACTED}`);
  });

  it('keeps a permanent value masked however many rotating values follow it; rotating ones age out', () => {
    // Prepare
    registerSensitiveValue('permanent-client-secret-value', 'permanent');
    const first = 'rotating-token-first-0000000000';
    registerSensitiveValue(first);
    for (let token = 0; token < MAX_ROTATING_VALUES; token += 1) registerSensitiveValue(`rotating-token-later-${token}-000000`);
    // Act
    const text = redactText(`permanent-client-secret-value ${first}`);
    // Assess
    expect(text).toBe(`${REDACTED} ${first}`);
  });
});

describe('upstreamText', () => {
  it('masks anything shaped like a credential, keeps ids and ordinary words, and cuts long text', () => {
    // Prepare
    const key = 'AKIAEXAMPLE7Qx9ZmT2pLk4sVb8NwR3yHc6JdF0gUe5';
    const contextId = '0f8fad5b-d9cb-469f-a165-70867728950e';
    // Act
    const shown = upstreamText(`key ${key} rejected (contextId ${contextId}); ${'x'.repeat(400)}`);
    // Assess
    expect(shown).not.toContain(key);
    expect(shown).toContain(`key ${REDACTED} rejected (contextId ${contextId})`);
    expect(shown.length).toBeLessThanOrEqual(301);
  });
});
