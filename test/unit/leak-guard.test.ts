import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator/seed';
import { findLeaks, startOutputCapture } from '../support/leak-guard';

/** The suite-wide leak check is only worth something if it notices a leak. */
describe('leak guard', () => {
  it('sees a secret written through a write that replaced stdout.write after the capture started', () => {
    // Prepare
    const capture = startOutputCapture({ forward: false });
    const saved = process.stdout.write;
    const swallowed: string[] = [];
    // Like test/support/stack.ts: captures the process output and forwards nothing.
    process.stdout.write = ((chunk: string) => swallowed.push(chunk) > 0) as typeof process.stdout.write;
    // Act
    process.stdout.write(`{"clientSecret":"${SEED.clientSecret}"}\n`);
    process.stdout.write = saved;
    capture.stop();
    // Assess
    expect(swallowed).toHaveLength(1);
    expect(findLeaks(capture.text())).toEqual(['seeded client secret']);
  });

  it('names an emulator-shaped access token, an unredacted Bearer credential and the seeded Basic credential', () => {
    // Prepare
    const token = randomBytes(64).toString('base64url');
    const basic = Buffer.from(`${SEED.clientId}:${SEED.clientSecret}`).toString('base64');
    const capture = startOutputCapture({ forward: false });
    // Act
    console.error(`token=${token}`);
    process.stderr.write(`Authorization: Basic ${basic}\nAuthorization: Bearer abcdefghijklmnopqrstuvwxyz0123\n`);
    capture.stop();
    // Assess
    expect(findLeaks(capture.text()).sort()).toEqual(['emulator access token', 'seeded Basic credential', 'unredacted Bearer credential']);
  });

  it('passes redacted output and ordinary ids', () => {
    // Prepare
    const capture = startOutputCapture({ forward: false });
    // Act
    console.log(JSON.stringify({ authorization: '[REDACTED]', message: 'Bearer [REDACTED]', conversationId: SEED.conversations.active, responseId: SEED.responses.welcome }));
    capture.stop();
    // Assess
    expect(findLeaks(capture.text())).toEqual([]);
  });
});
