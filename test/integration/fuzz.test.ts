import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED } from '../../emulator';
import { ERROR_STATUS, type ErrorCode } from '../../src/errors';
import { httpApiV2Event, restApiV1Event } from '../support/events';
import { type InvokeOutcome, useStack } from '../support/stack';

/**
 * Property-based tests over hostile input through the real handler: whatever arrives, the answer is one of
 * the contract's statuses, bad input is never a 500, nothing crashes, and no invocation sends twice.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const CONTRACT_CODES = new Set(Object.keys(ERROR_STATUS));
const INPUT_ERRORS = new Set(['invalid_json', 'validation_failed', 'unsupported_media_type']);

let generated = 0;
let sends = 0;

// Registered before the stack, so it runs after the stack has closed and stopped capturing the output.
afterAll(() => {
  console.info(`fuzz: ${generated} generated inputs, ${sends} of them sent a message`);
});
const stack = useStack();

interface Answer {
  status: number;
  code?: string;
  body: any;
}

function answerOf(outcome: InvokeOutcome): Answer {
  if (!outcome.ok) {
    const body = JSON.parse(outcome.error.message);
    return { status: ERROR_STATUS[body.error.code as ErrorCode], code: body.error.code, body };
  }
  const value = outcome.value as { statusCode?: number; body?: string };
  if (value.statusCode === undefined) return { status: 200, body: value };
  const body = JSON.parse(value.body ?? 'null');
  return { status: value.statusCode, ...(value.statusCode === 200 ? {} : { code: body.error.code }), body };
}

/** Invokes once and checks the promises every answer keeps; returns the answer for further checks. */
async function invokeChecked(event: unknown): Promise<Answer> {
  generated += 1;
  const before = stack.emulator.state.sentMessages.length;
  const answer = answerOf(await stack.invoke(event));
  const sent = stack.emulator.state.sentMessages.length - before;
  expect(sent).toBe(answer.status === 200 ? 1 : 0);
  sends += sent;
  if (answer.status !== 200) {
    expect(CONTRACT_CODES.has(answer.code ?? '')).toBe(true);
    expect(answer.code).not.toBe('internal_error');
    expect(JSON.stringify(answer.body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  }
  return answer;
}

// Mostly keys and values a sender would accept, so real sends are exercised too, mixed with hostile ones.
const placeholderIds = fc.oneof(
  { arbitrary: fc.constantFrom('CUSTOMER_NAME', 'AGENT_NAME', 'ORDER_ID', '__proto__', 'constructor', 'toString'), weight: 8 },
  { arbitrary: fc.constantFrom('x'.repeat(101), 'bad key', '', '{{'), weight: 1 },
  { arbitrary: fc.string(), weight: 1 },
);
const hostileStrings = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: fc.constantFrom('{{AGENT_NAME}}', '{{ CUSTOMER_NAME }}', '{{{{x}}}}', '<script>alert(1)</script>', '\u0000', '\ud800', '💬'.repeat(600)), weight: 4 },
  { arbitrary: fc.constantFrom('a'.repeat(2_001)), weight: 1 },
);

describe('hostile input', () => {
  it('any JSON value as a direct event is rejected with a 4xx contract code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (event) => {
        const answer = await invokeChecked(event);
        expect(INPUT_ERRORS.has(answer.code ?? '')).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('any string as an HTTP body, v1 or v2, with any content type, gets 400 or 415', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary' }), fc.json({ maxDepth: 6 })),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/vnd.api+json', 'JSON'),
        fc.boolean(),
        async (body, contentType, rest) => {
          const build = rest ? restApiV1Event : httpApiV2Event;
          const event = build({ conversationId: SEED.conversations.active, body, raw: true, headers: { 'content-type': contentType } });
          const answer = await invokeChecked(event);
          expect(INPUT_ERRORS.has(answer.code ?? '')).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('valid requests with hostile substitutions and extra keys: contract answers, one send at most, no placeholder expanded twice', async () => {
    const sendsBefore = sends;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: fc.dictionary(placeholderIds, hostileStrings, { maxKeys: 6 }), weight: 9 }, { arbitrary: fc.dictionary(placeholderIds, hostileStrings, { minKeys: 51, maxKeys: 60 }), weight: 1 }),
        fc.option(fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'extra', 'orgId', 'rawRequest'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), { nil: undefined, freq: 3 }),
        fc.constantFrom(SEED.responses.welcome, SEED.responses.openingHours, SEED.responses.refundPolicy),
        async (substitutions, extra, responseId) => {
          // JSON.parse gives `__proto__` as an own key, as API Gateway's body would; build the event the same way.
          const event = JSON.parse(JSON.stringify({ conversationId: SEED.conversations.active, responseId, substitutions, ...extra }));
          const answer = await invokeChecked(event);
          if (answer.status === 200) {
            const text: string = answer.body.text;
            expect(text.length).toBeLessThanOrEqual(2_000);
            if (responseId === SEED.responses.welcome && typeof substitutions.CUSTOMER_NAME === 'string') {
              // The customer's value appears literally, even when it looks like a placeholder.
              expect(text).toContain(substitutions.CUSTOMER_NAME.trim().split('\n')[0]);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
    // The property must also have exercised real sends, not only rejections.
    expect(sends - sendsBefore).toBeGreaterThan(RUNS / 20);
  });

  it('huge and deeply nested bodies are refused quickly, never a 500', async () => {
    // Prepare
    const huge = JSON.stringify({ responseId: SEED.responses.welcome, substitutions: { CUSTOMER_NAME: 'x'.repeat(5_000_000) } });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const deepObject = `{"responseId":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    // Act / Assess
    for (const body of [huge, deep, deepObject]) {
      const started = performance.now();
      const answer = await invokeChecked(httpApiV2Event({ conversationId: SEED.conversations.active, body, raw: true }));
      expect(INPUT_ERRORS.has(answer.code ?? '')).toBe(true);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });
});
