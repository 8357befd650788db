// The one clock of the server. /_iam/clock moves it; every timestamp, expiry and skew check reads it.
export class Clock {
  private offsetMs = 0;
  private fixed: number | undefined;

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.fixed !== undefined ? this.fixed : Date.now() + this.offsetMs;
  }

  advance(seconds: number) {
    if (this.fixed !== undefined) this.fixed += seconds * 1000;
    else this.offsetMs += seconds * 1000;
  }

  /** Sets the time; the clock keeps running from there. */
  set(at: Date) {
    this.fixed = undefined;
    this.offsetMs = at.getTime() - Date.now();
  }

  reset() {
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
