// IMDSv2 session tokens of one instance: opaque strings that expire by the server clock.
// Bounded: at most MAX_TOKENS per instance (a client that asks for tokens in a loop evicts its own
// oldest ones, never grows the server). Expired tokens are dropped from the front of the
// issue-ordered map as tokens are issued and looked up: each token is dropped once, so the work is
// O(1) amortised per call. Tokens with a shorter TTL issued later may wait behind a longer one in
// that order; they are refused on lookup (and deleted then) and are still counted by the bound.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';

export const MIN_TOKEN_TTL = 1;
export const MAX_TOKEN_TTL = 21600;
export const MAX_TOKENS = 1000;
/** Expired entries looked at per call, at most: keeps a call O(1) even after a long idle time. */
const PRUNE_STEP = 4;

interface Entry {
  expiresAtMs: number;
  /** The clock's epoch at issue: a move back of the clock does not revive an expired token. */
  epoch: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, Entry>();
  constructor(
    private readonly clock: Clock,
    private readonly max = MAX_TOKENS,
  ) {}

  get size() {
    return this.tokens.size;
  }

  issue(ttlSeconds: number): string {
    this.prune();
    if (this.tokens.size >= this.max) this.tokens.delete(this.tokens.keys().next().value!);
    // AWS's tokens are 56 base64 characters beginning "AQAE".
    const token = 'AQAE' + randomBytes(39).toString('base64');
    this.tokens.set(token, { expiresAtMs: this.clock.nowMs() + ttlSeconds * 1000, epoch: this.clock.epoch });
    return token;
  }

  /** Seconds the token has left, or undefined when it is unknown or expired. */
  remaining(token: string): number | undefined {
    this.prune();
    const e = this.tokens.get(token);
    if (e === undefined) return undefined;
    if (this.clock.hasEnded(e.expiresAtMs, e.epoch)) {
      this.tokens.delete(token);
      return undefined;
    }
    return Math.ceil((e.expiresAtMs - this.clock.nowMs()) / 1000);
  }

  private prune() {
    for (let i = 0; i < PRUNE_STEP; i++) {
      const first = this.tokens.entries().next();
      if (first.done || !this.clock.hasEnded(first.value[1].expiresAtMs, first.value[1].epoch)) return;
      this.tokens.delete(first.value[0]);
    }
  }
}
