import middy from '@middy/core';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { failureMetrics } from '../../../src/middleware/failure-metrics';
import { emfWrittenBy, valuesOf } from '../../support/emf';
import { lambdaContext } from '../../support/events';

/** A handler that throws `error`, behind failureMetrics on metrics of its own; returns the EMF it wrote. */
async function failuresOf(error: unknown) {
  const metrics = new Metrics({ namespace: 'Test', serviceName: 'test' });
  const handler = middy()
    .use(failureMetrics({ metrics }))
    .handler(async () => {
      throw error;
    });
  return emfWrittenBy(async () => {
    await handler({}, lambdaContext()).catch(() => undefined);
    metrics.publishStoredMetrics();
  });
}

describe('failureMetrics', () => {
  it("counts a failure once in the invocation's metrics and once, in a line of its own, by contract code", async () => {
    // Act
    const lines = await failuresOf(new AppError('response_not_found', 'No such response.'));
    // Assess
    expect(valuesOf(lines, 'Failures')).toEqual([1]);
    expect(valuesOf(lines, 'Failures', ['service', 'code'])).toEqual([1]);
    expect(lines.filter((line) => line.code !== undefined)).toEqual([expect.objectContaining({ code: 'response_not_found', Failures: 1 })]);
  });

  it('counts an unexpected error as internal_error, naming nothing of it', async () => {
    const lines = await failuresOf(new Error('customer Ana said hello'));
    expect(lines.filter((line) => line.code !== undefined)).toEqual([expect.objectContaining({ code: 'internal_error' })]);
    expect(JSON.stringify(lines)).not.toContain('Ana');
  });

  it('counts nothing when the handler succeeds', async () => {
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'test' });
    const handler = middy().use(failureMetrics({ metrics })).handler(async () => 'ok');
    const lines = await emfWrittenBy(async () => {
      await handler({}, lambdaContext());
      metrics.publishStoredMetrics();
    });
    expect(valuesOf(lines, 'Failures')).toEqual([]);
  });
});
