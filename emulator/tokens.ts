import { randomBytes } from 'node:crypto';

export type TokenStatus = 'valid' | 'unknown' | 'expired';

/** Opaque bearer tokens issued by the OAuth route, each with an expiry; revocable all at once. */
export class TokenStore {
  /** token → expiry, epoch ms */
  private readonly expiries = new Map<string, number>();
  /** Every token issued since start, revoked or not (tests check none of them leaks). */
  readonly issued: string[] = [];
  /** token → the OAuth client it was issued to */
  private readonly clients = new Map<string, string>();

  constructor(readonly ttlSeconds: number) {}

  issue(clientId: string): string {
    // Real access tokens are long random url-safe strings; clients must treat them as opaque.
    const token = randomBytes(64).toString('base64url');
    this.expiries.set(token, Date.now() + this.ttlSeconds * 1000);
    this.issued.push(token);
    this.clients.set(token, clientId);
    return token;
  }

  check(token: string): TokenStatus {
    const expiry = this.expiries.get(token);
    if (expiry === undefined) return 'unknown';
    if (Date.now() >= expiry) {
      this.expiries.delete(token);
      this.clients.delete(token);
      return 'expired';
    }
    return 'valid';
  }

  clientOf(token: string): string | undefined {
    return this.clients.get(token);
  }

  revokeAll(): void {
    this.expiries.clear();
    this.clients.clear();
  }
}
