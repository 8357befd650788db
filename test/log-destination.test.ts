// The server's log lines are handed to pino's asynchronous destination in batches
// (src/log-destination.ts): a line after a quiet spell at once, the lines of a busy spell together
// within BATCH_MS; every line exactly once, in order, also when the process exits right after it.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BATCH_MS, BatchingDestination } from '../src/log-destination.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A descriptor that records each write() (and can take only part of one, or refuse it). */
function fakeFd(take: (data: Buffer, offset: number) => number = (d, o) => d.length - o) {
  const chunks: Buffer[] = [];
  const write = (_fd: number, data: Buffer, offset: number) => {
    const n = take(data, offset);
    chunks.push(Buffer.from(data.subarray(offset, offset + n)));
    return n;
  };
  return {
    get writes() {
      return chunks.map((c) => c.toString('utf8'));
    },
    bytes: () => Buffer.concat(chunks),
    write,
  };
}

describe('batching log destination', () => {
  it('writes nothing on the logging call itself; a line after a quiet spell as soon as the loop is free', async () => {
    const fd = fakeFd();
    const b = new BatchingDestination(1, fd.write);
    b.write('a\n');
    b.write('b\n');
    expect(fd.writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(fd.writes).toEqual(['a\nb\n']);
  });

  it('under load, one write per window with every line of it, in order', async () => {
    const fd = fakeFd();
    const b = new BatchingDestination(1, fd.write);
    b.write('a\n');
    await new Promise((r) => setImmediate(r));
    b.write('b\n');
    b.write('c\n');
    await new Promise((r) => setImmediate(r));
    expect(fd.writes).toEqual(['a\n']);
    await sleep(BATCH_MS * 3);
    expect(fd.writes).toEqual(['a\n', 'b\nc\n']);
  });

  it('keeps what a full pipe did not take and writes it first, even cut inside a character', async () => {
    let calls = 0;
    const fd = fakeFd((d, o) => {
      calls++;
      if (calls === 1) return 3; // 'é' is two bytes: the cut falls inside it
      if (calls === 2) throw Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' });
      return d.length - o;
    });
    const b = new BatchingDestination(1, fd.write);
    b.write('aé€\n');
    await new Promise((r) => setImmediate(r));
    b.write('next\n');
    await sleep(BATCH_MS * 4);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(fd.bytes().toString('utf8')).toBe('aé€\nnext\n');
  });

  it('stops writing once the reader is gone (EPIPE), without throwing into the logger', async () => {
    let calls = 0;
    const b = new BatchingDestination(1, () => {
      calls++;
      throw Object.assign(new Error('EPIPE'), { code: 'EPIPE' });
    });
    b.write('a\n');
    await new Promise((r) => setImmediate(r));
    expect(b.write('b\n')).toBe(true);
    await sleep(BATCH_MS * 3);
    expect(calls).toBe(1);
  });

  it('a reader that stops reading for a while (a full pipe) blocks nothing and loses nothing', async () => {
    const n = 6000; // ≈ 700 KB: more than a pipe holds
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/log-lines.ts'), String(n), 'exit'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await sleep(700); // not reading: the child's writes meet a full pipe (exit waits for it up to 1 s)
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d) => (out += d));
    await new Promise((r) => child.on('exit', r));
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.requestId)).toEqual(Array.from({ length: n }, (_, i) => `r-${i}`));
  });

  for (const how of ['exit', 'throw'])
    it(`loses no line and keeps their order when the process ends right after logging (${how})`, () => {
      const n = 3000;
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/helpers/log-lines.ts'), String(n), how], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.requestId)).toEqual(Array.from({ length: n }, (_, i) => `r-${i}`));
      expect(lines[0]).toMatchObject({ level: 30, msg: 'request', action: 'sts:GetCallerIdentity', status: 200, ms: 1 });
    });
});
