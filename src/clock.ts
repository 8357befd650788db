// The one clock of the server. /_iam/clock moves it (an operator action, and only when the clock
// is `movable`); every timestamp, expiry and skew check reads it.
//
// AWS never goes back in time, so moving this clock backwards must not bring back what has
// already ended: the clock keeps the latest time it has ever shown (its high-water mark), and
// anything with an absolute end — an STS session, a web identity or SAML token, a presigned URL,
// an IMDSv2 token — is over once that end is at or before the high-water mark, whatever the time
// now reads (see `hasPassed`). SECURITY.md, "Clock".
import type { ClockMode } from './config.js';

export class ClockLockedError extends Error {}

export class Clock {
  private offsetMs = 0;
  private fixed: number | undefined;
  private highWaterMs = -Infinity;

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
    if (t > this.highWaterMs) this.highWaterMs = t;
    return t;
  }

  /** The latest time this clock has shown (never less than now). */
  highWater(): number {
    return Math.max(this.highWaterMs, this.nowMs());
  }

  /** True once `endMs` is at or before the latest time the clock has shown: moving the clock
   *  back does not undo it. */
  hasPassed(endMs: number): boolean {
    return endMs <= this.highWater();
  }

  /** True once the clock has been moved back from a later time. */
  get rewound(): boolean {
    return this.highWaterMs > this.nowMs();
  }

  get movable(): boolean {
    return this.mode === 'movable';
  }

  private checkMovable() {
    if (this.mode !== 'movable')
      throw new ClockLockedError(`The clock is ${this.mode} (IAM_LOCAL_CLOCK=${this.mode}); start the server with IAM_LOCAL_CLOCK=movable to move it.`);
  }

  advance(seconds: number) {
    this.checkMovable();
    this.nowMs();
    if (this.fixed !== undefined) this.fixed += seconds * 1000;
    else this.offsetMs += seconds * 1000;
  }

  /** Sets the time; the clock keeps running from there. */
  set(at: Date) {
    this.checkMovable();
    this.nowMs();
    this.fixed = undefined;
    this.offsetMs = at.getTime() - Date.now();
  }

  reset() {
    this.checkMovable();
    this.nowMs();
    this.fixed = undefined;
    this.offsetMs = 0;
  }

  get isReal(): boolean {
    return this.fixed === undefined && this.offsetMs === 0;
  }

  get offsetSeconds(): number {
    return (this.nowMs() - Date.now()) / 1000;
  }
}
