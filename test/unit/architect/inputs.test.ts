import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../support/events';
import { echoStack, thrownBy } from '../../support/middleware-stack';

const event = { conversationId: '7b3c2f0e-1d4a-4c55-9a8e-0c1d2e3f4a5b', responseId: '4f1a7c1e-6a52-4c1e-9a1b-2b0f2f8b9c10' };

async function substitutionsOf(direct: Record<string, unknown>): Promise<Record<string, string>> {
  const echo = (await echoStack()({ ...event, ...direct }, lambdaContext())) as { received: { substitutions: Record<string, string> } };
  return echo.received.substitutions;
}

async function problemsOf(direct: Record<string, unknown>): Promise<Array<{ path: string; message: string }>> {
  const error = await thrownBy(echoStack()({ ...event, ...direct }, lambdaContext()));
  expect(error.name).toBe('validation_failed');
  return JSON.parse(error.message).error.details;
}

describe('substitutions passed by a flow', () => {
  it('folds substitution_<ID> inputs, substitutionsJson and substitutions into one set', async () => {
    // Act
    const substitutions = await substitutionsOf({
      substitution_CUSTOMER_NAME: 'Ana',
      substitutionsJson: '{"ORDER.ID": "A-42", "NOTE": ""}',
      substitutions: { AGENT_NAME: 'Bo' },
    });
    // Assess: a placeholder id with "." (not a valid input name) comes through substitutionsJson, "" kept as given there.
    expect(substitutions).toEqual({ CUSTOMER_NAME: 'Ana', 'ORDER.ID': 'A-42', NOTE: '', AGENT_NAME: 'Bo' });
  });

  it('takes a substitution_<ID> input left empty ("" or null) as not given, so the response default applies', async () => {
    expect(await substitutionsOf({ substitution_CUSTOMER_NAME: '', substitution_AGENT_NAME: null, substitutionsJson: '' })).toEqual({});
  });

  it('rejects a placeholder given twice, naming both places', async () => {
    // Act
    const problems = await problemsOf({ substitution_CUSTOMER_NAME: 'Ana', substitutionsJson: '{"CUSTOMER_NAME": "Eve"}' });
    // Assess
    expect(problems).toEqual([
      { path: 'substitutionsJson.CUSTOMER_NAME', message: '{{CUSTOMER_NAME}} is also given as substitution_CUSTOMER_NAME; give each placeholder once' },
    ]);
  });

  it('counts the 50-entry limit over all places together', async () => {
    // Prepare
    const flat = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`substitution_FLAT${index}`, 'x']));
    const json = JSON.stringify(Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`JSON${index}`, 'y'])));
    // Act
    const problems = await problemsOf({ ...flat, substitutionsJson: json });
    // Assess
    expect(problems.map((problem) => problem.path)).toEqual(['substitutions']);
    expect(problems[0]!.message).toMatch(/at most 50 entries in all/);
  });

  it('lists every problem of the flat inputs and of substitutionsJson by path', async () => {
    // Act
    const problems = await problemsOf({
      conversationId: 'nope',
      'substitution_BAD {ID}': 'x',
      substitution_LONG: 'z'.repeat(2001),
      substitutionsJson: '{"OK": 1}',
    });
    // Assess
    expect(problems.map((problem) => problem.path).sort()).toEqual(['conversationId', 'substitutionsJson.OK', 'substitution_BAD {ID}', 'substitution_LONG'].sort());
  });

  it('does not let a "__proto__" field smuggle in inputs', async () => {
    // Prepare: JSON.parse makes "__proto__" an own key, as the Lambda runtime does with an event.
    const direct = JSON.parse(`{"conversationId": null, "__proto__": {"conversationId": "${event.conversationId}"}}`);
    // Act
    const problems = await problemsOf(direct);
    // Assess
    expect(problems.map((problem) => problem.path).sort()).toEqual(['(body)', 'conversationId']);
  });

  it.each([
    ['not JSON', '{"A": '],
    ['a JSON array', '["A"]'],
    ['JSON null', 'null'],
  ])('rejects a substitutionsJson that is %s', async (_name, text) => {
    expect((await problemsOf({ substitutionsJson: text })).map((problem) => problem.path)).toEqual(['substitutionsJson']);
  });
});
