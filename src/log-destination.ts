// Where the server's JSON log lines go (pino's stream): a file descriptor (stdout), written in
// batches, synchronously, off every request's path.
//
// A line is queued; the queue is written by a write() of its own, never in the request that
// logged: as soon as the event loop is free when the log was quiet (at most every BATCH_MS under
// load, so a busy server makes one write per window, not one per request). pino's asynchronous
// destination wrote each line with a write() on libuv's thread pool: the hand-over to a pool
// thread and back cost more of a signed request's CPU than the line itself, and at exit a write
// still running on the pool raced the synchronous flush (lines lost or cut in two when the process
// exited right after logging, as the CLI does on SIGTERM). Written here on the main thread, a
// batch is whole and in order, and exit writes what is still queued.
import { writeSync } from 'node:fs';

/** The longest a line waits in the queue while the server is busy. */
export const BATCH_MS = 10;

type Write = (fd: number, data: Buffer, offset: number) => number;

export class BatchingDestination {
  private queue = '';
  /** The unwritten end of a batch a full pipe took only part of: written before the queue. */
  private held: Buffer | undefined;
  private scheduled = false;
  private lastWrite = -Infinity;
  /** The reader is gone (EPIPE) or the descriptor is unusable: lines are dropped from then on. */
  private broken = false;

  constructor(
    private readonly fd: number,
    private readonly write_: Write = writeSync,
  ) {
    flushedOnExit(this);
  }

  /** pino calls this with each serialized line. */
  write(line: string): boolean {
    if (this.broken) return true;
    this.queue += line;
    if (!this.scheduled) this.schedule(0);
    return true;
  }

  private schedule(atLeastMs: number) {
    this.scheduled = true;
    const wait = Math.max(atLeastMs, this.lastWrite + BATCH_MS - performance.now());
    // Quiet until now: as soon as the loop is free. Busy: when the window since the last write ends.
    if (wait <= 0) setImmediate(() => this.flush()).unref();
    else setTimeout(() => this.flush(), wait).unref();
  }

  /** Writes what is queued now. A full non-blocking pipe keeps the rest queued for the next try. */
  flush(cb?: (err?: Error) => void): void {
    this.scheduled = false;
    this.lastWrite = performance.now();
    const rest = this.writeQueue(false);
    if (rest) this.schedule(BATCH_MS);
    cb?.();
  }

  /** At exit: everything queued, now (a full pipe is given up to a second to drain). */
  flushSync(): void {
    this.writeQueue(true);
  }

  /** Writes the queue; returns whether some of it is still queued (a full pipe, not waited for). */
  private writeQueue(wait: boolean): boolean {
    if (this.broken) return false;
    // What a full pipe left of the last batch goes first, on its own (a reader that stays away
    // costs one try per window, not a copy of the whole backlog).
    if (this.held) {
      const held = this.held;
      this.held = undefined;
      if (this.writeAll(held, wait)) return true;
    }
    if (!this.queue) return false;
    const data = Buffer.from(this.queue, 'utf8');
    this.queue = '';
    return this.writeAll(data, wait);
  }

  /** Writes `data`; what a full non-blocking pipe does not take is held (true), unless `wait`. */
  private writeAll(data: Buffer, wait: boolean): boolean {
    let off = 0;
    let busy = 0;
    while (off < data.length) {
      try {
        off += this.write_(this.fd, data, off);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          if (!wait) {
            // Written in order later (as bytes: the cut may fall inside a character).
            this.held = data.subarray(off);
            return true;
          }
          if (++busy <= 100) {
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
            continue;
          }
        }
        this.broken = true; // EPIPE, EBADF…: as pino, stop logging rather than fail requests.
        return false;
      }
    }
    return false;
  }
}

// One exit listener for every destination (a test process makes many loggers), holding none alive.
const live = new Set<WeakRef<BatchingDestination>>();
function flushedOnExit(d: BatchingDestination) {
  if (live.size === 0) process.once('exit', () => live.forEach((ref) => ref.deref()?.flushSync()));
  live.add(new WeakRef(d));
}
