// Managed policies: customer managed (stored, versioned, taggable) and AWS managed (the read-only
// catalog in ./aws-managed/). CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, the version
// operations and policy tags.
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { Policy, PolicyVersion } from '../protocol/generated/iam-types.js';
import {
  accessDenied,
  deleteConflict,
  entityAlreadyExists,
  invalidInput,
  limitExceeded,
  noSuchEntity,
  validationError,
} from '../protocol/errors.js';
import type { PolicyRow, PolicyUsage } from '../store/policies.js';
import { decodeMarker, decodeOffset, encodeMarker, encodeOffset, invalidMarker, iso } from '../store/rows.js';
import { requireValidPolicy } from '../resolution/policy-errors.js';
import { iamArn } from '../arn.js';
import { newUniqueId } from './ids.js';
import { encodePolicyDocument } from './policy-text.js';
import { addTags, checkNewTags, listTagsPage } from './tagging.js';
import { deleteConflictFor } from './delete-conflicts.js';
import {
  AWS_POLICY_ARN_PREFIX,
  awsPolicyByArn,
  awsPolicyDocument,
  compareNames,
  isAwsPolicyArn,
  listAwsPolicies,
  type AwsPolicy,
} from '../aws-managed/catalog.js';

export const MANAGED_POLICY_MAX_SIZE = 6144;
export const MAX_POLICY_VERSIONS = 5;
export const CUSTOMER_POLICIES_PER_ACCOUNT = 1500;

/** One managed policy, customer or AWS, as the handlers see it. */
export interface ManagedPolicy {
  aws: boolean;
  arn: string;
  name: string;
  path: string;
  id: string;
  defaultVersionId: string;
  createDate: string;
  updateDate: string;
  description?: string;
  /** Set for customer managed policies. */
  row?: PolicyRow;
}

const fromRow = (row: PolicyRow): ManagedPolicy => ({
  aws: false,
  arn: row.arn,
  name: row.name,
  path: row.path,
  id: row.id,
  defaultVersionId: row.default_version,
  createDate: row.created_at,
  updateDate: row.updated_at,
  description: row.description ?? undefined,
  row,
});

/** The id (a hash of the ARN) is only computed for the policies actually shown. */
const fromAws = (p: AwsPolicy): ManagedPolicy => ({
  aws: true,
  arn: p.arn,
  name: p.name,
  path: p.path,
  get id() {
    return p.id;
  },
  defaultVersionId: p.defaultVersionId,
  createDate: p.createDate,
  updateDate: p.updateDate,
});

/**
 * The one check of every *PolicyArn and PermissionsBoundary parameter: anything that is not a policy
 * ARN at all is `ARN … is not valid.`. Attach*Policy answers it as ValidationError (AttachRolePolicy,
 * localstack/localstack test_iam_roles.snapshot.json test_role_managed_policy_errors, recorded
 * 11-02-2026), a permissions boundary as InvalidInput (test_role_permissions_boundary_errors, same day);
 * the other operations keep InvalidInput (unconfirmed: no recording of them).
 */
export function checkPolicyArn(arn: string, as: 'ValidationError' | 'InvalidInput' = 'InvalidInput') {
  if (!/^arn:[\w-]+:iam::(\d{12}|aws):policy\/.+/.test(arn))
    throw as === 'InvalidInput' ? invalidInput(`ARN ${arn} is not valid.`) : validationError(`ARN ${arn} is not valid.`);
}

/** The managed policy an ARN names, visible from this account: its own or an AWS managed one. */
export function findManagedPolicy(ctx: RequestContext, arn: string): ManagedPolicy | undefined {
  if (isAwsPolicyArn(arn)) {
    const p = awsPolicyByArn(arn);
    return p && fromAws(p);
  }
  const row = ctx.store.policies.getByArn(ctx.accountId, arn);
  return row && fromRow(row);
}

export function requirePolicy(ctx: RequestContext, arn: string): ManagedPolicy {
  checkPolicyArn(arn);
  const p = findManagedPolicy(ctx, arn);
  if (!p) throw noSuchEntity(`Policy ${arn} was not found.`);
  return p;
}

/**
 * A customer managed policy the caller may change; AWS managed policies belong to AWS. DeletePolicy
 * answers `Cannot delete policies outside your own account.` (unconfirmed: stated in issue #21, no
 * recording); the other operations keep the authorization-style message (unconfirmed).
 */
