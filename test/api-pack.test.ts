// `npm pack` makes a package a fresh project installs from the tarball and uses: the ESM and
// CommonJS entries, the shipped types (checked by tsc as a consumer's code, both module kinds), the
// Jest example's setup/teardown, and the `iam-local` command. Minutes long (npm install in a clean
// project builds better-sqlite3 from source when no prebuilt binary can be fetched: 2 min of CPU,
// over 10 on a loaded 2-core machine), so it runs only when IAM_LOCAL_PACK_TEST=1, which .ci/run
// sets. IAM_LOCAL_PACK_TEST=fast installs with --ignore-scripts and copies this checkout's
// better-sqlite3 build (same version, same Node) instead of compiling it: everything else is the
// same, for a quick local run. Dependencies come from the npm cache where it has them
// (--prefer-offline), otherwise from the registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './e2e/compose.js';

const mode = process.env.IAM_LOCAL_PACK_TEST;
const enabled = mode === '1' || mode === 'fast';
if (!enabled) console.warn('api-pack.test: SKIPPED: set IAM_LOCAL_PACK_TEST=1 to pack, install into a fresh project and use it (minutes; .ci/run sets it)');
const INSTALL_TIMEOUT = 1_800_000;

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
function run(cmd: string, args: string[], cwd: string, timeout = 300_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('VITEST') && !k.startsWith('npm_')));
  return new Promise((resolve) =>
    execFile(cmd, args, { cwd, env: { ...env, NO_COLOR: '1' }, timeout, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}
const repoVersion = (pkg: string) => JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;

describe.skipIf(!enabled)('npm pack → install from the tarball in a fresh project → use', () => {
  let dir: string;
  let project: string;
  let files: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'iam-local-pack-'));
    // Packed from a copy of the package's files: prepack rebuilds dist/, which other test files'
    // processes may be running from in the checkout itself.
    const source = join(dir, 'source');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    for (const f of ['package.json', ...pkg.files.filter((f) => !f.startsWith('dist'))]) cpSync(join(ROOT, f), join(source, f), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'));
    const packed = await run(NPM, ['pack', '--json', '--pack-destination', dir], source);
    expect(packed.code, packed.stderr).toBe(0);
    const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')))[0];
    files = info.files.map((f: { path: string }) => f.path);
    project = join(dir, 'fresh');
    cpSync(join(ROOT, 'examples'), project, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh', private: true, type: 'module' }));
    const installed = await run(
      NPM,
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        ...(mode === 'fast' ? ['--ignore-scripts'] : []),
        join(dir, info.filename),
        `@aws-sdk/client-iam@${repoVersion('@aws-sdk/client-iam')}`,
        `@aws-sdk/client-sts@${repoVersion('@aws-sdk/client-sts')}`,
      ],
      project,
      INSTALL_TIMEOUT,
    );
    expect(installed.code, installed.stderr).toBe(0);
    if (mode === 'fast') {
      expect(JSON.parse(readFileSync(join(project, 'node_modules/better-sqlite3/package.json'), 'utf8')).version).toBe(repoVersion('better-sqlite3'));
      cpSync(join(ROOT, 'node_modules/better-sqlite3/build'), join(project, 'node_modules/better-sqlite3/build'), { recursive: true });
    }
  }, INSTALL_TIMEOUT + 300_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds the built entries, the types, the migrations and the CLI, and no tests', () => {
    expect(files).toEqual(expect.arrayContaining(['lib/index.js', 'lib/index.cjs', 'types/index.d.ts', 'dist/index.d.cts', 'dist/api.js', 'dist/cli.js', 'bin/iam-local.js', 'migrations/001_init.sql', 'package.json']));
    expect(files.filter((f) => /^(test|bench|node_modules|\.ci)\//.test(f))).toEqual([]);
  });

  it("ESM: import { startIamLocal } from 'iam-local', seeded, used with the SDK, stopped", async () => {
    writeFileSync(
      join(project, 'esm.mjs'),
      `import { startIamLocal } from 'iam-local';
       import { IAMClient, GetUserCommand } from '@aws-sdk/client-iam';
       const iam = await startIamLocal({ seed: { users: [{ name: 'packed' }] } });
       const { User } = await new IAMClient(iam.clientConfig).send(new GetUserCommand({ UserName: 'packed' }));
       console.log(User.Arn);
       await iam.stop();`,
    );
    const r = await run(process.execPath, ['--no-warnings', 'esm.mjs'], project);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('arn:aws:iam::000000000000:user/packed');
  });

  it("CommonJS: require('iam-local') and the Jest example's globalSetup, test file and globalTeardown", async () => {
    const runner = `const path = require('node:path');
      const dir = path.join(process.cwd(), 'jest');
      const config = require(path.join(dir, 'jest.config.cjs'));
      const tests = [];
      globalThis.test = (name, fn) => tests.push([name, fn]);
      globalThis.expect = (v) => ({ toBe: (w) => { if (v !== w) throw new Error(JSON.stringify(v) + ' !== ' + JSON.stringify(w)); } });
      (async () => {
        await require(path.join(dir, config.globalSetup))();
        require(path.join(dir, 'iam.test.cjs'));
        for (const [name, fn] of tests) { await fn(); console.log('ok', name); }
        await require(path.join(dir, config.globalTeardown))();
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const r = await run(process.execPath, ['--no-warnings', '-e', runner], project);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['ok sees the seeded user', 'ok signs as the account root']);
  });

  it("the shipped types check a consumer's code, as an ES module and as CommonJS (tsc, module nodenext)", async () => {
    const consumer = `
      const iam = await startIamLocal({ port: 0, seed: { users: [] }, enforce: 'on', logLevel: 'silent' });
      const endpoint: string = iam.endpoint;
      const keys: { accessKeyId: string; secretAccessKey: string } = iam.credentials;
      const moved: Date = iam.clock.advance(60);
      const summary = await iam.seed('seed.yaml');
      const created: number = summary.counts.created;
      await iam.reset();
      await iam.stop();
      // @ts-expect-error enforce is 'off' | 'audit' | 'on'
      await startIamLocal({ enforce: 'sometimes' });
      export { endpoint, keys, moved, created };`;
    writeFileSync(join(project, 'consumer.mts'), `import { startIamLocal } from 'iam-local';\n${consumer}`);
    writeFileSync(join(project, 'consumer.cts'), `import { startIamLocal } from 'iam-local';\nasync function main() {${consumer.replace(/export \{[^}]*\};/, 'return [endpoint, keys, moved, created];')}}\nexport = main;`);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['consumer.mts', 'consumer.cts'] }),
    );
    const r = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('the iam-local command works from the installed package', async () => {
    const r = await run(join(project, 'node_modules/.bin/iam-local'), ['seed', '--template', 'starter', '--check'], project);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/valid/);
  });
});
