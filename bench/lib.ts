// Shared helpers of the benchmarks: process start-up timing, RSS, tables and JSON results.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(BENCH_DIR, '..');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function httpGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** POSTs a SigV4-signed sts:GetCallerIdentity of the bootstrap root (`test`/`test`), as an SDK
 *  signs it, and resolves with the HTTP status. The first request a test suite's client makes. */
export function signedGetCallerIdentity(port: number): Promise<number> {
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const amzDate = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/us-east-1/sts/aws4_request`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', host: `127.0.0.1:${port}`, 'x-amz-date': amzDate };
  const names = Object.keys(headers).sort();
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');
  const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha(body)].join('\n');
  const hmac = (k: Buffer | string, t: string) => createHmac('sha256', k).update(t).digest();
  const key = hmac(hmac(hmac(hmac('AWS4test', day), 'us-east-1'), 'sts'), 'aws4_request');
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n')).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=test/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Spawns a server (`node args…`, or another command) and resolves when `probe` first gets a 200
 *  from it (default: a signed GetCallerIdentity), with the elapsed ms. */
export async function timeToFirstResponse(
  args: string[],
  env: Record<string, string>,
  probe: (port: number) => Promise<number> = signedGetCallerIdentity,
  command = process.execPath,
): Promise<{ ms: number; cpuMs: number; child: ChildProcess; port: number }> {
  const port = await freePort();
  const t0 = performance.now();
  // Its own process group, so stop() also ends what it started (npm → sh → node).
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore', detached: true });
  for (;;) {
    try {
      if ((await probe(port)) === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 2));
  }
  return { ms: performance.now() - t0, cpuMs: cpuMs(child.pid!), child, port };
}

/** CPU time (user + system, ms) a process has used so far: a figure other load on the machine
 *  barely moves, unlike wall-clock time. */
export function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * (1000 / 100); // utime + stime, in clock ticks of 10 ms
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
  return Math.round((kb / 1024) * 10) / 10;
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      child.kill('SIGTERM'); // the group is gone already
    }
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface Row {
  figure: string;
  value: string;
  reference?: string;
  target?: string;
  ok?: boolean;
}

export function printTable(title: string, rows: Row[]) {
  const cols = ['figure', 'value', 'reference', 'target', 'ok'] as const;
  const cell = (r: Row, c: (typeof cols)[number]) => (c === 'ok' ? (r.ok === undefined ? '' : r.ok ? 'yes' : 'NO') : (r[c] ?? ''));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r, c)).length)));
  const line = (vals: string[]) => '| ' + vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(`\n${title}`);
  console.log(line([...cols]));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(cell(r, c)))));
}

export function writeResult(name: string, data: unknown) {
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ measuredAt: new Date().toISOString(), ...(data as object) }, null, 2));
}
