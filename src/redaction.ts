/**
 * Masks credentials wherever text leaves the function: every log line (the logger's JSON replacer) and every error
 * body (toErrorBody). Values this container has seen are masked wherever they appear; bearer and basic credentials
 * by their shape; and text copied from an upstream answer also loses anything merely shaped like a credential.
 */

export const REDACTED = '[REDACTED]';
const SENSITIVE_KEY = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|access_?token|refresh_?token|token|client_?secret|secret_?string|secret|password)$/i;
// HTTP auth schemes are case-insensitive; the common spellings are enough.
const CREDENTIAL_IN_TEXT = /\b(Bearer|Basic|bearer|basic|BEARER|BASIC)\s+[A-Za-z0-9._~+/=-]+/g;
/** An opaque run of 32+ token characters mixing letters and digits: an API key, a JWT, a base64 credential. */
const CREDENTIAL_SHAPED = /(?<![A-Za-z0-9._~+/=-])(?=[A-Za-z0-9._~+/=-]*\d)(?=[A-Za-z0-9._~+/=-]*[A-Za-z])[A-Za-z0-9._~+/=-]{32,}(?![A-Za-z0-9._~+/=-])/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `permanent`: the client secret and its Basic credential, masked for the container's life. `rotating`: access
 * tokens, replaced over a container's life, so only the newest {@link MAX_ROTATING_VALUES} are kept; a flood of
 * them can never push a permanent value out.
 */
export type SensitiveLifetime = 'permanent' | 'rotating';
const permanentValues = new Set<string>();
const rotatingValues: string[] = [];
export const MAX_ROTATING_VALUES = 32;

export function registerSensitiveValue(value: string | undefined, lifetime: SensitiveLifetime = 'rotating'): void {
  if (!value || value.length < 6 || permanentValues.has(value)) return;
  const rotating = rotatingValues.indexOf(value);
  if (lifetime === 'permanent') {
    if (rotating !== -1) rotatingValues.splice(rotating, 1);
    permanentValues.add(value);
    return;
  }
  if (rotating !== -1) return;
  rotatingValues.push(value);
  if (rotatingValues.length > MAX_ROTATING_VALUES) rotatingValues.shift();
}

/** Masks every known secret and every bearer or basic credential in `text`. */
export function redactText(text: string): string {
  let result = text.replace(CREDENTIAL_IN_TEXT, `$1 ${REDACTED}`);
  for (const value of [...permanentValues, ...rotatingValues]) {
    if (result.includes(value)) result = result.split(value).join(REDACTED);
  }
  return result;
}

/**
 * Text from an upstream answer (an error message, an error code) that may be shown to a caller: redacted, with
 * anything credential-shaped masked too (UUIDs such as ids and contextIds stay), and at most `maxLength` long.
 */
export function upstreamText(text: string, maxLength = 300): string {
  const masked = redactText(text).replace(CREDENTIAL_SHAPED, (match) => (UUID.test(match) ? match : REDACTED));
  return masked.length > maxLength ? `${masked.slice(0, maxLength)}…` : masked;
}

/** JSON replacer for log records. */
export function redact(key: string, value: unknown): unknown {
  if (SENSITIVE_KEY.test(key) && value !== undefined && value !== null && value !== '') return REDACTED;
  return typeof value === 'string' ? redactText(value) : value;
}
