// The README is executable: every fenced block of README.md, docs/ and docker/README.md is run,
// top to bottom, against one fresh server started by the README's own `npm start`, as a reader
// would after the quick start's exports (endpoint, key `test`, region). Shell blocks run in bash
// with -e -o pipefail (a block that shows a failing command says `|| echo …`), JavaScript with
// node, Python with boto3, YAML seed examples with `iam-local seed --check`; ```text blocks are
// output and not run. Only a block whose first line says "needs Docker" is skipped without a tool
// check; a block whose tool is missing here (terraform; the AWS CLI, boto3 or jq in a trimmed
// environment) is skipped with the reason printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Block {
  file: string;
  line: number;
  lang: string;
  text: string;
}

/** The fenced blocks of a Markdown file. */
function blocksOf(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ file, line: start + 1, lang: open[1]!, text: body.join('\n') });
  }
  return out;
}

const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'docker/README.md'];
const BLOCKS = docs.flatMap(blocksOf);

const needsDocker = (b: Block) => /needs Docker/i.test(b.text.split('\n')[0] ?? '');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
/** A Python with boto3: Debian's (/usr/bin/python3, what CI installs) first. */
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import boto3']).status === 0);

/** The AWS CLI's version, when /usr/bin/aws is there. */
function awsCliVersion(): [number, number] | undefined {
  if (!existsSync('/usr/bin/aws')) return undefined;
  const m = /aws-cli\/(\d+)\.(\d+)/.exec(spawnSync('/usr/bin/aws', ['--version'], { encoding: 'utf8' }).stdout ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

let port = 0;
let work = '';
let server: ChildProcess | undefined;
let env: NodeJS.ProcessEnv = {};

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  port = await freePort();
  work = mkdtempSync(join(tmpdir(), 'iam-local-readme-'));
  // The reader's working copy: the repository's files (linked), files the blocks write stay here.
  const cwd = join(work, 'repo');
  mkdirSync(cwd);
  for (const e of readdirSync(ROOT)) if (e !== 'data' && e !== '.git') symlinkSync(join(ROOT, e), join(cwd, e));
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const cli = awsCliVersion();
  if (cli) {
    // AWS CLI releases before 2.13 (Debian 12 has 2.9) ignore AWS_ENDPOINT_URL; the README's quick
    // start says to pass --endpoint-url to them. This stand-in does that for the README's commands.
    const old = cli[0] < 2 ? cli[1] < 29 : cli[0] === 2 && cli[1] < 13;
    if (old) console.warn(`readme: aws-cli ${cli.join('.')} ignores AWS_ENDPOINT_URL; its blocks run with --endpoint-url "$AWS_ENDPOINT_URL", as CLI 2.13+ reads it`);
    writeFileSync(
      join(bin, 'aws'),
      old ? '#!/bin/sh\n[ -n "$AWS_ENDPOINT_URL" ] && exec /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"\nexec /usr/bin/aws "$@"\n' : '#!/bin/sh\nexec /usr/bin/aws "$@"\n',
    );
    chmodSync(join(bin, 'aws'), 0o755);
  }
  const { AWS_PROFILE: _p, AWS_SESSION_TOKEN: _t, IAM_LOCAL_URL: _u, AWS_ENDPOINT_URL_IAM: _i, AWS_ENDPOINT_URL_STS: _s, ...rest } = process.env;
  env = {
    ...rest,
    PATH: `${bin}:${process.env.PATH}`,
    PORT: String(port),
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(work, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'aws-credentials'),
    AWS_PAGER: '',
    HOME: work,
  };

  // The README's first block: `npm ci` (CI has run it before `npm test`) and `npm start`, the server.
  const first = BLOCKS[0]!;
  expect(first.text).toMatch(/^npm ci\b/m);
  expect(first.text).toMatch(/^npm start\b/m);
  console.warn('readme: README.md:' + first.line + ': `npm ci` not run here (CI installs before npm test); `npm start` is the server the blocks use');
  server = spawn('npm', ['start'], {
    cwd,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...env, IAM_LOCAL_DB: join(work, 'iam-local.db'), IAM_LOCAL_ENFORCE: 'audit', IAM_LOCAL_LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  server.stderr!.on('data', (d) => (stderr += d));
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/_iam/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300 || server.exitCode !== null) throw new Error(`npm start did not serve: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(() => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(cmd: string, args: string[], input?: string) {
  const r = spawnSync(cmd, args, { cwd: join(work, 'repo'), env, input, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** Why a block cannot run here, or undefined. */
function missingTool(b: Block): string | undefined {
  if (['sh', 'bash', 'shell'].includes(b.lang)) {
    if (/(^|[\s|;(&$])aws\s/m.test(b.text) && !existsSync('/usr/bin/aws')) return 'the AWS CLI (/usr/bin/aws) is not installed';
    if (/\bjq\b/.test(b.text) && !has('jq')) return 'jq is not installed';
    if (/\bcurl\b/.test(b.text) && !has('curl')) return 'curl is not installed';
  }
  if ((b.lang === 'python' || b.lang === 'py') && !python) return 'no python3 with boto3 (apt-get install python3-boto3)';
  if (b.lang === 'hcl' && !has('terraform')) return 'terraform is not installed';
  return undefined;
}

describe('README and docs blocks, run against a fresh server', { timeout: 180_000 }, () => {
  it('every block says what it is (a language, or text for output)', () => {
    for (const b of BLOCKS) expect(b.lang, `${b.file}:${b.line}`).not.toBe('');
  });

  it('every repository file a block names exists (e.g. the testcontainers example and its seed file)', () => {
    const named = BLOCKS.flatMap((b) => [...b.text.matchAll(/(?:\.\/)?\b((?:examples|templates|docker|test|scripts|docs)\/[\w./-]+\.\w+)/g)].map((m) => [b, m[1]!] as const));
    expect(named.map(([, p]) => p)).toContain('examples/testcontainers/seed.yaml');
    for (const [b, p] of named) expect(existsSync(join(ROOT, p)), `${b.file}:${b.line} names ${p}`).toBe(true);
  });

  it('the quick start sets AWS_DEFAULT_REGION too (older CLIs read only that)', () => {
    const quick = BLOCKS.filter((b) => b.lang === 'sh' && /export AWS_ENDPOINT_URL=/.test(b.text));
    expect(quick.length).toBeGreaterThan(0);
    for (const b of quick) expect(b.text, `${b.file}:${b.line}`).toMatch(/AWS_DEFAULT_REGION=us-east-1/);
  });

  for (const [n, b] of BLOCKS.entries()) {
    if (n === 0 || b.lang === 'text') continue;
    it(`${b.file}:${b.line} (${b.lang})`, (ctx) => {
      if (needsDocker(b)) {
        console.warn(`readme: ${b.file}:${b.line} skipped: marked as needing Docker`);
        return ctx.skip();
      }
      const why = missingTool(b);
      if (why) {
        console.warn(`readme: ${b.file}:${b.line} skipped: ${why}`);
        return ctx.skip();
      }
      // The README speaks of the default port; this server listens on a free one.
      const text = b.text.replaceAll('4577', String(port));
      const file = join(work, 'repo', `block-${n}`);
      let r;
      switch (b.lang) {
        case 'sh':
        case 'bash':
        case 'shell':
          r = run('bash', ['-e', '-o', 'pipefail', '-c', text]);
          break;
        case 'js':
        case 'javascript':
          writeFileSync(`${file}.mjs`, text);
          r = run(process.execPath, [`${file}.mjs`]);
          break;
        case 'ts':
        case 'typescript':
          writeFileSync(`${file}.ts`, text);
          r = run(process.execPath, ['--import', 'tsx', `${file}.ts`]);
          break;
        case 'python':
        case 'py':
          r = run(python!, ['-c', text]);
          break;
        case 'yaml':
        case 'yml':
          writeFileSync(`${file}.yaml`, text);
          r = run(process.execPath, [join(ROOT, 'bin', 'iam-local.js'), 'seed', `${file}.yaml`, '--check']);
          break;
        case 'json':
          JSON.parse(text);
          return;
        case 'hcl': {
          mkdirSync(file);
          writeFileSync(join(file, 'main.tf'), text);
          const init = run('sh', ['-c', `cd ${file} && terraform init -input=false`]);
          if (init.status !== 0 && /registry\.terraform\.io|Failed to query available provider/.test(init.out)) {
            console.warn(`readme: ${b.file}:${b.line} skipped: terraform cannot fetch its AWS provider here (no access to registry.terraform.io)`);
            return ctx.skip();
          }
          expect(init.status, init.out).toBe(0);
          r = run('sh', ['-c', `cd ${file} && terraform plan -input=false`]);
          break;
        }
        default:
          throw new Error(`${b.file}:${b.line}: no way to run a ${b.lang} block; give it a language this test knows, or text for output`);
      }
      expect(r.status, `${b.file}:${b.line} exited ${r.status}:\n${r.out}`).toBe(0);
    });
  }
});
