// What a newcomer sees when something is wrong at start: one line that says what and what to do,
// naming the flag or the environment variable as it was given, and exit status 1 — never a stack
// trace, never a hang. Also: `--help` needs no build and loads no server; unknown templates are
// listed; the AWS SDK's Node-version warning is not printed by iam-local's own commands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CreateRoleCommand, CreateInstanceProfileCommand, AddRoleToInstanceProfileCommand } from '@aws-sdk/client-iam';
import { startServer, type TestServer } from './helpers/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'iam-local.js');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}, opts: { uid?: number } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env, IAM_LOCAL_URL: '', PORT: '', HOST: '', IAM_LOCAL_DB: '', IAM_LOCAL_LOG_LEVEL: '', LOG_LEVEL: '', IAM_LOCAL_SEED: '', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...base, ...env } as NodeJS.ProcessEnv,
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    // A start that unexpectedly succeeds must not hang the test.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Exit status 1 and exactly one line on stderr (no stack trace) that matches `message`. */
function oneLine(r: Result, message: RegExp | string) {
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  if (typeof message === 'string') expect(lines[0]).toBe(message);
  else expect(lines[0]).toMatch(message);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iam-local-cli-errors-'));
  // Build once as this user: a child running as another user cannot write dist/.
  expect(spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start-up errors: one line with a hint, exit 1', { timeout: 120_000 }, () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it('a port already in use names it, the flag, and suggests --port / an iam-local already there', async () => {
    const r = await cli(['start', '--port', String(busyPort), '--db', ':memory:']);
    oneLine(
      r,
      `iam-local: port ${busyPort} on 127.0.0.1 is already in use (--port). An iam-local may already run there (curl http://127.0.0.1:${busyPort}/_iam/health); else choose another port with --port or PORT (0 = any free port).`,
    );
    const viaEnv = await cli(['start', '--db', ':memory:'], { PORT: String(busyPort) });
    oneLine(viaEnv, new RegExp(`^iam-local: port ${busyPort} on 127\\.0\\.0\\.1 is already in use \\(PORT\\)\\.`));
  });

  it('an unresolvable HOST', async () => {
    const r = await cli(['start', '--port', '0', '--db', ':memory:'], { HOST: 'no-such-host.invalid' });
    oneLine(r, 'iam-local: cannot resolve the host "no-such-host.invalid" (HOST); give an address such as 127.0.0.1, or 0.0.0.0 for every interface.');
  });

  it('an unknown log level lists the valid ones', async () => {
    oneLine(await cli(['start', '--log-level', 'loud', '--db', ':memory:']), 'iam-local: --log-level must be one of fatal, error, warn, info, debug, trace, silent (not "loud")');
    oneLine(await cli(['start', '--db', ':memory:'], { LOG_LEVEL: 'verbose' }), 'iam-local: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (not "verbose")');
  });

  it('a flag value out of range names the flag typed (and the variable when it came from one)', async () => {
    oneLine(await cli(['start', '--port', '70000', '--db', ':memory:']), 'iam-local: --port must be a port number from 0 to 65535 (0 = any free port), not "70000"');
    oneLine(await cli(['start', '--db', ':memory:'], { PORT: '-1' }), 'iam-local: PORT must be a port number from 0 to 65535 (0 = any free port), not "-1"');
    oneLine(await cli(['start', '--enforce', 'sometimes', '--db', ':memory:']), 'iam-local: --enforce must be one of off, audit, on (not "sometimes")');
    oneLine(await cli(['start', '--account-id', '42', '--db', ':memory:']), 'iam-local: --account-id must be 12 digits (not "42")');
  });

  it('a --db file that is not an iam-local store: text, or another program\'s SQLite database', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello\n');
    oneLine(await cli(['start', '--port', '0', '--db', text]), `iam-local: --db ${text} is not an iam-local store (not a SQLite database); give another path, or move the file away.`);
    expect(readFileSync(text, 'utf8')).toBe('hello\n'); // untouched

    const foreign = join(dir, 'other.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    db.close();
    oneLine(await cli(['start', '--port', '0'], { IAM_LOCAL_DB: foreign }), `iam-local: IAM_LOCAL_DB ${foreign} is not an iam-local store: a SQLite database of another program (tables invoices); give another path.`);
    const after = new Database(foreign, { readonly: true });
    expect((after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name)).toEqual(['invoices']);
    after.close();

    oneLine(await cli(['start', '--port', '0', '--db', dir]), `iam-local: --db ${dir} is a directory; give a file path, e.g. ${dir}/iam-local.db.`);
  });

  it('a --db under /proc fails at once instead of waiting on SQLite', async () => {
    oneLine(
      await cli(['start', '--port', '0', '--db', '/proc/iam-local/iam-local.db']),
      'iam-local: --db /proc/iam-local/iam-local.db is on /proc, a virtual file system that cannot hold a store; give a file on a disk, e.g. ./data/iam-local.db, or :memory: for a throw-away store.',
    );
    oneLine(await cli(['export', '--db', '/proc/version']), /^iam-local: --db \/proc\/version is on \/proc, a virtual file system/);
  });

  it('a --db this user cannot write', async () => {
    // As root every file is writable: the command then runs as nobody (uid 65534).
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    chmodSync(dir, 0o755); // (mkdtemp's 0700 would hide everything inside from that user)
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    oneLine(
      await cli(['start', '--port', '0', '--db', join(locked, 'iam-local.db')], {}, { uid }),
      `iam-local: --db ${join(locked, 'iam-local.db')} cannot be created: ${locked} is not writable by this user; give a file on a disk, e.g. ./data/iam-local.db, or :memory: for a throw-away store.`,
    );
    const readOnly = join(dir, 'ro.db');
    expect(spawnSync(process.execPath, [BIN, 'export', '--db', readOnly]).status).toBe(0); // a real store
    chmodSync(readOnly, 0o444);
    oneLine(
      await cli(['start', '--port', '0', '--db', readOnly], {}, { uid }),
      `iam-local: --db ${readOnly} is not writable by this user; give a file on a disk, e.g. ./data/iam-local.db, or :memory: for a throw-away store.`,
    );
  });
});

