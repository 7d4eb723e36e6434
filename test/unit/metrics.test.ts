import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { metrics, recordMetric } from '../../src/metrics';
import { emfWrittenBy, valuesOf } from '../support/emf';
import { startOutputCapture } from '../support/leak-guard';

// The function's metrics are one object per container: flush what a test recorded so the next starts empty.
afterEach(async () => {
  await emfWrittenBy(() => metrics.publishStoredMetrics());
});

const flushed = (record: () => void) =>
  emfWrittenBy(() => {
    record();
    metrics.publishStoredMetrics();
  });

describe('recordMetric', () => {
  it('never throws: a metric Powertools refuses is logged, and the caller goes on', async () => {
    // Prepare: Powertools refuses a metric already stored with another unit.
    metrics.addMetric('MessagesSent', MetricUnit.Seconds, 1);
    const capture = startOutputCapture({ forward: false });
    // Act
    let thrown: unknown;
    try {
      recordMetric.messageSent();
    } catch (error) {
      thrown = error;
    } finally {
      capture.stop();
    }
    // Assess
    expect(thrown).toBeUndefined();
    const warnings = capture
      .text()
      .split('\n')
      .filter((line) => line.includes('"level":"WARN"'))
      .map((line) => JSON.parse(line) as { message: string; cause: { message: string } });
    expect(warnings).toEqual([expect.objectContaining({ message: 'metric not recorded', cause: expect.objectContaining({ message: expect.stringContaining('MessagesSent') }) })]);
  });

  it('writes each count as EMF in the GenesysCannedResponse namespace, by service', async () => {
    // Act
    const lines = await flushed(() => {
      recordMetric.messageSent();
      recordMetric.cacheHit('token');
      recordMetric.cacheHit('token');
      recordMetric.cacheHit('secret');
      recordMetric.cacheHit('response');
      recordMetric.idempotentReplay();
      recordMetric.sendReconciled();
    });
    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ service: 'genesys-canned-response' });
    expect(lines[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('GenesysCannedResponse');
    expect(valuesOf(lines, 'MessagesSent')).toEqual([1]);
    expect(valuesOf(lines, 'TokenCacheHits')).toEqual([1, 1]);
    expect(valuesOf(lines, 'SecretCacheHits')).toEqual([1]);
    expect(valuesOf(lines, 'ResponseCacheHits')).toEqual([1]);
    expect(valuesOf(lines, 'IdempotentReplays')).toEqual([1]);
    expect(valuesOf(lines, 'SendsReconciled')).toEqual([1]);
  });

  it('records each Genesys attempt as latency in whole milliseconds, and a 429 as a Throttle', async () => {
    // Act
    const lines = await flushed(() => {
      recordMetric.genesysAttempt({ durationMs: 12.6, status: 200 });
      recordMetric.genesysAttempt({ durationMs: 40.2, status: 429 });
      recordMetric.genesysAttempt({ durationMs: 5_000, status: undefined });
    });
    // Assess
    expect(valuesOf(lines, 'GenesysLatency')).toEqual([13, 40, 5_000]);
    expect(valuesOf(lines, 'Throttles')).toEqual([1]);
    const units = lines.flatMap((line) => line._aws.CloudWatchMetrics.flatMap((set) => set.Metrics));
    expect(units).toEqual(expect.arrayContaining([{ Name: 'GenesysLatency', Unit: 'Milliseconds' }, { Name: 'Throttles', Unit: 'Count' }]));
  });
});
