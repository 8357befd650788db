// IMDSv2 session tokens of one instance: opaque strings that expire by the server clock.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

export const MIN_TOKEN_TTL = 1;
export const MAX_TOKEN_TTL = 21600;

export class TokenStore {
  private readonly tokens = new Map<string, number>();
  constructor(private readonly clock: Clock) {}

  issue(ttlSeconds: number): string {
    this.prune();
    // AWS's tokens are 56 base64 characters beginning "AQAE".
    const token = 'AQAE' + randomBytes(39).toString('base64');
    this.tokens.set(token, this.clock.nowMs() + ttlSeconds * 1000);
    return token;
  }

  /** Seconds the token has left, or undefined when it is unknown or expired. */
  remaining(token: string): number | undefined {
    const exp = this.tokens.get(token);
    if (exp === undefined) return undefined;
    const left = exp - this.clock.nowMs();
    if (left <= 0) return undefined;
    return Math.ceil(left / 1000);
  }

  private prune() {
    const now = this.clock.nowMs();
    for (const [t, exp] of this.tokens) if (exp <= now) this.tokens.delete(t);
  }
}