function requireOwnPolicy(ctx: RequestContext, arn: string): PolicyRow {
  const p = requirePolicy(ctx, arn);
  if (!p.row) {
    if (ctx.action === 'DeletePolicy') throw accessDenied('Cannot delete policies outside your own account.');
    throw accessDenied(`User: ${ctx.principal.arn} is not authorized to perform: iam:${ctx.action} on resource: policy ${arn}`);
  }
  return p.row;
}

/** IAM does not count white space against the managed policy size quota. */
export function checkManagedPolicySize(text: string) {
  if (text.replace(/\s/g, '').length > MANAGED_POLICY_MAX_SIZE)
    throw limitExceeded(`Cannot exceed quota for PolicySize: ${MANAGED_POLICY_MAX_SIZE}`);
}

function checkDocument(text: string) {
  checkManagedPolicySize(text);
  requireValidPolicy(text, 'identity');
}

/**
 * The Policy as each operation returns it (localstack test_iam_policies.snapshot.json, 10-02-2026;
 * test_iam_managed_policies.snapshot.json, 12-02-2026): CreatePolicy echoes no Description and
 * Tags only when given; GetPolicy carries the Description and always Tags (`[]` when none, AWS
 * managed policies too); ListPolicies neither.
 */
export function policyShape(
  ctx: RequestContext,
  p: ManagedPolicy,
  view: 'create' | 'get' | 'list',
  counts?: { attachments: Map<string, number>; boundaries: Map<string, number> },
): Policy {
  const tags = view !== 'list' && p.row ? ctx.store.tags.list('policy', p.id) : [];
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: counts ? (counts.attachments.get(p.arn) ?? 0) : ctx.store.attachments.countForPolicy(ctx.accountId, p.arn),
    PermissionsBoundaryUsageCount: counts
      ? (counts.boundaries.get(p.arn) ?? 0)
      : ctx.store.attachments.boundaryCount(ctx.accountId, p.arn),
    IsAttachable: true,
    Description: view === 'get' ? p.description : undefined,
    CreateDate: new Date(p.createDate),
    UpdateDate: new Date(p.updateDate),
    Tags: view === 'get' || tags.length ? tags : undefined,
  };
}

function versionNotFound(arn: string, versionId: string) {
  return noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
}

/** The text of a version of a managed policy (the default when versionId is omitted). */
export function managedPolicyDocument(ctx: RequestContext, p: ManagedPolicy, versionId = p.defaultVersionId): string | undefined {
  if (p.aws) return awsPolicyDocument(p.arn, versionId);
  return ctx.store.policies.version(p.id, versionId)?.document;
}


interface ListKey {
  name: string;
  arn: string;
}
const compareKeys = (a: ListKey, b: ListKey) => compareNames(a.name, b.name) || (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0);

/** The AWS managed policies in ListPolicies' order, sorted once per loaded catalogue. */
let awsSorted: { source: readonly AwsPolicy[]; sorted: readonly AwsPolicy[] } | undefined;
function awsInListOrder(): readonly AwsPolicy[] {
  const source = listAwsPolicies();
  if (awsSorted?.source !== source) awsSorted = { source, sorted: [...source].sort(compareKeys) };
  return awsSorted.sorted;
}