describe('--help', { timeout: 120_000 }, () => {
  it('prints from src/cli-spec.mjs without the build step, the bundle or the server', async () => {
    // A module hook records every module the command resolves.
    const log = join(dir, 'resolved.txt');
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
    const register = join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify('file://' + hooks)});\n`);
    const r = spawnSync(process.execPath, ['--import', register, BIN, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const c of ['start', 'seed', 'audit', 'export', 'import', 'creds']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    const resolved = readFileSync(log, 'utf8');
    expect(resolved).toContain('/src/cli-spec.mjs');
    expect(resolved).not.toMatch(/\/dist\/cli\.js|\/scripts\/build\.mjs|\/node_modules\/(fastify|esbuild|better-sqlite3)\//);

    const start = spawnSync(process.execPath, [BIN, 'start', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(start.status).toBe(0);
    expect(start.stdout.replace(/\s+/g, ' ')).toContain('--log-level <level> pino level: fatal, error, warn, info, debug, trace, silent');
  });

  it('the version, from package.json', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('operator commands: clear messages', { timeout: 120_000 }, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('seed --template with an unknown name lists the templates', async () => {
    oneLine(await cli(['seed', '--template', 'strater', '--print']), 'iam-local: Unknown template "strater". Templates: starter (e.g. iam-local seed --template starter --print).');
  });

  it('creds role:NAME for an instance or task role points to /_iam/instances or /_iam/tasks; no SDK Node-version warning', async () => {
    const trust = (service: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
    await t.iam.send(new CreateRoleCommand({ RoleName: 'InstRole', AssumeRolePolicyDocument: trust('ec2.amazonaws.com') }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'InstRole' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'InstRole', RoleName: 'InstRole' }));
    await t.iam.send(new CreateRoleCommand({ RoleName: 'TaskRole', AssumeRolePolicyDocument: trust('ecs-tasks.amazonaws.com') }));

    const inst = await cli(['creds', 'role:InstRole', '--url', t.url]);
    expect(inst.code).toBe(1);
    expect(inst.stderr).toMatch(/^iam-local: AssumeRole arn:aws:iam::000000000000:role\/InstRole: AccessDenied: /);
    expect(inst.stderr).toContain('InstRole is an instance role (it trusts ec2.amazonaws.com)');
    expect(inst.stderr).toContain('POST /_iam/instances');
    expect(inst.stderr).not.toMatch(/NodeVersionSupportWarning|^\s+at /m);

    const task = await cli(['creds', 'role:arn:aws:iam::000000000000:role/TaskRole', '--url', t.url]);
    expect(task.code).toBe(1);
    expect(task.stderr).toContain('TaskRole is a task role');
    expect(task.stderr).toContain('POST /_iam/tasks {"roleName": "TaskRole"}');
    expect(task.stderr).not.toMatch(/NodeVersionSupportWarning/);
  });

  it("the SDK's Node-version warning is not printed by a successful creds either", async () => {
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] });
    await t.iam.send(new CreateRoleCommand({ RoleName: 'CliRole', AssumeRolePolicyDocument: trust }));
    const r = await cli(['creds', 'role:CliRole', '--url', t.url]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^export AWS_SESSION_TOKEN=/m);
    expect(r.stderr).toMatch(/^assumed arn:aws:sts::000000000000:assumed-role\/CliRole\/iam-local-cli, expires /);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
