// The one clock of the server. /_iam/clock moves it (an operator action, and only when the clock
// is `movable`); every timestamp, expiry and skew check reads it.
//
// AWS never goes back in time, so moving this clock backwards must not bring back what has
// already ended. A move back starts a new epoch and the clock keeps the latest time each epoch
// showed. What the server issues (an STS session, an IMDSv2 token) carries the epoch it was
// issued in and has ended once any time shown since reached its end (`hasEnded`); what carries
// only its own times (a signature, a presigned URL, a web identity token) is remembered when seen
// or refused, and stays ended (`artefactEnded`). What is issued after the move lives normally, so
// SDKs keep working on the moved clock. SECURITY.md, "Clock".
import type { ClockMode } from './config.js';

export class ClockLockedError extends Error {}

/** How many stateless artefacts (signatures, tokens) the clock remembers across a move back. */
const ARTEFACT_MEMORY = 10_000;

export class Clock {
  private offsetMs = 0;
  private fixed: number | undefined;
  /** The latest time shown in the current epoch (an epoch ends when the clock is moved back). */
  private epochHighMs = -Infinity;
  /** The latest time shown in each earlier epoch. */
  private readonly epochHighs: number[] = [];
  /** Signatures and tokens seen or refused: their end and the epoch they were first seen in. */
  private readonly artefacts = new Map<string, { endMs: number; epoch: number; ended: boolean }>();

  constructor(
    readonly mode: ClockMode = 'movable',
    fixedAt?: Date,
  ) {
    if (mode === 'fixed') this.fixed = (fixedAt ?? new Date()).getTime();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    const t = this.fixed !== undefined ? this.fixed : Date.now() + this.offsetMs;
    if (t > this.epochHighMs) this.epochHighMs = t;
    return t;
  }

  /** The latest time this clock has ever shown (never less than now). */
  highWater(): number {
    return Math.max(this.nowMs(), ...this.epochHighs);
  }

  /** Moves back so far: what is issued now is stamped with it (see hasEnded). */
  get epoch(): number {
    return this.epochHighs.length;
  }

  /**
   * Whether something that ends at `endMs` and was issued in `sinceEpoch` has ended: now, or at
   * any time the clock showed since it was issued — moving the clock back does not revive it,
   * while what is issued after the move lives its own life.
   */
  hasEnded(endMs: number, sinceEpoch = this.epoch): boolean {
    if (endMs <= this.nowMs()) return true;
    for (let e = Math.max(0, sinceEpoch); e < this.epochHighs.length; e++) if (endMs <= this.epochHighs[e]!) return true;
    return false;
  }

  /**
   * For artefacts that carry their own end and no server state (a SigV4 signature, a web identity
   * token): true when it has ended now, or was refused as ended before, or was seen before a move
   * back and ended before it. Looks only; `remember` records.
   */
  knownEnded(key: string, endMs: number): boolean {
    const seen = this.artefacts.get(key);
    if (seen && !seen.ended && this.hasEnded(Math.min(seen.endMs, endMs), seen.epoch)) seen.ended = true;
    return (seen?.ended ?? false) || endMs <= this.nowMs();
  }

  /** Records an artefact as seen (or, once its end has come, as ended): the last ARTEFACT_MEMORY. */
  remember(key: string, endMs: number): void {
    // A clock that cannot move back can revive nothing: nothing to remember on a request's path.
    if (this.mode !== 'movable') return;
    const ended = endMs <= this.nowMs();
    const seen = this.artefacts.get(key);
    if (seen) {
      if (ended) seen.ended = true;
      return;
    }
    if (this.artefacts.size >= ARTEFACT_MEMORY) this.artefacts.delete(this.artefacts.keys().next().value!);
    this.artefacts.set(key, { endMs, epoch: this.epoch, ended });
  }

  /** knownEnded, then remember: for artefacts whose authenticity is already established. */
  artefactEnded(key: string, endMs: number): boolean {
    const ended = this.knownEnded(key, endMs);
    this.remember(key, endMs);
    return ended;
  }

  get movable(): boolean {
    return this.mode === 'movable';
  }

  private move(apply: () => void) {
    if (this.mode !== 'movable')
      throw new ClockLockedError(`The clock is ${this.mode} (IAM_LOCAL_CLOCK=${this.mode}); start the server with IAM_LOCAL_CLOCK=movable to move it.`);
    const high = Math.max(this.epochHighMs, this.nowMs());
    apply();
    const now = this.fixed !== undefined ? this.fixed : Date.now() + this.offsetMs;
    if (now < high) {
      // Moved back: a new epoch begins; the old one's latest time still ends what it outlived.
      this.epochHighs.push(high);
      this.epochHighMs = now;
    }
  }

  advance(seconds: number) {
    this.move(() => {
      if (this.fixed !== undefined) this.fixed += seconds * 1000;
      else this.offsetMs += seconds * 1000;
    });
  }

  /** Sets the time; the clock keeps running from there. */
  set(at: Date) {
    this.move(() => {
      this.fixed = undefined;
      this.offsetMs = at.getTime() - Date.now();
    });
  }

  reset() {
    this.move(() => {
      this.fixed = undefined;
      this.offsetMs = 0;
    });
  }

  get isReal(): boolean {
    return this.fixed === undefined && this.offsetMs === 0;
  }

  get offsetSeconds(): number {
    return (this.nowMs() - Date.now()) / 1000;
  }
}