/** The index of the first key after `after` in keys sorted by compareKeys (binary search). */
function firstAfter(sorted: readonly ListKey[], after: ListKey | undefined): number {
  if (!after) return 0;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid]!, after) > 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Up to `n` AWS managed policies under a path prefix after the marker's key, in list order; with
 *  `usage`, only those in that use in the account (found from the store's indexes, then sorted). */
function awsPageAfter(ctx: RequestContext, prefix: string, after: ListKey | undefined, usage: PolicyUsage | undefined, n: number): AwsPolicy[] {
  const sorted = usage
    ? ctx.store.attachments
        .usedArns(ctx.accountId, usage, AWS_POLICY_ARN_PREFIX)
        .flatMap((arn) => awsPolicyByArn(arn) ?? [])
        .sort(compareKeys)
    : awsInListOrder();
  const out: AwsPolicy[] = [];
  for (let i = firstAfter(sorted, after); i < sorted.length && out.length < n; i++) if (sorted[i]!.path.startsWith(prefix)) out.push(sorted[i]!);
  return out;
}

function decodeListMarker(marker: string | undefined): ListKey | undefined {
  const raw = decodeMarker(marker);
  if (raw === undefined) return undefined;
  try {
    const [name, arn] = JSON.parse(raw) as [string, string];
    if (typeof name === 'string' && typeof arn === 'string') return { name, arn };
  } catch {
    /* fall through */
  }
  throw invalidMarker();
}

export const policyHandlers: IamHandlers = {
  CreatePolicy(ctx, input) {
    const path = input.Path ?? '/';
    checkDocument(input.PolicyDocument);
    checkNewTags(input.Tags, 'policy');
    if (ctx.store.policies.get(ctx.accountId, input.PolicyName))
      throw entityAlreadyExists(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
    if (ctx.store.policies.count(ctx.accountId) >= CUSTOMER_POLICIES_PER_ACCOUNT)
      throw limitExceeded(`Cannot exceed quota for PoliciesPerAccount: ${CUSTOMER_POLICIES_PER_ACCOUNT}`);
    const now = iso(ctx.now());
    const row: PolicyRow = {
      id: newUniqueId('ANPA'),
      account_id: ctx.accountId,
      name: input.PolicyName,
      path,
      arn: iamArn(ctx.accountId, 'policy', path, input.PolicyName),
      description: input.Description ?? null,
      default_version: 'v1',
      next_version: 1,
      created_at: now,
      updated_at: now,
    };
    ctx.store.policies.insert(row);
    ctx.store.policies.addVersion(row, { policy_id: row.id, version_id: 'v1', document: input.PolicyDocument, created_at: now });
    if (input.Tags?.length) ctx.store.tags.put(ctx.accountId, 'policy', row.id, input.Tags);
    row.next_version = 2;
    return { Policy: policyShape(ctx, fromRow(row), 'create') };
  },

  GetPolicy(ctx, input) {
    return { Policy: policyShape(ctx, requirePolicy(ctx, input.PolicyArn), 'get') };
  },

  ListPolicies(ctx, input) {
    const scope = input.Scope ?? 'All';
    const prefix = input.PathPrefix ?? '/';
    const limit = input.MaxItems ?? 100;
    const after = decodeListMarker(input.Marker);
    const usage: PolicyUsage | undefined =
      input.PolicyUsageFilter === 'PermissionsBoundary' ? 'boundary' : input.OnlyAttached || input.PolicyUsageFilter ? 'attached' : undefined;
    // Each side yields at most one more than a page after the marker, already in order; merged, the
    // extra one says whether the list goes on.
    const matching = [
      ...(scope !== 'AWS' ? ctx.store.policies.pageAfter(ctx.accountId, prefix, after, usage, limit + 1).map(fromRow) : []),
      ...(scope !== 'Local' ? awsPageAfter(ctx, prefix, after, usage, limit + 1).map(fromAws) : []),
    ].sort(compareKeys);
    const items = matching.slice(0, limit);
    const isTruncated = matching.length > limit;
    const last = items[items.length - 1];
    const arns = items.map((p) => p.arn);
    const counts = {
      attachments: ctx.store.attachments.countsFor(ctx.accountId, arns),
      boundaries: ctx.store.attachments.boundaryCountsFor(ctx.accountId, arns),
    };
    return {
      Policies: items.map((p) => policyShape(ctx, p, 'list', counts)),
      IsTruncated: isTruncated,
      Marker: isTruncated && last ? encodeMarker(JSON.stringify([last.name, last.arn])) : undefined,
    };
  },

  DeletePolicy(ctx, input) {
    const row = requireOwnPolicy(ctx, input.PolicyArn);
    const conflict = deleteConflictFor(ctx, 'policy', row.id);
    if (conflict) throw deleteConflict(conflict);
    ctx.store.tags.removeAll('policy', row.id);
    ctx.store.policies.delete(row.id);
  },

  CreatePolicyVersion(ctx, input) {
    const row = requireOwnPolicy(ctx, input.PolicyArn);
    checkDocument(input.PolicyDocument);
    if (ctx.store.policies.versionCount(row.id) >= MAX_POLICY_VERSIONS)
      throw limitExceeded(
        `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
      );
    const versionId = `v${row.next_version}`;
    const now = iso(ctx.now());
    ctx.store.policies.addVersion(row, { policy_id: row.id, version_id: versionId, document: input.PolicyDocument, created_at: now });
    if (input.SetAsDefault) ctx.store.policies.setDefaultVersion(row.id, versionId);
    return { PolicyVersion: { VersionId: versionId, IsDefaultVersion: !!input.SetAsDefault, CreateDate: new Date(now) } };
  },

  GetPolicyVersion(ctx, input) {
    checkPolicyArn(input.PolicyArn);
    // An unknown policy is answered as its unknown version (test_policy_version_errors, recorded 10-02-2026).
    const p = findManagedPolicy(ctx, input.PolicyArn);
    if (!p) throw versionNotFound(input.PolicyArn, input.VersionId);
    if (p.aws) {
      const v = awsPolicyByArn(p.arn)!.versions.find((x) => x.id === input.VersionId);
      const doc = v && awsPolicyDocument(p.arn, v.id);
      if (!v || doc === undefined) throw versionNotFound(p.arn, input.VersionId);
      return {
        PolicyVersion: {
          Document: encodePolicyDocument(doc),
          VersionId: v.id,
          IsDefaultVersion: v.id === p.defaultVersionId,
          CreateDate: new Date(v.createDate),
        },
      };
    }
    const v = ctx.store.policies.version(p.id, input.VersionId);
    if (!v) throw versionNotFound(p.arn, input.VersionId);
    return {
      PolicyVersion: {
        Document: encodePolicyDocument(v.document),
        VersionId: v.version_id,
        IsDefaultVersion: v.version_id === p.defaultVersionId,
        CreateDate: new Date(v.created_at),
      },
    };
  },

  ListPolicyVersions(ctx, input) {
    const p = requirePolicy(ctx, input.PolicyArn);
    const all: PolicyVersion[] = p.aws
      ? [...awsPolicyByArn(p.arn)!.versions]
          .reverse()
          .map((v) => ({ VersionId: v.id, IsDefaultVersion: v.id === p.defaultVersionId, CreateDate: new Date(v.createDate) }))
      : ctx.store.policies
          .versions(p.id)
          .map((v) => ({ VersionId: v.version_id, IsDefaultVersion: v.version_id === p.defaultVersionId, CreateDate: new Date(v.created_at) }));
    return offsetPage(all, input.Marker, input.MaxItems, (items, IsTruncated, Marker) => ({ Versions: items, IsTruncated, Marker }));
  },

  DeletePolicyVersion(ctx, input) {
    const row = requireOwnPolicy(ctx, input.PolicyArn);
    if (!ctx.store.policies.version(row.id, input.VersionId)) throw versionNotFound(row.arn, input.VersionId);
    if (row.default_version === input.VersionId) throw deleteConflict('Cannot delete the default version of a policy.');
    ctx.store.policies.deleteVersion(row.id, input.VersionId);
  },

  SetDefaultPolicyVersion(ctx, input) {
    checkPolicyArn(input.PolicyArn);
    if (!findManagedPolicy(ctx, input.PolicyArn)) throw versionNotFound(input.PolicyArn, input.VersionId);
    const row = requireOwnPolicy(ctx, input.PolicyArn);
    if (!ctx.store.policies.version(row.id, input.VersionId)) throw versionNotFound(row.arn, input.VersionId);
    ctx.store.policies.setDefaultVersion(row.id, input.VersionId);
  },

  TagPolicy(ctx, input) {
    const row = requireOwnPolicy(ctx, input.PolicyArn);
    addTags(ctx, 'policy', row.id, input.Tags);
  },

  UntagPolicy(ctx, input) {
    const row = requireOwnPolicy(ctx, input.PolicyArn);
    ctx.store.tags.remove('policy', row.id, input.TagKeys);
  },

  ListPolicyTags(ctx, input) {
    const p = requirePolicy(ctx, input.PolicyArn);
    if (p.aws) return { Tags: [], IsTruncated: false };
    return listTagsPage(ctx, 'policy', p.id, input.Marker, input.MaxItems);
  },
};

/** Offset pagination for short lists held in memory (versions, attached policies, entities). */
export function offsetPage<T, R>(
  all: T[],
  marker: string | undefined,
  maxItems: number | undefined,
  wrap: (items: T[], isTruncated: boolean, marker: string | undefined) => R,
): R {
  const start = decodeOffset(marker);
  const limit = maxItems ?? 100;
  const items = all.slice(start, start + limit);
  const isTruncated = start + limit < all.length;
  return wrap(items, isTruncated, isTruncated ? encodeOffset(start + limit) : undefined);
}
