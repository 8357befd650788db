// `iam-local validate FILE…` and `iam-local generate-policy PRINCIPAL`: Access Analyzer's policy
// validation offline (the same checks as ValidatePolicy, no server needed) with CI exit codes and
// SARIF for code-scanning UIs, and policy generation from a running server's recorded activity
// (through its Access Analyzer API, as any SDK would call it).
import { readFileSync } from 'node:fs';
import { CliError, resolveTarget, type TargetOptions } from './target.js';
import type { CommandOutput } from './operate.js';
import { validateDocument, kindFor } from '../access-analyzer/validate-policy.js';
import { CHECK_CODES, learnMoreLink, type FindingType, type IssueCode } from '../policy/check-codes.js';
import type { PolicyFinding } from '../policy/lint.js';
import { VERSION } from '../cli-settings.mjs';

const TYPES = ['IDENTITY_POLICY', 'RESOURCE_POLICY', 'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const;
type PolicyType = (typeof TYPES)[number];
const SHORT: Record<string, PolicyType> = { identity: 'IDENTITY_POLICY', resource: 'RESOURCE_POLICY', scp: 'SERVICE_CONTROL_POLICY', rcp: 'RESOURCE_CONTROL_POLICY' };
const SEVERITY: FindingType[] = ['SUGGESTION', 'WARNING', 'SECURITY_WARNING', 'ERROR'];
const SARIF_LEVEL: Record<FindingType, string> = { ERROR: 'error', SECURITY_WARNING: 'error', WARNING: 'warning', SUGGESTION: 'note' };

export interface ValidateOptions {
  policyType?: string;
  resourceType?: string;
  format?: string;
  failOn?: string;
}

interface FileResult {
  file: string;
  policyType: PolicyType;
  findings: PolicyFinding[];
}

function read(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** The policy type asked for, or the one the document reads as: a Principal means a resource policy. */
function policyTypeOf(text: string, asked: string | undefined): PolicyType {
  if (asked) {
    const t = SHORT[asked.toLowerCase()] ?? (TYPES as readonly string[]).find((x) => x === asked.toUpperCase());
    if (!t) throw new CliError(`--policy-type must be one of identity, resource, scp, rcp (or ${TYPES.join(', ')}), not ${JSON.stringify(asked)}.`);
    return t as PolicyType;
  }
  return /"(Not)?Principal"\s*:/.test(text) ? 'RESOURCE_POLICY' : 'IDENTITY_POLICY';
}

function failLevel(v: string | undefined): number {
  const s = (v ?? 'security-warning').toUpperCase().replace(/-/g, '_');
  if (s === 'NONE') return Infinity;
  const i = SEVERITY.indexOf(s as FindingType);
  if (i < 0) throw new CliError(`--fail-on must be one of error, security-warning, warning, suggestion, none, not ${JSON.stringify(v)}.`);
  return i;
}

function sarif(results: FileResult[]): string {
  const used = [...new Set(results.flatMap((r) => r.findings.map((f) => f.issueCode)))].sort() as IssueCode[];
  const rules = used.map((code) => ({
    id: code,
    name: code,
    shortDescription: { text: CHECK_CODES[code].text.replace(/\{\{\w+\}\}/g, '…') },
    helpUri: learnMoreLink(code),
    defaultConfiguration: { level: SARIF_LEVEL[CHECK_CODES[code].type] },
    properties: { tags: CHECK_CODES[code].type === 'SECURITY_WARNING' ? ['security'] : [], findingType: CHECK_CODES[code].type },
  }));
  const out = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'iam-local validate', version: VERSION, informationUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html', rules } },
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.issueCode,
            ruleIndex: used.indexOf(f.issueCode),
            level: SARIF_LEVEL[f.findingType],
            message: { text: f.findingDetails },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file === '-' ? 'stdin' : r.file },
                  region: { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: f.end.column },
                },
                logicalLocations: f.path.length ? [{ fullyQualifiedName: f.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1) }] : [],
              },
            ],
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

export async function validateCommand(files: string[], opts: ValidateOptions): Promise<CommandOutput> {
  if (!files.length) throw new CliError('Give one or more policy files (or - for stdin).');
  const format = opts.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new CliError(`--format must be text, json or sarif, not ${JSON.stringify(format)}.`);
  const threshold = failLevel(opts.failOn);
  const results: FileResult[] = [];
  for (const file of files) {
    const text = read(file);
    const policyType = policyTypeOf(text, opts.policyType);
    const { raw } = await validateDocument(text, kindFor(policyType, opts.resourceType), opts.resourceType);
    results.push({ file, policyType, findings: raw });
  }
  const blocking = results.reduce((n, r) => n + r.findings.filter((f) => SEVERITY.indexOf(f.findingType) >= threshold).length, 0);
  const exitCode = blocking ? 2 : 0;
  if (format === 'sarif') return { stdout: sarif(results), exitCode };
  if (format === 'json')
    return {
      stdout: `${JSON.stringify(
        results.map((r) => ({ file: r.file, policyType: r.policyType, findings: r.findings.map((f) => ({ findingType: f.findingType, issueCode: f.issueCode, findingDetails: f.findingDetails, learnMoreLink: learnMoreLink(f.issueCode), path: f.path, start: f.start, end: f.end })) })),
        null,
        2,
      )}\n`,
      exitCode,
    };
  const lines = results.flatMap((r) => r.findings.map((f) => `${r.file}:${f.start.line}:${f.start.column}: ${f.findingType} ${f.issueCode}: ${f.findingDetails}`));
  const total = results.reduce((n, r) => n + r.findings.length, 0);
  const summary = `${files.length} file${files.length === 1 ? '' : 's'}, ${total} finding${total === 1 ? '' : 's'}${blocking ? `, ${blocking} at or above --fail-on ${opts.failOn ?? 'security-warning'}` : ''}\n`;
  return { stdout: lines.length ? `${lines.join('\n')}\n` : '', stderr: summary, exitCode };
}

