import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { toAppError } from '../errors';
import { metrics } from '../metrics';

export interface FailureMetricsOptions {
  /** Default: the function's {@link metrics}. */
  metrics?: Metrics;
}

/**
 * Counts each failed invocation as `Failures`, once in the invocation's metrics (the total to alarm on) and once
 * with the contract's error `code` as dimension, in a line of its own so that dimension does not split the
 * invocation's other metrics. Register it after `contractResponses`: onError handlers run in reverse order, so this
 * one sees the error before it is shaped for the caller. Flushing is left to Powertools' `logMetrics`.
 */
export function failureMetrics(options: FailureMetricsOptions = {}): MiddlewareObj {
  const target = options.metrics ?? metrics;
  return {
    name: 'failureMetrics',
    onError: (request) => {
      const { code } = toAppError(request.error);
      target.addMetric('Failures', MetricUnit.Count, 1);
      target.singleMetric().addDimension('code', code).addMetric('Failures', MetricUnit.Count, 1);
    },
  };
}
