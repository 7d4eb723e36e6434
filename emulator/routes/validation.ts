const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A `textBody`'s length against the channel limits, in UTF-16 code units (Java's `String.length()`), so an emoji
 * counts as two: the way the function counts. How Genesys counts is not documented; this is unverified against a
 * live organization, and keeping both sides the same lets a test catch either drifting.
 */
export function textBodyLength(text: string): number {
  return text.length;
}
