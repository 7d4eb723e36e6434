import { describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { useLocalStackProcess } from './local-stack-process';

/**
 * `npm start` under a burst: 200 parallel requests on a cold local stack, on 127.0.0.1 only, sent once (no loop
 * that could run away). Every answer must be the contract's: a success, or its error body; never serverless
 * offline's own timeout report with a stack trace, and never an error for a message that went out.
 */
const BURST = 200;
const localStack = useLocalStackProcess();

interface BurstAnswer {
  status: number;
  text: string;
}

async function post(url: string, body: unknown): Promise<BurstAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, text: await response.text() };
}

describe('npm start under a burst', () => {
  it(`answers ${BURST} parallel cold requests in the contract's terms, one message per success`, async () => {
    // Prepare
    const url = `http://127.0.0.1:${localStack().ports.offlineHttp}/conversations/${SEED.conversations.active}/canned-responses`;
    const body = { responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'Ana' } };
    // Act
    const answers = await Promise.all(Array.from({ length: BURST }, () => post(url, body)));
    // Assess
    const calls = (await (await fetch(`http://127.0.0.1:${localStack().ports.genesys}/__admin/calls`)).json()) as {
      calls: Array<{ route: string; status: number | null }>;
    };
    const delivered = calls.calls.filter((call) => call.route === 'sendMessage' && call.status === 200).length;
    const successes = answers.filter((answer) => answer.status === 200);
    for (const answer of answers) {
      expect(answer.text).not.toMatch(/LambdaTimeoutError|stackTrace|\bat .*\.(?:js|ts):\d+/);
      const parsed = JSON.parse(answer.text) as Record<string, any>;
      if (answer.status === 200) expect(parsed).toMatchObject({ messageId: expect.any(String), status: expect.any(String) });
      else expect(parsed).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) }, requestId: expect.any(String) });
    }
    expect(successes.length).toBe(delivered);
    // What docs/local-stack.md states the stack holds.
    expect(successes.length).toBe(BURST);
  }, 120_000);
});
