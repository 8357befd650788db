// The operator commands behind the CLI: seed, audit, export, import, creds. Each returns what it
// prints and an exit code, so tests can call them without spawning a process.
import { readdirSync, readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { projectPath } from '../paths.js';
import { adminCall, CliError, resolveTarget, withOfflineServices, type TargetOptions } from './target.js';
import { applySeedText, checkSeedText, expandSeedText, type SeedResult } from '../seed/apply.js';
import { parseSeedLeniently, SeedError } from '../seed/schema.js';
import pino from 'pino';
import type { Services } from '../context.js';
import { Clock } from '../clock.js';
import { Store } from '../store/store.js';
import { runAudit, SEVERITIES, severityRank, type AuditReport, type Severity } from '../audit/rules.js';
import { exportState, importState, type StateDocument } from '../store/state.js';
import { userAccessKey, type UserKey } from '../admin/user-key.js';
import { loadConfig } from '../config.js';

export interface CommandOutput {
  stdout: string;
  stderr?: string;
  exitCode: number;
}

export const TEMPLATES_DIR = projectPath('templates');

/** The bundled templates' names (templates/NAME.yaml). */
export function templateNames(): string[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function templatePath(name: string): string {
  const names = templateNames();
  if (!names.includes(name))
    throw new CliError(`Unknown template ${JSON.stringify(name)}. Templates: ${names.join(', ')} (e.g. iam-local seed --template ${names[0]} --print).`);
  return join(TEMPLATES_DIR, `${name}.yaml`);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

// ---- seed ----

export interface SeedOptions extends TargetOptions {
  template?: string;
  print?: boolean;
  check?: boolean;
  json?: boolean;
}

export function formatSeedResult(r: SeedResult): string {
  const lines = r.applied.map((i) => `${i.outcome.padEnd(9)} ${i.account} ${i.kind} ${i.name}${i.detail ? ` (${i.detail})` : ''}`);
  const c = r.counts;
  lines.push(`seed applied: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped`);
  return lines.join('\n') + '\n';
}

export async function seedCommand(file: string | undefined, opts: SeedOptions): Promise<CommandOutput> {
  if (file && opts.template) throw new CliError('Give a seed FILE or --template NAME, not both.');
  const path = file ?? (opts.template ? templatePath(opts.template) : undefined);
  if (!path) throw new CliError('Give a seed FILE (YAML or JSON) or --template starter.');
  const text = readText(path);
  const name = basename(path);
  if (opts.print) return { stdout: text, exitCode: 0 };
  if (opts.check) return seedCheck(text, name, opts);
  const target = resolveTarget(opts);
  const result =
    target.kind === 'url'
      ? await adminCall<SeedResult>(target.url, 'POST', `/_iam/seed?name=${encodeURIComponent(name)}`, { text })
      : await withOfflineServices(target.path, target.accountId, (s) => applySeedText(s, text, { fileName: name }));
  return { stdout: opts.json ? JSON.stringify(result, null, 2) + '\n' : formatSeedResult(result), exitCode: 0 };
}

/**
 * `seed --check`: every problem applying the document would meet, nothing applied. Against the
 * store of --db, or of the server at --url / IAM_LOCAL_URL (POST /_iam/seed?check=true); with
 * neither, against an empty store, so references must be in the file (or AWS managed).
 */
async function seedCheck(text: string, name: string, opts: SeedOptions): Promise<CommandOutput> {
  // (Parsed here only to count what it holds: the check below reports its problems.)
  const { seed } = parseSeedLeniently(expandSeedText(text, { config: loadConfig(process.env, opts.accountId ? { accountId: opts.accountId } : {}) }));
  const accounts = seed?.accounts ?? [];
  const n = accounts.reduce((k, a) => k + a.users.length + a.groups.length + a.roles.length + a.policies.length + a.instanceProfiles.length, 0);
  const valid = (against: string) => ({ stdout: `${name}: valid (${accounts.length} account(s), ${n} entities; checked against ${against})\n`, exitCode: 0 });
  const problemsOf = (services: Services) => {
    const { problems } = checkSeedText(services, text, { fileName: name });
    if (problems.length) throw new SeedError(name, problems);
  };
  if (opts.db !== undefined || opts.url !== undefined || process.env.IAM_LOCAL_URL) {
    const target = resolveTarget(opts);
    if (target.kind === 'db') {
      await withOfflineServices(target.path, target.accountId, problemsOf);
      return valid(`the store ${target.path}`);
    }
    try {
      await adminCall(target.url, 'POST', `/_iam/seed?check=true&name=${encodeURIComponent(name)}`, { text });
    } catch (e) {
      // The server's answer lists the problems as SeedError's lines.
      const m = e instanceof CliError ? /failed \(400\): ([\s\S]*)$/.exec(e.message) : null;
      if (m) return { stdout: '', stderr: m[1] + '\n', exitCode: 1 };
      throw e;
    }
    return valid(`the server at ${target.url}`);
  }
  const store = Store.open(':memory:');
  try {
    const config = loadConfig(process.env, { dbPath: ':memory:', ...(opts.accountId ? { accountId: opts.accountId } : {}) });
    const clock = new Clock();
    store.accounts.ensure(config.accountId, clock.now().toISOString());
    problemsOf({ config, store, clock, log: pino({ level: 'silent' }), startedAt: new Date() });
  } finally {
    store.close();
  }
  return valid('an empty store: give --url or --db to check references to what a store already holds');
}

// ---- audit ----

export interface AuditOptions extends TargetOptions {
  failOn?: string;
  minSeverity?: string;
  json?: boolean;
}

function severityOption(name: string, v: string | undefined, fallback: Severity | 'none'): Severity | 'none' {
  const s = (v ?? fallback).toLowerCase();
  if (s !== 'none' && !SEVERITIES.includes(s as Severity)) throw new CliError(`${name} must be one of ${SEVERITIES.join(', ')}, none`);
  return s as Severity | 'none';
}

export function formatAudit(report: AuditReport): string {
  if (!report.findings.length) return `No findings in ${report.accounts.join(', ') || 'the store'}.\n`;
  const out: string[] = [];
  for (const f of report.findings) {
    out.push(`${f.severity.toUpperCase().padEnd(8)} ${f.ruleId}  ${f.accountId} ${f.entityType} ${f.entity}`);
    out.push(`         ${f.detail}`);
    out.push(`         fix: ${f.fix}`);
  }
  const s = report.summary;
  out.push(`${s.total} finding(s): ${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low`);
  return out.join('\n') + '\n';
}

export async function auditCommand(opts: AuditOptions): Promise<CommandOutput> {
  const failOn = severityOption('--fail-on', opts.failOn, 'high');
  const min = severityOption('--min-severity', opts.minSeverity, 'low');
  if (min === 'none') throw new CliError('--min-severity must be a severity');
  const target = resolveTarget(opts);
  const report =
    target.kind === 'url'
      ? await adminCall<AuditReport>(target.url, 'GET', `/_iam/audit?minSeverity=${min}${opts.accountId ? `&account=${opts.accountId}` : ''}`)
      : await withOfflineServices(target.path, undefined, (s) => runAudit(s.store, { now: s.clock.now(), accountId: opts.accountId, minSeverity: min }));
  const failing = failOn === 'none' ? [] : report.findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
  return {
    stdout: opts.json ? JSON.stringify(report, null, 2) + '\n' : formatAudit(report),
    stderr: failing.length ? `audit: ${failing.length} finding(s) at or above ${failOn}\n` : undefined,
    exitCode: failing.length ? 2 : 0,
  };
}

// ---- export / import ----

export async function exportCommand(opts: TargetOptions): Promise<CommandOutput> {
  const target = resolveTarget(opts);
  const doc =
    target.kind === 'url'
      ? await adminCall<StateDocument>(target.url, 'GET', '/_iam/state')
      : await withOfflineServices(target.path, undefined, (s) => exportState(s.store.db, s.clock.now()));
  return { stdout: JSON.stringify(doc, null, 2) + '\n', exitCode: 0 };
}

export async function importCommand(file: string, opts: TargetOptions): Promise<CommandOutput> {
  const text = file === '-' ? readFileSync(0, 'utf8') : readText(file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not JSON: ${(e as Error).message}`);
  }
  const target = resolveTarget(opts);
  const result =
    target.kind === 'url'
      ? await adminCall<{ schemaVersion: number; rows: number }>(target.url, 'PUT', '/_iam/state', { json: doc })
      : await withOfflineServices(target.path, undefined, (s) => {
          try {
            return importState(s.store.db, doc);
          } catch (e) {
            throw new CliError((e as Error).message);
          }
        });
  return { stdout: `imported ${result.rows} row(s) at schema version ${result.schemaVersion}\n`, exitCode: 0 };
}

// ---- creds ----

export interface CredsOptions extends TargetOptions {
  as?: string;
  sessionName?: string;
  duration?: string;
  serialNumber?: string;
  tokenCode?: string;
  region?: string;
}

const shellQuote = (v: string) => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);

export function exportLines(c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, extra: Record<string, string> = {}): string {
  const lines = [`export AWS_ACCESS_KEY_ID=${shellQuote(c.accessKeyId)}`, `export AWS_SECRET_ACCESS_KEY=${shellQuote(c.secretAccessKey)}`];
  lines.push(c.sessionToken ? `export AWS_SESSION_TOKEN=${shellQuote(c.sessionToken)}` : 'unset AWS_SESSION_TOKEN');
  for (const [k, v] of Object.entries(extra)) lines.push(`export ${k}=${shellQuote(v)}`);
  return lines.join('\n') + '\n';
}

function parsePrincipal(p: string): { kind: 'user' | 'role'; name: string } {
  const m = /^(user|role):(.+)$/.exec(p);
  if (!m) throw new CliError(`PRINCIPAL must be user:NAME or role:NAME (or role:ARN), not ${JSON.stringify(p)}.`);
  return { kind: m[1] as 'user' | 'role', name: m[2]! };
}

async function userKey(name: string, opts: CredsOptions): Promise<UserKey> {
  const target = resolveTarget(opts);
  if (target.kind === 'db') return withOfflineServices(target.path, undefined, (s) => userAccessKey(s, opts.accountId ?? s.config.accountId, name));
  const q = opts.accountId ? `?account=${opts.accountId}` : '';
  return adminCall<UserKey>(target.url, 'POST', `/_iam/creds/user/${encodeURIComponent(name)}${q}`);
}

export async function credsCommand(principal: string, opts: CredsOptions): Promise<CommandOutput> {
  const p = parsePrincipal(principal);
  if (p.kind === 'user') {
    const k = await userKey(p.name, opts);
    return { stdout: exportLines(k), stderr: k.created ? `created access key ${k.accessKeyId} for user ${p.name}\n` : undefined, exitCode: 0 };
  }
  const target = resolveTarget(opts);
  if (target.kind === 'db') throw new CliError('creds role:… calls STS AssumeRole, so it needs a running server (--url), not --db.');
  // The caller: the account's root (`test`/`test`, or a 12-digit key for another account) unless --as names a user.
  let caller = { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test', sessionToken: process.env.AWS_SESSION_TOKEN };
  if (opts.as) {
    const asP = parsePrincipal(opts.as);
    if (asP.kind !== 'user') throw new CliError('--as must be user:NAME');
    caller = { ...(await userKey(asP.name, opts)), sessionToken: undefined };
  } else if (opts.accountId && !process.env.AWS_ACCESS_KEY_ID) caller = { accessKeyId: opts.accountId, secretAccessKey: 'test', sessionToken: undefined };
  const region = opts.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const sts = new STSClient({ endpoint: target.url, region, credentials: caller, maxAttempts: 1 });
  let roleArn = p.name;
  let trustPolicy: string | undefined;
  const { IAMClient, GetRoleCommand } = await import('@aws-sdk/client-iam');
  const iam = new IAMClient({ endpoint: target.url, region, credentials: caller, maxAttempts: 1 });
  if (!roleArn.startsWith('arn:')) {
    try {
      const role = (await iam.send(new GetRoleCommand({ RoleName: p.name }))).Role!;
      roleArn = role.Arn!;
      trustPolicy = role.AssumeRolePolicyDocument;
    } catch (e) {
      throw new CliError(`GetRole ${p.name}: ${(e as Error).name}: ${(e as Error).message}`);
    }
  }
  try {
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: opts.sessionName ?? 'iam-local-cli',
        DurationSeconds: opts.duration ? Number(opts.duration) : undefined,
        SerialNumber: opts.serialNumber,
        TokenCode: opts.tokenCode,
      }),
    );
    const c = out.Credentials!;
    return {
      stdout: exportLines({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }),
      stderr: `assumed ${out.AssumedRoleUser?.Arn}, expires ${c.Expiration?.toISOString()}\n`,
      exitCode: 0,
    };
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (trustPolicy === undefined && (e as Error).name === 'AccessDenied') {
      // role:ARN: the trust policy, for the hint below (when this caller may read it).
      const name = /:role\/(?:.*\/)?([^/]+)$/.exec(roleArn)?.[1];
      if (name) trustPolicy = await iam.send(new GetRoleCommand({ RoleName: name })).then((r) => r.Role?.AssumeRolePolicyDocument, () => undefined);
    }
    const hint = (e as Error).name === 'AccessDenied' ? serviceRoleHint(p.name, trustPolicy) : '';
    throw new CliError(`AssumeRole ${roleArn}: ${(e as Error).name}: ${(e as Error).message}${hint}`);
  }
}

/** For a role only a service may assume (an instance's or a task's), where its credentials come from instead. */
export function serviceRoleHint(role: string, trustPolicy: string | undefined): string {
  if (!trustPolicy) return '';
  let text = trustPolicy;
  try {
    text = decodeURIComponent(trustPolicy);
  } catch {}
  const name = role.replace(/^arn:.*:role\/(?:.*\/)?/, '');
  if (/ec2\.amazonaws\.com/.test(text))
    return (
      `\n${name} is an instance role (it trusts ec2.amazonaws.com): launch a simulated instance with its instance profile, ` +
      `POST /_iam/instances {"instanceProfileName": "…"}, and get its credentials from that instance's endpoint ` +
      '(AWS_EC2_METADATA_SERVICE_ENDPOINT), as on EC2.'
    );
  if (/ecs-tasks\.amazonaws\.com|pods\.eks\.amazonaws\.com/.test(text))
    return (
      `\n${name} is a task role (it trusts ecs-tasks.amazonaws.com or pods.eks.amazonaws.com): create a task with ` +
      `POST /_iam/tasks {"roleName": "${name}"} and get its credentials from the credentialsUri it answers ` +
      '(AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN), as in ECS.'
    );
  return '';
}