// ---- generate-policy ----

export interface GeneratePolicyOptions extends TargetOptions {
  since?: string;
  placeholders?: boolean;
  json?: boolean;
  region?: string;
}

/** 90s, 15m, 1h, 2d → milliseconds. */
export function parseDuration(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/.exec(s.trim());
  if (!m) throw new CliError(`--since takes a duration such as 30m, 1h or 7d, not ${JSON.stringify(s)}.`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

export async function generatePolicyCommand(principal: string, opts: GeneratePolicyOptions): Promise<CommandOutput> {
  const m = /^(user|role):(.+)$/.exec(principal);
  if (!m && !/^arn:[^:]*:iam::\d{12}:(user|role)\//.test(principal)) throw new CliError(`The principal is user:NAME, role:NAME or an IAM user/role ARN, not ${JSON.stringify(principal)}.`);
  const target = resolveTarget(opts);
  if (target.kind === 'db') throw new CliError('generate-policy reads the running server\'s decision log, so it needs --url, not --db.');
  const windowMs = parseDuration(opts.since ?? '1h');
  const region = opts.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test', sessionToken: process.env.AWS_SESSION_TOKEN };
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const aa = await import('@aws-sdk/client-accessanalyzer');
  const client = new aa.AccessAnalyzerClient({ endpoint: target.url, region, credentials, maxAttempts: 1 });
  const call = async <T>(what: string, p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (e) {
      const err = e as Error & { cause?: Error };
      if (/ECONNREFUSED|fetch failed/.test(`${err.message} ${err.cause?.message ?? ''}`)) throw new CliError(`Cannot reach iam-local at ${target.url}. Start it with \`iam-local start --enforce audit\` or point --url (IAM_LOCAL_URL) at it.`);
      throw new CliError(`${what}: ${err.name}: ${err.message}`);
    }
  };
  let arn = principal;
  let account = '';
  if (m) {
    account = opts.accountId ?? (await call('GetCallerIdentity', new STSClient({ endpoint: target.url, region, credentials, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})))).Account!;
    arn = `arn:aws:iam::${account}:${m[1]}/${m[2]}`;
  } else account = arn.split(':')[4]!;
  // The window ends now by the server's clock (which /_iam/clock may have moved): its Date header says it.
  const serverNow = await fetch(`${target.url}/_iam/health`).then((r) => Date.parse(r.headers.get('date') ?? ''), () => NaN);
  const end = Number.isNaN(serverNow) ? Date.now() : serverNow + 1000;
  const started = await call(
    'StartPolicyGeneration',
    client.send(
      new aa.StartPolicyGenerationCommand({
        policyGenerationDetails: { principalArn: arn },
        cloudTrailDetails: { trails: [{ cloudTrailArn: `arn:aws:cloudtrail:${region}:${account}:trail/iam-local`, allRegions: true }], accessRole: `arn:aws:iam::${account}:role/iam-local-access-analyzer`, startTime: new Date(end - 1000 - windowMs), endTime: new Date(end) },
      }),
    ),
  );
  const got = await call('GetGeneratedPolicy', client.send(new aa.GetGeneratedPolicyCommand({ jobId: started.jobId!, includeResourcePlaceholders: !!opts.placeholders })));
  const policies = (got.generatedPolicyResult?.generatedPolicies ?? []).map((p) => JSON.parse(p.policy!));
  const notes: string[] = [`job ${started.jobId}: ${policies.length} polic${policies.length === 1 ? 'y' : 'ies'} for ${arn} from the last ${opts.since ?? '1h'}`];
  if (got.generatedPolicyResult?.properties?.isComplete === false) notes.push('the decision log no longer holds the whole window (it keeps the newest 1000 decisions): the policy may be missing actions');
  if (!policies.length) {
    notes.push('no recorded activity: decisions are recorded with IAM_LOCAL_ENFORCE=audit or on, and only while the server runs');
    return { stdout: opts.json ? `${JSON.stringify({ jobId: started.jobId, policies: [] }, null, 2)}\n` : '', stderr: `${notes.join('\n')}\n`, exitCode: 1 };
  }
  const stdout = opts.json ? `${JSON.stringify({ jobId: started.jobId, principalArn: arn, policies }, null, 2)}\n` : policies.map((p) => JSON.stringify(p, null, 2)).join('\n') + '\n';
  return { stdout, stderr: `${notes.join('\n')}\n`, exitCode: 0 };
}
