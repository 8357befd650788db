// Policy generation from iam-local's own record of activity: StartPolicyGeneration,
// GetGeneratedPolicy, ListPolicyGenerations, CancelPolicyGeneration.
//
// AWS reads the principal's CloudTrail events; iam-local reads its decision log (src/authz/
// decisions.ts: every call decided with IAM_LOCAL_ENFORCE=audit|on, through the Query endpoint or
// any enforcement front). A job starts IN_PROGRESS; the first GetGeneratedPolicy after it completes
// it from the calls the principal made in the window (a role: any of its sessions) that went ahead
// (not refused), and the job keeps those actions and resources. The policy is rendered from them on
// every GetGeneratedPolicy (src/policy/generate.ts), with the request's includeResourcePlaceholders.
// The CloudTrail trail and access role of the request are echoed, not used: there is no trail here.
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../context.js';
import type {
  CancelPolicyGenerationRequest,
  CancelPolicyGenerationResponse,
  GetGeneratedPolicyRequest,
  GetGeneratedPolicyResponse,
  ListPolicyGenerationsRequest,
  ListPolicyGenerationsResponse,
  StartPolicyGenerationRequest,
  StartPolicyGenerationResponse,
  Trail,
} from '../protocol/generated/access-analyzer-types.js';
import { decisionLog, type DecisionRecord } from '../authz/decisions.js';
import { generatePolicies, type Usage } from '../policy/generate.js';
import type { PolicyGenerationRow } from '../store/policy-generations.js';
import { RestError, validationException } from '../protocol/rest-json.js';
import { catalogFor } from './catalog.js';

const notFound = (jobId: string) => new RestError('ResourceNotFoundException', `Job ${jobId} not found.`, 404, { resourceId: jobId, resourceType: 'PolicyGeneration' });

interface PrincipalRef {
  kind: 'user' | 'role';
  accountId: string;
  name: string;
}

/** The user or role a principal ARN names, when it exists in the caller's account. */
function principalOf(ctx: RequestContext, arn: string): PrincipalRef {
  const m = /^arn:[^:]*:iam::(\d{12}):(user|role)\/(.*)$/.exec(arn);
  const invalid = () => validationException(`Invalid principalArn: ${arn} is not an IAM user or role in account ${ctx.accountId}.`, [{ name: 'principalArn', message: 'The principal must be an existing IAM user or role of the account.' }]);
  if (!m || m[1] !== ctx.accountId) throw invalid();
  const kind = m[2] as 'user' | 'role';
  const name = m[3]!.slice(m[3]!.lastIndexOf('/') + 1);
  const exists = kind === 'user' ? ctx.store.users.get(ctx.accountId, name) : ctx.store.roles.get(ctx.accountId, name);
  if (!exists) throw invalid();
  return { kind, accountId: m[1]!, name };
}

/** Does a decision record a call by this user, or by a session of this role? */
function madeBy(r: DecisionRecord, p: PrincipalRef): boolean {
  const arn = r.principal.replace(/^arn:[^:]+:/, 'arn:aws:');
  if (p.kind === 'user') return r.principalType === 'user' && arn.toLowerCase().startsWith(`arn:aws:iam::${p.accountId}:user/`) && arn.slice(arn.lastIndexOf('/') + 1).toLowerCase() === p.name.toLowerCase();
  const prefix = `arn:aws:sts::${p.accountId}:assumed-role/`;
  return arn.startsWith(prefix) && arn.slice(prefix.length).split('/')[0]!.toLowerCase() === p.name.toLowerCase();
}

/** Completes an IN_PROGRESS job from the decision log. */
function complete(ctx: RequestContext, row: PolicyGenerationRow): PolicyGenerationRow {
  if (row.status !== 'IN_PROGRESS') return row;
  const principal = principalOf(ctx, row.principal_arn);
  const from = row.window_start ? Date.parse(row.window_start) : -Infinity;
  const to = row.window_end ? Date.parse(row.window_end) : ctx.now().getTime();
  const log = decisionLog(ctx.store);
  const records = log.recent();
  const seen = new Map<string, Usage>();
  for (const r of records) {
    const t = Date.parse(r.time);
    if (r.denied || t < from || t > to || !madeBy(r, principal)) continue;
    seen.set(`${r.action.toLowerCase()}\n${r.resource}`, { action: r.action, resource: r.resource });
  }
  // Complete unless the log has already dropped records from the window (it keeps the newest N).
  const oldest = records.length ? Date.parse(records[records.length - 1]!.time) : Infinity;
  const isComplete = records.length < log.capacity || oldest <= from;
  const completedOn = ctx.now().toISOString();
  const usage = JSON.stringify([...seen.values()]);
  ctx.store.policyGenerations.finish(row.job_id, 'SUCCEEDED', completedOn, usage, isComplete);
  return { ...row, status: 'SUCCEEDED', completed_on: completedOn, usage, is_complete: isComplete ? 1 : 0 };
}

