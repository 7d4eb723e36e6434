import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { describeError } from './errors';
import { logger } from './logger';
import type { GenesysAttempt } from './types';

/**
 * CloudWatch metrics in Embedded Metric Format: one JSON line on stdout per flush, no API calls, so nothing
 * here needs AWS outside Lambda; and a metric Powertools refuses is logged, never thrown (a message Genesys
 * accepted must be answered as sent). Metric names and dimensions are fixed strings and
 * contract error codes only: never customer text, names or ids.
 */
export const metrics = new Metrics({ namespace: 'GenesysCannedResponse', serviceName: 'genesys-canned-response' });

export type CacheName = 'token' | 'secret' | 'response';

const CACHE_HIT_METRIC: Record<CacheName, string> = {
  token: 'TokenCacheHits',
  secret: 'SecretCacheHits',
  response: 'ResponseCacheHits',
};

/** What the function's parts report, as plain callbacks: the parts themselves stay free of Powertools. */
export const recordMetric = {
  /** Genesys accepted a message (an idempotent replay sends nothing and is counted apart). */
  messageSent: neverThrowing(() => metrics.addMetric('MessagesSent', MetricUnit.Count, 1)),
  /** Every HTTP attempt to Genesys, retries included: its latency, and whether it was throttled. */
  genesysAttempt: neverThrowing((attempt: GenesysAttempt) => {
    metrics.addMetric('GenesysLatency', MetricUnit.Milliseconds, Math.round(attempt.durationMs));
    if (attempt.status === 429) metrics.addMetric('Throttles', MetricUnit.Count, 1);
  }),
  cacheHit: neverThrowing((cache: CacheName) => metrics.addMetric(CACHE_HIT_METRIC[cache], MetricUnit.Count, 1)),
  /** A post whose outcome was unknown (timeout, dropped connection, 5xx) found delivered on the conversation. */
  sendReconciled: neverThrowing(() => metrics.addMetric('SendsReconciled', MetricUnit.Count, 1)),
  /** A repeated Idempotency-Key answered with the stored result. */
  idempotentReplay: neverThrowing(() => metrics.addMetric('IdempotentReplays', MetricUnit.Count, 1)),
};

function neverThrowing<A extends unknown[]>(record: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      record(...args);
    } catch (error) {
      logger.warn('metric not recorded', { cause: describeError(error) });
    }
  };
}
