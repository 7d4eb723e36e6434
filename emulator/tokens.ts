import { randomBytes } from 'node:crypto';

export type TokenStatus = 'valid' | 'unknown' | 'expired';

/** Opaque bearer tokens issued by the OAuth route, each with an expiry; revocable all at once. */
export class TokenStore {
  /** token → expiry, epoch ms */
  private readonly expiries = new Map<string, number>();
  /** Every token issued since start, revoked or not (tests check none of them leaks). */
  readonly issued: string[] = [];

  constructor(readonly ttlSeconds: number) {}

  issue(): string {
    // Real access tokens are long random url-safe strings; clients must treat them as opaque.
    const token = randomBytes(64).toString('base64url');
    this.expiries.set(token, Date.now() + this.ttlSeconds * 1000);
    this.issued.push(token);
    return token;
  }

  check(token: string): TokenStatus {
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return 'unknown';
    if (Date.now() >= expiry) {
      this.expiries.delete(token);
      return 'expired';
    }
    return 'valid';
  }

  revokeAll(): void {
    this.expiries.clear();
  }
}
