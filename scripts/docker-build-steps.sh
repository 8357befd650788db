#!/usr/bin/env bash
# Runs the Dockerfile's build and start steps WITHOUT Docker, in a clean temporary directory, so a
# broken step (a missing COPY, a dependency only installed in dev, a bad start command) fails CI on
# a machine with no Docker engine.
#
#   scripts/docker-build-steps.sh            # exit 0 = every step worked and the server is healthy
#
# It does not keep a second copy of the steps: it reads the Dockerfile and follows it —
#   FROM (each stage gets its own root directory), WORKDIR, ENV, COPY (from the build context,
#   filtered by .dockerignore, or --from=stage), RUN (with /bin/sh), then the final stage's
#   ENTRYPOINT + CMD to start the server and its HEALTHCHECK command to wait for health.
# An instruction preceded by a `# docker-only` comment is skipped (system packages, chown of the
# volume): those need root and the image's OS, and are the only steps not exercised here.
# RUN's BuildKit options (--mount=type=cache,…) are dropped: npm uses this machine's cache, offline
# first. Nothing a RUN step does may touch the machine outside the temporary directory, so steps
# like `npm cache clean` must not appear unmarked.
# At start, PORT becomes a free port, HOST 127.0.0.1, and ENV values under a VOLUME path (e.g.
# IAM_LOCAL_DB=/data/…) point into the temporary directory. Then, through the image's own entry
# point: the starter seed is applied, the audit passes, a user's credentials print, and after a
# restart the state is still there (the volume).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export DOCKER_STEPS_CONTEXT="$ROOT"
export DOCKER_STEPS_WORK="$(mktemp -d "${TMPDIR:-/tmp}/iam-local-docker-steps.XXXXXX")"
cleanup() { [[ "${KEEP_DOCKER_STEPS_DIR:-}" == 1 ]] || rm -rf "$DOCKER_STEPS_WORK"; }
trap cleanup EXIT

node --input-type=module - <<'NODE'
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, isAbsolute, join, posix, relative } from 'node:path';
import { createRequire } from 'node:module';

const context = process.env.DOCKER_STEPS_CONTEXT;
const work = process.env.DOCKER_STEPS_WORK;
const micromatch = createRequire(join(context, 'package.json'))('micromatch');
const started = Date.now();
const log = (msg) => console.log(`[docker-steps +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const die = (msg) => {
  console.error(`[docker-steps] FAILED: ${msg}`);
  process.exit(1);
};

// ---- Dockerfile → instructions ----
const lines = readFileSync(join(context, 'Dockerfile'), 'utf8').split('\n');
const instructions = [];
let dockerOnly = false;
for (let i = 0; i < lines.length; i++) {
  let line = lines[i].trim();
  if (!line) continue;
  if (line.startsWith('#')) {
    if (/^#\s*docker-only\b/.test(line)) dockerOnly = true;
    continue;
  }
  const at = i + 1;
  while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i].trim();
  const m = /^(\w+)\s+([\s\S]*)$/.exec(line);
  if (!m) die(`Dockerfile:${at}: cannot read "${line}"`);
  instructions.push({ op: m[1].toUpperCase(), args: m[2].trim(), line: at, dockerOnly });
  dockerOnly = false;
}

// ---- .dockerignore ----
const ignore = existsSync(join(context, '.dockerignore'))
  ? readFileSync(join(context, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  : [];
function ignored(rel) {
  let out = false;
  const parts = rel.split('/');
  for (const raw of ignore) {
    const neg = raw.startsWith('!');
    const pat = (neg ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    // A pattern matches the path itself or any directory above it.
    const hit = parts.some((_, k) => micromatch.isMatch(parts.slice(0, k + 1).join('/'), pat, { dot: true }));
    if (hit) out = !neg;
  }
  return out;
}

function copyFromContext(src, dest) {
  const abs = join(context, src);
  if (!existsSync(abs)) die(`COPY ${src}: not in the build context`);
  if (ignored(src)) die(`COPY ${src}: excluded by .dockerignore`);
  cpSync(abs, dest, {
    recursive: true,
    filter: (from) => {
      const rel = relative(context, from).split('\\').join('/');
      return rel === '' || !ignored(rel);
    },
  });
}

// ---- run the stages ----
const stages = []; // { name, root, workdir, env }
let stage;
let entrypoint = [];
let cmd = [];
let health;
const volumes = [];
const execForm = (s) => (s.startsWith('[') ? JSON.parse(s) : ['/bin/sh', '-c', s]);
const inStage = (p) => join(stage.root, isAbsolute(p) ? p : posix.join(stage.workdir, p));

for (const ins of instructions) {
  const where = `Dockerfile:${ins.line} ${ins.op}`;
  if (ins.dockerOnly) {
    log(`${where}: skipped (docker-only) ${ins.args.slice(0, 70)}`);
    continue;
  }
  switch (ins.op) {
    case 'FROM': {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stage = { name: m?.[2] ?? String(stages.length), root: join(work, 'stages', String(stages.length)), workdir: '/', env: { ...process.env } };
      mkdirSync(stage.root, { recursive: true });
      stages.push(stage);
      entrypoint = [];
      cmd = [];
      health = undefined;
      log(`${where} ${ins.args} → ${stage.root}`);
      break;
    }
    case 'WORKDIR':
      stage.workdir = posix.resolve(stage.workdir, ins.args);
      mkdirSync(inStage('.'), { recursive: true });
      break;
    case 'ENV': {
      const pairs = ins.args.includes('=') ? [...ins.args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)].map((m) => [m[1], m[2].replace(/^"|"$/g, '')]) : [ins.args.split(/\s+/, 2)];
      for (const [k, v] of pairs) stage.env[k] = v;
      break;
    }
    case 'COPY': {
      const words = ins.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const rest = words.filter((w) => !w.startsWith('--'));
      const dest = rest.pop();
      const destAbs = inStage(dest);
      const intoDir = dest.endsWith('/') || rest.length > 1;
      for (const src of rest) {
        const target = intoDir ? join(destAbs, posix.basename(src)) : destAbs;
        mkdirSync(dirname(target), { recursive: true });
        if (from !== undefined) {
          const other = stages.find((s) => s.name === from);
          if (!other) die(`${where}: no stage ${from}`);
          const abs = join(other.root, src);
          if (!existsSync(abs)) die(`${where}: ${src} does not exist in stage ${from}`);
          cpSync(abs, target, { recursive: true, verbatimSymlinks: true });
        } else copyFromContext(src, target);
      }
      log(`${where} ${ins.args}`);
      break;
    }
    case 'RUN': {
      log(`${where} ${ins.args}`);
      // --mount=… options are BuildKit's (a cache mount here is the machine's own npm cache).
      const [c, ...a] = execForm(ins.args.replace(/^(--\S+\s+)+/, ''));
      const r = spawnSync(c, a, { cwd: inStage('.'), env: { ...stage.env, npm_config_prefer_offline: 'true' }, stdio: 'inherit' });
      if (r.status !== 0) die(`${where} exited with ${r.status ?? r.signal}`);
      break;
    }
    case 'ENTRYPOINT':
      entrypoint = execForm(ins.args);
      break;
    case 'CMD':
      cmd = execForm(ins.args);
      break;
    case 'HEALTHCHECK': {
      const m = /CMD\s+([\s\S]+)$/.exec(ins.args);
      health = m ? execForm(m[1].trim()) : undefined;
      break;
    }
    case 'VOLUME':
      volumes.push(...(ins.args.startsWith('[') ? JSON.parse(ins.args) : ins.args.split(/\s+/)));
      break;
    case 'USER':
    case 'EXPOSE':
    case 'LABEL':
    case 'ARG':
      break;
    default:
      die(`${where}: this script does not know ${ins.op}; teach it, or mark the step # docker-only`);
  }
}
if (!entrypoint.length && !cmd.length) die('the final stage has no ENTRYPOINT/CMD');
if (!health) die('the final stage has no HEALTHCHECK CMD');

