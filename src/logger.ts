import { Logger } from '@aws-lambda-powertools/logger';
import { logLevelOf } from './config';

/**
 * The function's structured JSON logger. Defence in depth against leaks: besides never logging credentials
 * on purpose, every log line passes through {@link redact}, which masks sensitive keys, bearer/basic
 * credentials and any secret value this container has seen (client secret, access tokens).
 */

const REDACTED = '[REDACTED]';
const SENSITIVE_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|access_?token|refresh_?token|token|client_?secret|secret_?string|secret|password)$/i;
const CREDENTIAL_IN_TEXT = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** Values to mask wherever they appear; bounded, as tokens are replaced over a container's life. */
const sensitiveValues: string[] = [];
const MAX_SENSITIVE_VALUES = 32;

export function registerSensitiveValue(value: string | undefined): void {
  if (!value || value.length < 6 || sensitiveValues.includes(value)) return;
  sensitiveValues.push(value);
  if (sensitiveValues.length > MAX_SENSITIVE_VALUES) sensitiveValues.shift();
}

export function redactText(text: string): string {
  let result = text.replace(CREDENTIAL_IN_TEXT, `$1 ${REDACTED}`);
  for (const value of sensitiveValues) {
    if (result.includes(value)) result = result.split(value).join(REDACTED);
  }
  return result;
}

/** JSON replacer for log records. */
export function redact(key: string, value: unknown): unknown {
  if (SENSITIVE_KEY.test(key) && value !== undefined && value !== null && value !== '') return REDACTED;
  return typeof value === 'string' ? redactText(value) : value;
}

/**
 * LOG_LEVEL by the configuration's rule (src/config.ts); given here, it also stops Powertools from reading
 * LOG_LEVEL again with rules of its own.
 */
export const logger = new Logger({
  serviceName: 'genesys-canned-response',
  logLevel: logLevelOf(),
  jsonReplacerFn: redact,
});
