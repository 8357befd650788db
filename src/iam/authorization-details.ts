// GetAccountAuthorizationDetails: every user, group and role with its inline and attached
// policies, and every managed policy with all its versions (AWS managed ones only where attached
// in the account), filtered by Filter and paginated with Marker/MaxItems across the whole list.
import type { RequestContext } from '../context.js';
import { boundaryShape } from './boundary-shape.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type {
  AttachedPolicy,
  GetAccountAuthorizationDetailsResponse,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  UserDetail,
} from '../protocol/generated/iam-types.js';
import { validationError } from '../protocol/errors.js';
import type { EntityType } from '../store/attachments.js';
import { encodePolicyDocument } from './policy-text.js';
import { AWS_POLICY_ARN_PREFIX, awsPolicyByArn, awsPolicyDocument, isAwsPolicyArn } from '../aws-managed/catalog.js';
import { findManagedPolicy, policyShape } from './policies.js';
import { groupShape } from './groups.js';
import { roleShape } from './roles.js';
import { userShape } from './users.js';
import { instanceProfileShape } from './instance-profiles.js';
import { pageOfSections, type Section } from './section-paging.js';

type Item =
  | { kind: 'user'; detail: () => UserDetail }
  | { kind: 'group'; detail: () => GroupDetail }
  | { kind: 'role'; detail: () => RoleDetail }
  | { kind: 'policy'; detail: () => ManagedPolicyDetail | undefined };

function inlinePolicies(ctx: RequestContext, type: EntityType, id: string): PolicyDetail[] | undefined {
  const list = ctx.store.inlinePolicies.list(type, id);
  return list.map((p) => ({ PolicyName: p.name, PolicyDocument: encodePolicyDocument(p.document) }));
}

function attached(ctx: RequestContext, type: EntityType, id: string): AttachedPolicy[] {
  return ctx.store.attachments.forEntity(type, id).map((arn) => ({
    PolicyName: isAwsPolicyArn(arn) ? (awsPolicyByArn(arn)?.name ?? arn.split('/').pop()) : (ctx.store.policies.getByArn(ctx.accountId, arn)?.name ?? arn.split('/').pop()),
    PolicyArn: arn,
  }));
}

const boundary = (arn: string | null) => boundaryShape(arn);

function policyDetail(ctx: RequestContext, arn: string, counts: Map<string, number>, boundaries: Map<string, number>): ManagedPolicyDetail | undefined {
  const p = findManagedPolicy(ctx, arn);
  if (!p) return undefined;
  const versions = p.aws
    ? (awsPolicyByArn(arn)?.versions ?? []).map((v) => ({ id: v.id, createdAt: v.createDate, document: () => awsPolicyDocument(arn, v.id) }))
    : ctx.store.policies.versions(p.id).map((v) => ({ id: v.version_id, createdAt: v.created_at, document: () => v.document }));
  const { Tags: _tags, ...shape } = policyShape(ctx, p, 'get', { attachments: counts, boundaries });
  return {
    ...shape,
    PolicyVersionList: versions.map((v) => {
      const doc = v.document();
      return {
        Document: doc === undefined ? undefined : encodePolicyDocument(doc),
        VersionId: v.id,
        IsDefaultVersion: v.id === p.defaultVersionId,
        CreateDate: new Date(v.createdAt),
      };
    }),
  };
}

function userItem(ctx: RequestContext, id: string): Item {
  const { store } = ctx;
  return {
    kind: 'user',
    detail: () => {
      const row = store.users.getById(id)!;
      const u = userShape(ctx, row, true);
      return {
        Path: u.Path,
        UserName: u.UserName,
        UserId: u.UserId,
        Arn: u.Arn,
        CreateDate: u.CreateDate,
        UserPolicyList: inlinePolicies(ctx, 'user', id),
        GroupList: store.reports.groupIdsOfUser(id).map((g) => store.groups.getById(g)!.name),
        AttachedManagedPolicies: attached(ctx, 'user', id),
        PermissionsBoundary: boundary(row.boundary_arn),
        Tags: u.Tags ?? [],
      };
    },
  };
}

function groupItem(ctx: RequestContext, id: string): Item {
  return {
    kind: 'group',
    detail: () => {
      const row = ctx.store.groups.getById(id)!;
      return {
        ...groupShape(row),
        GroupPolicyList: inlinePolicies(ctx, 'group', id),
        AttachedManagedPolicies: attached(ctx, 'group', id),
      };
    },
  };
}