// ---- start the image's command ----
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const port = await freePort();
const env = { ...stage.env, PORT: String(port), HOST: '127.0.0.1' };
for (const [k, v] of Object.entries(env))
  for (const vol of volumes)
    if (typeof v === 'string' && (v === vol || v.startsWith(vol.replace(/\/$/, '') + '/'))) env[k] = join(work, 'volumes', v);
for (const vol of volumes) mkdirSync(join(work, 'volumes', vol), { recursive: true });
const cwd = inStage('.');
const url = `http://127.0.0.1:${port}`;

function start() {
  const [c, ...a] = [...entrypoint, ...cmd];
  log(`start: ${[c, ...a].join(' ')} (PORT=${port}, IAM_LOCAL_DB=${env.IAM_LOCAL_DB ?? '-'})`);
  const child = spawn(c, a, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.output = () => output;
  return child;
}

async function waitHealthy(child) {
  const [c, ...a] = health;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) die(`the server exited with ${child.exitCode}:\n${child.output()}`);
    if (spawnSync(c, a, { cwd, env }).status === 0) return log(`HEALTHCHECK passed (${health.join(' ').slice(0, 60)}…)`);
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  die(`not healthy after 60s:\n${child.output()}`);
}

function cli(...args) {
  const [c, ...a] = entrypoint;
  const r = spawnSync(c, [...a, ...args], { cwd, env: { ...env, IAM_LOCAL_URL: url } });
  const out = r.stdout.toString();
  if (r.status !== 0) die(`${args.join(' ')} exited with ${r.status}:\n${out}${r.stderr}`);
  log(`${args.join(' ')}: ok`);
  return out;
}

async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
  if (code === 'timeout') {
    child.kill('SIGKILL');
    die('the server did not stop within 10s of SIGTERM');
  }
  log(`stopped (exit ${code})`);
}

let server = start();
await waitHealthy(server);
cli('seed', '--template', 'starter');
const audit = cli('audit', '--fail-on', 'low');
if (!/^No findings/.test(audit)) die(`unexpected audit output:\n${audit}`);
if (!/^export AWS_ACCESS_KEY_ID=AKIAALICE00000000001$/m.test(cli('creds', 'user:alice'))) die('creds user:alice did not print the seeded key');
await stop(server);

server = start();
await waitHealthy(server);
const state = JSON.parse(cli('export'));
if (!state.tables.users.some((u) => u.name === 'alice')) die('state did not survive the restart (volume)');
await stop(server);
log(`OK: the Dockerfile's steps build and start a healthy server (${url})`);
NODE
