import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { GenesysAttempt } from './types';

/**
 * CloudWatch metrics in Embedded Metric Format: one JSON line on stdout per flush, no API calls, so nothing
 * here can fail an invocation or needs AWS outside Lambda. Metric names and dimensions are fixed strings and
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
  messageSent: () => metrics.addMetric('MessagesSent', MetricUnit.Count, 1),
  /** Every HTTP attempt to Genesys, retries included: its latency, and whether it was throttled. */
  genesysAttempt: (attempt: GenesysAttempt) => {
    metrics.addMetric('GenesysLatency', MetricUnit.Milliseconds, Math.round(attempt.durationMs));
    if (attempt.status === 429) metrics.addMetric('Throttles', MetricUnit.Count, 1);
  },
  cacheHit: (cache: CacheName) => metrics.addMetric(CACHE_HIT_METRIC[cache], MetricUnit.Count, 1),
  /** A post whose outcome was unknown (timeout, dropped connection, 5xx) found delivered on the conversation. */
  sendReconciled: () => metrics.addMetric('SendsReconciled', MetricUnit.Count, 1),
  /** A repeated Idempotency-Key answered with the stored result. */
  idempotentReplay: () => metrics.addMetric('IdempotentReplays', MetricUnit.Count, 1),
};