function roleItem(ctx: RequestContext, id: string): Item {
  const { store } = ctx;
  return {
    kind: 'role',
    detail: () => {
      const row = store.roles.getById(id)!;
      const r = roleShape(ctx, row, 'get');
      return {
        Path: r.Path,
        RoleName: r.RoleName,
        RoleId: r.RoleId,
        Arn: r.Arn,
        CreateDate: r.CreateDate,
        AssumeRolePolicyDocument: r.AssumeRolePolicyDocument,
        InstanceProfileList: store.instanceProfiles.listForRole(id, undefined, 1000).items.map((p) => instanceProfileShape(ctx, p, 'never')),
        RolePolicyList: inlinePolicies(ctx, 'role', id),
        AttachedManagedPolicies: attached(ctx, 'role', id),
        PermissionsBoundary: boundary(row.boundary_arn),
        Tags: r.Tags ?? [],
        RoleLastUsed: r.RoleLastUsed,
      };
    },
  };
}

/**
 * The list, in order: users, groups, roles (each by name), the account's customer managed policies,
 * then the AWS managed ones attached in it (by ARN). Sizes come from the counts the store keeps and
 * a section is read only for the slice a page takes of it, so a page reads its own items, not the
 * account's.
 */
function sections(ctx: RequestContext, filter: Set<string>): Section<Item>[] {
  const { store, accountId } = ctx;
  const want = (f: string) => filter.size === 0 || filter.has(f);
  const out: Section<Item>[] = [];
  const entities = (table: 'users' | 'groups' | 'roles', item: (ctx: RequestContext, id: string) => Item): Section<Item> => ({
    size: store.reports.count(table, accountId),
    slice: (offset, n) => store.reports.entityIdsPage(accountId, table, offset, n).map((id) => item(ctx, id)),
  });
  if (want('User')) out.push(entities('users', userItem));
  if (want('Group')) out.push(entities('groups', groupItem));
  if (want('Role')) out.push(entities('roles', roleItem));
  if (want('LocalManagedPolicy') || want('AWSManagedPolicy')) {
    const local = want('LocalManagedPolicy');
    const aws = want('AWSManagedPolicy') ? store.attachments.usedArns(accountId, 'attached', AWS_POLICY_ARN_PREFIX) : [];
    out.push({
      size: (local ? store.reports.count('policies', accountId) : 0) + aws.length,
      slice(offset, n) {
        // The customer managed policies in the order of the language's collation (bounded by the
        // account's policy quota), read only when a page reaches them.
        const localArns = local
          ? store.policies
              .listAll(accountId, '/')
              .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }))
              .map((p) => p.arn)
          : [];
        const arns = [...localArns, ...aws].slice(offset, offset + n);
        const counts = store.attachments.countsFor(accountId, arns);
        const boundaries = store.attachments.boundaryCountsFor(accountId, arns);
        return arns.map((arn): Item => ({ kind: 'policy', detail: () => policyDetail(ctx, arn, counts, boundaries) }));
      },
    });
  }
  return out;
}

export const authorizationDetailsHandlers: IamHandlers = {
  GetAccountAuthorizationDetails(ctx, input) {
    let start = 0;
    if (input.Marker !== undefined) {
      start = Number(Buffer.from(input.Marker, 'base64url').toString('utf8'));
      if (!Number.isInteger(start) || start < 0) throw validationError('Invalid Marker.');
    }
    const limit = input.MaxItems ?? 100;
    const { items, total } = pageOfSections(sections(ctx, new Set(input.Filter ?? [])), start, limit);
    const truncated = start + limit < total;
    const out: GetAccountAuthorizationDetailsResponse = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
      IsTruncated: truncated,
      Marker: truncated ? Buffer.from(String(start + limit), 'utf8').toString('base64url') : undefined,
    };
    for (const item of items) {
      if (item.kind === 'user') out.UserDetailList!.push(item.detail());
      else if (item.kind === 'group') out.GroupDetailList!.push(item.detail());
      else if (item.kind === 'role') out.RoleDetailList!.push(item.detail());
      else {
        // An attached AWS managed policy the catalog no longer knows is left out rather than invented.
        const detail = item.detail();
        if (detail) out.Policies!.push(detail);
      }
    }
    return out;
  },
};
