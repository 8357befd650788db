// Builds test/e2e/go (the AWS SDK for Go v2 end-to-end program) in GOPATH mode against Debian's
// golang-github-aws-aws-sdk-go-v2-dev, once per content of main.go: the binary is kept in the temp
// directory under a name made of its source's hash, so several test files share one build.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOPATH = '/usr/share/gocode';
const SRC = fileURLToPath(new URL('./go/', import.meta.url));

/** Why the Go program cannot be built here, or undefined when it can. */
export function goUnavailableReason(): string | undefined {
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0)
    return 'no `go` command (apt-get install golang-go golang-github-aws-aws-sdk-go-v2-dev; .ci/run does this)';
  for (const pkg of ['aws-sdk-go-v2/service/iam', 'aws-sdk-go-v2/service/sts', 'aws-sdk-go-v2/config', 'smithy-go'])
    if (!existsSync(join(GOPATH, 'src/github.com/aws', pkg)))
      return `${GOPATH}/src/github.com/aws/${pkg} is missing (apt-get install golang-github-aws-aws-sdk-go-v2-dev)`;
  return undefined;
}

/** The built binary's path (building it when this source has not been built yet). */
export async function buildGoE2e(): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(join(SRC, 'main.go'))).digest('hex').slice(0, 16);
  const bin = join(tmpdir(), `iam-local-go-e2e-${hash}`);
  if (existsSync(bin)) return bin;
  const dir = mkdtempSync(join(tmpdir(), 'iam-local-go-build-'));
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        'go',
        ['build', '-o', join(dir, 'bin'), '.'],
        {
          cwd: SRC,
          env: {
            ...process.env,
            GOPATH,
            GO111MODULE: 'off',
            GOFLAGS: '',
            GOTOOLCHAIN: 'local',
            // go needs a build cache; without HOME (or XDG_CACHE_HOME) it has none of its own.
            ...(process.env.GOCACHE || process.env.HOME || process.env.XDG_CACHE_HOME ? {} : { GOCACHE: join(tmpdir(), 'iam-local-go-cache') }),
          },
          timeout: 240_000,
        },
        (err, _stdout, stderr) => (err ? reject(new Error(`go build failed: ${stderr || err.message}`)) : resolve()),
      ),
    );
    renameSync(join(dir, 'bin'), bin); // atomic: a concurrent build of the same source lands the same file
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return bin;
}
