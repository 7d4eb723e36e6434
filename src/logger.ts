import { Logger } from '@aws-lambda-powertools/logger';
import { logLevelOf } from './config';
import { redact } from './redaction';

/**
 * The function's structured JSON logger. Defence in depth against leaks: besides never logging credentials on
 * purpose, every log line passes through {@link redact}.
 */

/**
 * LOG_LEVEL by the configuration's rule (src/config.ts); given here, it also stops Powertools from reading
 * LOG_LEVEL again with rules of its own.
 */
export const logger = new Logger({
  serviceName: 'genesys-canned-response',
  logLevel: logLevelOf(),
  jsonReplacerFn: redact,
});