export function startPolicyGeneration(ctx: RequestContext, input: StartPolicyGenerationRequest): StartPolicyGenerationResponse {
  const arn = input.policyGenerationDetails.principalArn;
  if (input.clientToken) {
    const prior = ctx.store.policyGenerations.byClientToken(ctx.accountId, input.clientToken);
    if (prior) return { jobId: prior.job_id };
  }
  principalOf(ctx, arn);
  const ct = input.cloudTrailDetails;
  if (ct?.endTime && ct.endTime.getTime() < ct.startTime.getTime())
    throw validationException('Invalid cloudTrailDetails: endTime must not be before startTime.', [{ name: 'cloudTrailDetails.endTime', message: 'endTime must not be before startTime.' }]);
  if (ctx.store.policyGenerations.list(ctx.accountId, arn).some((r) => r.status === 'IN_PROGRESS'))
    throw new RestError('ConflictException', `A policy generation job is already in progress for ${arn}.`, 409, { resourceId: arn, resourceType: 'PolicyGeneration' });
  const jobId = randomUUID();
  ctx.store.policyGenerations.insert({
    job_id: jobId,
    account_id: ctx.accountId,
    principal_arn: arn,
    status: 'IN_PROGRESS',
    started_on: ctx.now().toISOString(),
    completed_on: null,
    window_start: ct ? ct.startTime.toISOString() : null,
    window_end: ct?.endTime ? ct.endTime.toISOString() : null,
    trails: ct ? JSON.stringify(ct.trails) : null,
    client_token: input.clientToken ?? null,
    usage: null,
    is_complete: null,
    error_code: null,
    error_message: null,
  });
  return { jobId };
}

export async function getGeneratedPolicy(ctx: RequestContext, input: GetGeneratedPolicyRequest): Promise<GetGeneratedPolicyResponse> {
  const found = ctx.store.policyGenerations.get(ctx.accountId, input.jobId);
  if (!found) throw notFound(input.jobId);
  const row = ctx.store.tx(() => complete(ctx, found));
  const usage = row.usage ? (JSON.parse(row.usage) as Usage[]) : [];
  const catalog = input.includeResourcePlaceholders ? await catalogFor(usage.map((u) => `"${u.action}"`).join(' ')) : undefined;
  const policies = row.status === 'SUCCEEDED' ? generatePolicies(usage, { placeholders: !!input.includeResourcePlaceholders, arnFormats: catalog?.resourceArns }) : [];
  const trails = row.trails ? (JSON.parse(row.trails) as Trail[]) : undefined;
  return {
    jobDetails: {
      jobId: row.job_id,
      status: row.status,
      startedOn: new Date(row.started_on),
      ...(row.completed_on ? { completedOn: new Date(row.completed_on) } : {}),
    },
    generatedPolicyResult: {
      properties: {
        ...(row.is_complete !== null ? { isComplete: row.is_complete === 1 } : {}),
        principalArn: row.principal_arn,
        ...(trails && row.window_start
          ? {
              cloudTrailProperties: {
                trailProperties: trails.map((t) => ({ cloudTrailArn: t.cloudTrailArn, ...(t.regions ? { regions: t.regions } : {}), ...(t.allRegions !== undefined ? { allRegions: t.allRegions } : {}) })),
                startTime: new Date(row.window_start),
                endTime: new Date(row.window_end ?? row.completed_on ?? ctx.now().toISOString()),
              },
            }
          : {}),
      },
      ...(row.status === 'SUCCEEDED' ? { generatedPolicies: policies.map((policy) => ({ policy })) } : {}),
    },
  };
}

const encodeToken = (n: number) => Buffer.from(`iam-local:${n}`).toString('base64');
function decodeToken(token: string): number {
  const m = /^iam-local:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m) throw validationException('Invalid pagination token.', [{ name: 'nextToken', message: 'Invalid pagination token.' }]);
  return Number(m[1]);
}

export function listPolicyGenerations(ctx: RequestContext, input: ListPolicyGenerationsRequest): ListPolicyGenerationsResponse {
  const rows = ctx.store.policyGenerations.list(ctx.accountId, input.principalArn);
  const from = input.nextToken ? decodeToken(input.nextToken) : 0;
  const size = input.maxResults ?? 100;
  const page = rows.slice(from, from + size);
  return {
    policyGenerations: page.map((r) => ({
      jobId: r.job_id,
      principalArn: r.principal_arn,
      status: r.status,
      startedOn: new Date(r.started_on),
      ...(r.completed_on ? { completedOn: new Date(r.completed_on) } : {}),
    })),
    ...(from + size < rows.length ? { nextToken: encodeToken(from + size) } : {}),
  };
}

export function cancelPolicyGeneration(ctx: RequestContext, input: CancelPolicyGenerationRequest): CancelPolicyGenerationResponse {
  const row = ctx.store.policyGenerations.get(ctx.accountId, input.jobId);
  if (!row) throw notFound(input.jobId);
  // A job that has finished stays as it finished.
  if (row.status === 'IN_PROGRESS') ctx.store.policyGenerations.finish(row.job_id, 'CANCELED', ctx.now().toISOString(), null, false);
  return {};
}
