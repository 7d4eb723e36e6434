import fc from 'fast-check';
import { Compile, parse } from 'velocityjs';
import { describe, expect, it } from 'vitest';
import { API_URL_PLACEHOLDER, SHIPPED_PLACEHOLDERS, webServiceAction } from '../../../src/architect/actions';
import { contractSamples, contractViolations } from '../../support/contract-schema';
import { httpApiV2Event, lambdaContext } from '../../support/events';
import { echoStack } from '../../support/middleware-stack';

const action = webServiceAction();
const { request, response } = action.config;

/** A template parsed once (parsing dominates a render), rendered as Genesys would with `context`. */
const template = (text: string) => {
  const compiled = new Compile(parse(text));
  return (context: Record<string, unknown>) => compiled.render(context);
};
const renderUrl = template(request.requestUrlTemplate);
const renderBody = template(request.requestTemplate);
const renderSuccess = template(response.successTemplate);

/** The Velocity tools Genesys gives a template, as far as these templates use them. */
const esc = { jsonString: (value: unknown) => JSON.stringify(String(value)).slice(1, -1), url: encodeURIComponent };

/** The HTTP request Genesys would send for these inputs, as API Gateway hands it to the function. */
function requestFor(input: Record<string, unknown>) {
  const url = renderUrl({ input, esc });
  const conversationId = decodeURIComponent(/\/conversations\/([^/]+)\/canned-responses$/.exec(url)![1]!);
  expect(url.startsWith(`${API_URL_PLACEHOLDER}/conversations/`)).toBe(true);
  return httpApiV2Event({ conversationId, body: renderBody({ input, esc }), raw: true });
}

/** What the function should receive: the inputs a flow gave, empty ones left out. */
function expectedInput(input: Record<string, unknown>) {
  const given = (name: string) => (typeof input[name] === 'string' && input[name] !== '' ? (input[name] as string) : undefined);
  return {
    conversationId: input.conversationId,
    responseId: input.responseId,
    ...(given('communicationId') ? { communicationId: given('communicationId') } : {}),
    ...(given('agentUserId') ? { agentUserId: given('agentUserId') } : {}),
    substitutions: Object.fromEntries(
      SHIPPED_PLACEHOLDERS.filter((id) => given(`substitution_${id}`)).map((id) => [id, given(`substitution_${id}`)]),
    ),
  };
}

async function echoed(input: Record<string, unknown>) {
  const answer = (await echoStack()(requestFor(input), lambdaContext())) as { statusCode: number; body: string };
  return { statusCode: answer.statusCode, body: JSON.parse(answer.body) as { received: unknown } };
}

describe('web service action request', () => {
  it('turns every input the contract allows into a request the HTTP route accepts, as the flow meant it', async () => {
    await fc.assert(
      fc.asyncProperty(contractSamples(action.contract.input.inputSchema), async (input) => {
        // Act
        const { statusCode, body } = await echoed(input);
        // Assess
        expect(statusCode).toBe(200);
        expect(body.received).toEqual(expectedInput(input));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves out optional inputs that are null, and escapes quotes, backslashes and line breaks in values', async () => {
    // Prepare
    const input = {
      conversationId: '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b',
      responseId: '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10',
      communicationId: null,
      agentUserId: null,
      substitution_CUSTOMER_NAME: 'Ana "the \\ one"\nline two $!{x} #end',
      substitution_AGENT_NAME: null,
    };
    // Act
    const { statusCode, body } = await echoed(input);
    // Assess
    expect(statusCode).toBe(200);
    expect(body.received).toEqual({
      conversationId: input.conversationId,
      responseId: input.responseId,
      substitutions: { CUSTOMER_NAME: input.substitution_CUSTOMER_NAME },
    });
  });
});

describe('web service action response', () => {
  it('maps the success body to messageId, status and text, matching the output contract', () => {
    // Prepare: Genesys hands each translation map value to the success template as JSON.
    const success = { messageId: 'm-1', conversationId: 'c', communicationId: 'k', responseId: 'r', responseName: 'Hours', text: 'Open "9–5"\nMon–Fri', status: 'sent', timestamp: '2026-11-28T12:00:00Z' };
    const translated = Object.fromEntries(
      Object.entries(response.translationMap).map(([name, path]) => [name, JSON.stringify(success[path.replace(/^\$\./, '') as keyof typeof success])]),
    );
    // Act
    const output = JSON.parse(renderSuccess(translated)) as unknown;
    // Assess
    expect(output).toEqual({ messageId: 'm-1', status: 'sent', text: success.text });
    expect(contractViolations(action.contract.output.successSchema, output)).toEqual([]);
  });
});
