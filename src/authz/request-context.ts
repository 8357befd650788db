// The request context of one API call: the global and service condition keys AWS would fill in
// (aws:SourceIp, aws:CurrentTime, aws:PrincipalTag/…, aws:RequestTag/…, iam:PolicyARN, …).
import type { RequestContext } from '../context.js';
import type { Principal } from '../principal.js';
import type { Store } from '../store/store.js';
import type { Tag } from '../store/tags.js';
import { memo } from '../resolution/principal-policies.js';

export type ContextValue = string | string[];
export type ContextKeys = Record<string, ContextValue>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Tags of the calling principal: a user's tags, or a role's tags overridden by session tags. */
export function principalTags(store: Store, p: Principal): Tag[] {
  if (p.type === 'user' && p.entityId) {
    const id = p.entityId;
    return memo(store, `ptags|user|${id}`, () => store.tags.list('user', id));
  }
  if (p.type === 'assumed-role' && p.entityId) {
    const id = p.entityId;
    const byKey = new Map(memo(store, `ptags|role|${id}`, () => store.tags.list('role', id)).map((t) => [t.Key.toLowerCase(), t]));
    for (const t of p.session?.tags ?? []) byKey.set(t.Key.toLowerCase(), t);
    return [...byKey.values()];
  }
  if (p.type === 'federated-user') return p.session?.tags ?? [];
  return [];
}

const PRINCIPAL_TYPE: Record<Principal['type'], string> = {
  root: 'Account',
  user: 'User',
  'assumed-role': 'AssumedRole',
  'federated-user': 'FederatedUser',
};

/** Keys that describe the principal; shared by enforcement and the trust check of AssumeRole*. */
export function principalContext(store: Store, p: Principal): ContextKeys {
  const c: ContextKeys = {
    'aws:PrincipalArn': p.type === 'assumed-role' && p.roleArn ? p.roleArn : p.arn,
    'aws:PrincipalAccount': p.accountId,
    'aws:PrincipalType': PRINCIPAL_TYPE[p.type],
    'aws:userid': p.userId,
  };
  if (p.type === 'user' && p.name) c['aws:username'] = p.name;
  for (const t of principalTags(store, p)) c[`aws:PrincipalTag/${t.Key}`] = t.Value;
  const s = p.session;
  if (s) {
    c['aws:TokenIssueTime'] = s.issuedAt.toISOString();
    if (s.sourceIdentity) c['aws:SourceIdentity'] = s.sourceIdentity;
    for (const [k, v] of Object.entries(s.context ?? {})) c[k] = v;
  }
  // Present (true or false) only for temporary credentials, as AWS documents; long-term keys
  // leave aws:MultiFactorAuthPresent absent.
  if (s) {
    c['aws:MultiFactorAuthPresent'] = s.mfaPresent ? 'true' : 'false';
    if (s.mfaPresent && s.mfaAuthenticatedAt) c['aws:MultiFactorAuthAge'] = String(0);
  }
  return c;
}

/** Tags of the IAM resource a request acts on (by its ARN), when it exists and is taggable. */
export function resourceTagsOf(store: Store, resourceArn: string): Tag[] {
  return memo(store, `rtags|${resourceArn}`, () => loadResourceTags(store, resourceArn));
}

function loadResourceTags(store: Store, resourceArn: string): Tag[] {
  const m = /^arn:aws:iam::(\d{12}):(user|role|policy|instance-profile|mfa|server-certificate|oidc-provider|saml-provider)\/(.*)$/.exec(resourceArn);
  if (!m) return [];
  const [, acct, type, rest] = m as unknown as [string, string, string, string];
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  switch (type) {
    case 'user': {
      const row = store.users.get(acct, name);
      return row ? store.tags.list('user', row.id) : [];
    }
    case 'role': {
      const row = store.roles.get(acct, name);
      return row ? store.tags.list('role', row.id) : [];
    }
    case 'policy': {
      const row = store.policies.getByArn(acct, resourceArn);
      return row ? store.tags.list('policy', row.id) : [];
    }
    case 'instance-profile': {
      const row = store.instanceProfiles.get(acct, name);
      return row ? store.tags.list('instance-profile', row.id) : [];
    }
    case 'server-certificate': {
      const row = store.serverCertificates.get(acct, name);
      return row ? store.tags.list('server-certificate', row.id) : [];
    }
    case 'mfa':
      return store.tags.list('mfa', resourceArn);
    default:
      // OIDC and SAML providers are tagged by their ARN.
      return store.tags.list(type, resourceArn);
  }
}

/** The request context of a call; `resource` (the ARN it is decided against) adds aws:ResourceTag/…. */
export function requestContextKeys(ctx: RequestContext, input: Record<string, unknown>, resource?: string): ContextKeys {
  const now = ctx.now();
  const c: ContextKeys = {
    // A dual-stack listener reports IPv4 clients as ::ffff:a.b.c.d; AWS sees the IPv4 address.
    'aws:SourceIp': ctx.sourceIp.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1'),
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:SecureTransport': ctx.secureTransport ? 'true' : 'false',
    'aws:RequestedRegion': ctx.region,
    // Present in every signed request: the caller is not an AWS service, nor calling through one.
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    ...principalContext(ctx.store, ctx.principal),
  };
  if (ctx.principal.session?.mfaPresent && ctx.principal.session.mfaAuthenticatedAt) {
    c['aws:MultiFactorAuthAge'] = String(
      Math.max(0, Math.floor((now.getTime() - ctx.principal.session.mfaAuthenticatedAt.getTime()) / 1000)),
    );
  }
  if (ctx.userAgent) c['aws:UserAgent'] = ctx.userAgent;

  const tags = Array.isArray(input.Tags) ? (input.Tags as Tag[]) : [];
  for (const t of tags) c[`aws:RequestTag/${t.Key}`] = t.Value;
  if (tags.length) c['aws:TagKeys'] = tags.map((t) => t.Key);
  if (Array.isArray(input.TagKeys)) c['aws:TagKeys'] = input.TagKeys as string[];
  // The account that owns the resource: the ARN's account (a role of another account for
  // AssumeRole), else the caller's own (IAM resources always live in the caller's account).
  if (resource !== undefined) c['aws:ResourceAccount'] = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(resource)?.[1] ?? ctx.accountId;
  for (const t of resource && resource !== '*' ? resourceTagsOf(ctx.store, resource) : []) {
    c[`aws:ResourceTag/${t.Key}`] = t.Value;
    c[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
  const boundary = str(input.PermissionsBoundary);
  if (boundary) c['iam:PermissionsBoundary'] = boundary;
  const policyArn = str(input.PolicyArn);
  if (policyArn) c['iam:PolicyARN'] = policyArn;
  const externalId = str(input.ExternalId);
  if (externalId) c['sts:ExternalId'] = externalId;
  const sessionName = str(input.RoleSessionName);
  if (sessionName) c['sts:RoleSessionName'] = sessionName;
  const sourceIdentity = str(input.SourceIdentity);
  if (sourceIdentity) c['sts:SourceIdentity'] = sourceIdentity;
  if (Array.isArray(input.TransitiveTagKeys)) c['sts:TransitiveTagKeys'] = input.TransitiveTagKeys as string[];
  const service = str(input.AWSServiceName);
  if (service) c['iam:AWSServiceName'] = service;
  return c;
}
