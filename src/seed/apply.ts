// Applies a seed document to the store THROUGH THE API's OWN HANDLERS (src/iam/index.ts), as the
// account's root, so every rule (names, limits, policy validation, boundaries) is the API's rule.
// Applying is idempotent: what exists is updated in place (trust policy, policy document, tags,
// attachments, memberships), never duplicated; nothing the seed does not name is removed.
//
// Two things the API cannot express go to the repositories directly, on purpose:
//   - access keys with a fixed id and secret (CreateAccessKey always mints new ones): inserted with
//     store.credentials.accessKeys.insert after the API's own 2-keys-per-user check;
//   - virtual MFA devices with a fixed seed (CreateVirtualMFADevice always makes a random one): the
//     device row is inserted with store.mfa.insert, then enabled through EnableMFADevice with two
//     consecutive codes computed from that seed.
// Instances and tasks exist only in a running server; they are created through its own admin routes
// (POST /_iam/instances, POST /_iam/tasks) with fastify's inject, and skipped when seeding a file.
import { partitionOf } from '../partition.js';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RequestContext, Services } from '../context.js';
import type { IamOperations } from '../protocol/handlers.js';
import { AwsError } from '../protocol/errors.js';
import { iamHandlers } from '../iam/index.js';
import { iamArn } from '../iam/arn.js';
import { rootPrincipal } from '../auth/principal.js';
import { totpCode, totpStep } from '../iam/mfa-totp.js';
import { issuerUrl } from '../sts/oidc-issuer.js';
import { parseSeed, SeedError, type Locations, type SeedAccount, type SeedDocument, type Tags } from './schema.js';

export { SeedError } from './schema.js';

export type SeedOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface SeedResultItem {
  account: string;
  kind: string;
  name: string;
  outcome: SeedOutcome;
  detail?: string;
}

export interface SeedResult {
  applied: SeedResultItem[];
  counts: Record<SeedOutcome, number>;
}

export interface ApplyOptions {
  fileName?: string;
  /** The running server, for instances and tasks; without it they are skipped. */
  app?: FastifyInstance;
  /** ${ISSUER_URL}: iam-local's OIDC issuer URL as clients of this server see it. */
  issuer?: string;
}

type Op = keyof IamOperations;

/** A root request context for one account, as the endpoint would build it. */
function rootContext(services: Services, accountId: string, action: string): RequestContext {
  const now = services.clock.now();
  return {
    ...services,
    requestId: randomUUID(),
    service: 'iam',
    action,
    accountId,
    principal: rootPrincipal(accountId, 'iam-local-seed'),
    sourceIp: '127.0.0.1',
    region: services.config.region,
    partition: partitionOf(services.config.region).name,
    secureTransport: false,
    userAgent: 'iam-local-seed',
    now: () => now,
  };
}

class Applier {
  readonly result: SeedResultItem[] = [];
  private accountId = '';

  constructor(
    private readonly services: Services,
    private readonly locations: Locations,
    private readonly fileName: string,
  ) {}

  call<K extends Op>(op: K, input: IamOperations[K]['input']): IamOperations[K]['output'] {
    const handler = iamHandlers[op] as ((ctx: RequestContext, input: unknown) => unknown) | undefined;
    if (!handler) throw new Error(`${op} is not implemented by this iam-local build, so the seed cannot use it`);
    const out = handler(rootContext(this.services, this.accountId, op), input);
    if (out instanceof Promise) throw new Error(`${op} is asynchronous and cannot run inside the seed's transaction`);
    return out as IamOperations[K]['output'];
  }

  /** The handler's answer, or undefined when it says NoSuchEntity. */
  find<K extends Op>(op: K, input: IamOperations[K]['input']): IamOperations[K]['output'] | undefined {
    try {
      return this.call(op, input);
    } catch (e) {
      if (e instanceof AwsError && e.code === 'NoSuchEntity') return undefined;
      throw e;
    }
  }

  record(kind: string, name: string, outcome: SeedOutcome, detail?: string) {
    this.result.push({ account: this.accountId, kind, name, outcome, ...(detail ? { detail } : {}) });
  }

  /** Runs one entity's steps; an error names the seed line the entity is written on. */
  at<T>(item: object, label: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof SeedError) throw e;
      const loc = this.locations.get(item) ?? { line: 1, column: 1, path: '' };
      const reason = e instanceof AwsError ? `${e.code}: ${e.message}` : (e as Error).message;
      throw new SeedError(this.fileName, [{ ...loc, message: `${label}: ${reason}` }]);
    }
  }

  /** A policy reference: an ARN, a customer managed policy's name (this seed's, then the account's), else an AWS managed policy's name (with its path, e.g. job-function/Billing). */
  policyArn(account: SeedAccount, ref: string): string {
    if (ref.startsWith('arn:')) return ref;
    const own = account.policies.find((p) => p.name.toLowerCase() === ref.toLowerCase());
    if (own) return iamArn(this.accountId, 'policy', own.path, own.name);
    // A customer managed policy already in the account (created by the API or an earlier seed).
    const local = this.call('ListPolicies', { Scope: 'Local', MaxItems: 1000 }).Policies?.find(
      (p) => p.PolicyName?.toLowerCase() === ref.toLowerCase(),
    );
    if (local?.Arn) return local.Arn;
    return `arn:aws:iam::aws:policy/${ref.replace(/^\//, '')}`;
  }

  tagsDiffer(want: Tags, have: { Key: string; Value: string }[] | undefined): boolean {
    const current = new Map((have ?? []).map((t) => [t.Key.toLowerCase(), t.Value]));
    return Object.entries(want).some(([k, v]) => current.get(k.toLowerCase()) !== v);
  }

  /** Managed attachments and inline policies of a group, role or user; true if anything changed. */
  attachAndInline(S: SeedAccount, type: 'group' | 'role' | 'user', name: string, refs: string[], inline: Record<string, string>): boolean {
    let changed = false;
    const attached = new Set(
      (type === 'group'
        ? this.call('ListAttachedGroupPolicies', { GroupName: name, MaxItems: 1000 })
        : type === 'role'
          ? this.call('ListAttachedRolePolicies', { RoleName: name, MaxItems: 1000 })
          : this.call('ListAttachedUserPolicies', { UserName: name, MaxItems: 1000 })
      ).AttachedPolicies?.map((p) => p.PolicyArn) ?? [],
    );
    for (const ref of refs) {
      const PolicyArn = this.policyArn(S, ref);
      if (attached.has(PolicyArn)) continue;
      if (type === 'group') this.call('AttachGroupPolicy', { GroupName: name, PolicyArn });
      else if (type === 'role') this.call('AttachRolePolicy', { RoleName: name, PolicyArn });
      else this.call('AttachUserPolicy', { UserName: name, PolicyArn });
      changed = true;
    }
    for (const [PolicyName, PolicyDocument] of Object.entries(inline)) {
      const current =
        type === 'group'
          ? this.find('GetGroupPolicy', { GroupName: name, PolicyName })
          : type === 'role'
            ? this.find('GetRolePolicy', { RoleName: name, PolicyName })
            : this.find('GetUserPolicy', { UserName: name, PolicyName });
      if (current && sameJson(decodeURIComponent(current.PolicyDocument), PolicyDocument)) continue;
      if (type === 'group') this.call('PutGroupPolicy', { GroupName: name, PolicyName, PolicyDocument });
      else if (type === 'role') this.call('PutRolePolicy', { RoleName: name, PolicyName, PolicyDocument });
      else this.call('PutUserPolicy', { UserName: name, PolicyName, PolicyDocument });
      changed = true;
    }
    return changed;
  }

  tagList = (tags: Tags) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

  applyAccount(account: SeedAccount, accountId: string) {
    this.accountId = accountId;
    this.services.store.accounts.ensure(accountId, this.services.clock.now().toISOString());
    const S = account;

    if (S.alias) {
      this.at(S, `account ${accountId} alias`, () => {
        const current = this.call('ListAccountAliases', {}).AccountAliases[0];
        if (current === S.alias) return this.record('alias', S.alias!, 'unchanged');
        if (current) this.call('DeleteAccountAlias', { AccountAlias: current });
        this.call('CreateAccountAlias', { AccountAlias: S.alias! });
        this.record('alias', S.alias!, current ? 'updated' : 'created');
      });
    }

    for (const p of S.policies)
      this.at(p, `policy ${p.name}`, () => {
        const arn = iamArn(accountId, 'policy', p.path, p.name);
        const existing = this.find('GetPolicy', { PolicyArn: arn });
        if (!existing) {
          this.call('CreatePolicy', {
            PolicyName: p.name,
            Path: p.path,
            PolicyDocument: p.document,
            Description: p.description,
            Tags: Object.keys(p.tags).length ? this.tagList(p.tags) : undefined,
          });
          return this.record('policy', p.name, 'created');
        }
        const current = this.call('GetPolicyVersion', { PolicyArn: arn, VersionId: existing.Policy!.DefaultVersionId! });
        const currentDoc = decodeURIComponent(current.PolicyVersion?.Document ?? '');
        if (sameJson(currentDoc, p.document)) return this.record('policy', p.name, 'unchanged');
        // At most 5 versions: drop the oldest non-default one to make room, as an operator would.
        const versions = this.call('ListPolicyVersions', { PolicyArn: arn }).Versions ?? [];
        if (versions.length >= 5) {
          const oldest = versions.filter((v) => !v.IsDefaultVersion).sort((a, b) => +a.CreateDate! - +b.CreateDate!)[0];
          if (oldest) this.call('DeletePolicyVersion', { PolicyArn: arn, VersionId: oldest.VersionId! });
        }
        this.call('CreatePolicyVersion', { PolicyArn: arn, PolicyDocument: p.document, SetAsDefault: true });
        this.record('policy', p.name, 'updated', 'new default version');
      });

    for (const o of S.oidcProviders)
      this.at(o, `OIDC provider ${o.url}`, () => {
        const host = o.url.replace(/^https?:\/\//, '');
        const arn = `arn:aws:iam::${accountId}:oidc-provider/${host}`;
        const existing = this.find('GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn });
        if (!existing) {
          this.call('CreateOpenIDConnectProvider', {
            Url: o.url,
            ClientIDList: o.clientIds,
            ThumbprintList: o.thumbprints.length ? o.thumbprints : undefined,
          });
          return this.record('oidc-provider', host, 'created');
        }
        let changed = false;
        for (const id of o.clientIds)
          if (!existing.ClientIDList?.includes(id)) {
            this.call('AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: arn, ClientID: id });
            changed = true;
          }
        this.record('oidc-provider', host, changed ? 'updated' : 'unchanged');
      });

    for (const g of S.groups)
      this.at(g, `group ${g.name}`, () => {
        const existed = !!this.find('GetGroup', { GroupName: g.name });
        if (!existed) this.call('CreateGroup', { GroupName: g.name, Path: g.path });
        const changed = this.attachAndInline(S, 'group', g.name, g.policies, g.inlinePolicies);
        this.record('group', g.name, !existed ? 'created' : changed ? 'updated' : 'unchanged');
      });

    for (const r of S.roles)
      this.at(r, `role ${r.name}`, () => {
        const existing = this.find('GetRole', { RoleName: r.name });
        const boundary = r.permissionsBoundary ? this.policyArn(S, r.permissionsBoundary) : undefined;
        let changed = false;
        if (!existing) {
          this.call('CreateRole', {
            RoleName: r.name,
            Path: r.path,
            AssumeRolePolicyDocument: r.trustPolicy,
            Description: r.description,
            MaxSessionDuration: r.maxSessionDuration,
            PermissionsBoundary: boundary,
            Tags: Object.keys(r.tags).length ? this.tagList(r.tags) : undefined,
          });
        } else {
          const role = existing.Role;
          if (!sameJson(decodeURIComponent(role.AssumeRolePolicyDocument ?? ''), r.trustPolicy)) {
            this.call('UpdateAssumeRolePolicy', { RoleName: r.name, PolicyDocument: r.trustPolicy });
            changed = true;
          }
          if (
            (r.description !== undefined && r.description !== (role.Description ?? '')) ||
            (r.maxSessionDuration !== undefined && r.maxSessionDuration !== role.MaxSessionDuration)
          ) {
            this.call('UpdateRole', { RoleName: r.name, Description: r.description, MaxSessionDuration: r.maxSessionDuration });
            changed = true;
          }
          if (boundary && role.PermissionsBoundary?.PermissionsBoundaryArn !== boundary) {
            this.call('PutRolePermissionsBoundary', { RoleName: r.name, PermissionsBoundary: boundary });
            changed = true;
          }
          if (this.tagsDiffer(r.tags, this.call('ListRoleTags', { RoleName: r.name }).Tags)) {
            this.call('TagRole', { RoleName: r.name, Tags: this.tagList(r.tags) });
            changed = true;
          }
        }
        changed = this.attachAndInline(S, 'role', r.name, r.policies, r.inlinePolicies) || changed;
        this.record('role', r.name, !existing ? 'created' : changed ? 'updated' : 'unchanged');
      });

    for (const u of S.users)
      this.at(u, `user ${u.name}`, () => {
        const existing = this.find('GetUser', { UserName: u.name });
        const boundary = u.permissionsBoundary ? this.policyArn(S, u.permissionsBoundary) : undefined;
        let changed = false;
        if (!existing) {
          this.call('CreateUser', {
            UserName: u.name,
            Path: u.path,
            PermissionsBoundary: boundary,
            Tags: Object.keys(u.tags).length ? this.tagList(u.tags) : undefined,
          });
        } else {
          if (boundary && existing.User.PermissionsBoundary?.PermissionsBoundaryArn !== boundary) {
            this.call('PutUserPermissionsBoundary', { UserName: u.name, PermissionsBoundary: boundary });
            changed = true;
          }
          if (this.tagsDiffer(u.tags, this.call('ListUserTags', { UserName: u.name }).Tags)) {
            this.call('TagUser', { UserName: u.name, Tags: this.tagList(u.tags) });
            changed = true;
          }
        }
        const inGroups = new Set((this.call('ListGroupsForUser', { UserName: u.name }).Groups ?? []).map((g) => g.GroupName.toLowerCase()));
        for (const g of u.groups)
          if (!inGroups.has(g.toLowerCase())) {
            this.call('AddUserToGroup', { GroupName: g, UserName: u.name });
            changed = true;
          }
        changed = this.attachAndInline(S, 'user', u.name, u.policies, u.inlinePolicies) || changed;
        if (u.password !== undefined && !this.find('GetLoginProfile', { UserName: u.name })) {
          this.call('CreateLoginProfile', { UserName: u.name, Password: u.password, PasswordResetRequired: false });
          changed = true;
        }
        this.record('user', u.name, !existing ? 'created' : changed ? 'updated' : 'unchanged');
        for (const k of u.accessKeys) this.at(k, `access key ${k.id}`, () => this.accessKey(u.name, k));
        for (const d of u.mfaDevices) this.at(d, `MFA device ${d.name}`, () => this.mfaDevice(u.name, d));
      });

    for (const ip of S.instanceProfiles)
      this.at(ip, `instance profile ${ip.name}`, () => {
        const existing = this.find('GetInstanceProfile', { InstanceProfileName: ip.name });
        if (!existing)
          this.call('CreateInstanceProfile', {
            InstanceProfileName: ip.name,
            Path: ip.path,
            Tags: Object.keys(ip.tags).length ? this.tagList(ip.tags) : undefined,
          });
        const roles = existing?.InstanceProfile.Roles ?? [];
        let changed = false;
        if (ip.role && !roles.some((r) => r.RoleName.toLowerCase() === ip.role!.toLowerCase())) {
          for (const r of roles) this.call('RemoveRoleFromInstanceProfile', { InstanceProfileName: ip.name, RoleName: r.RoleName });
          this.call('AddRoleToInstanceProfile', { InstanceProfileName: ip.name, RoleName: ip.role });
          changed = true;
        }
        this.record('instance-profile', ip.name, !existing ? 'created' : changed ? 'updated' : 'unchanged');
      });
  }

  private accessKey(userName: string, k: { id: string; secret: string; status: 'Active' | 'Inactive' }) {
    const { store, clock } = this.services;
    const keys = store.credentials.accessKeys;
    const user = store.users.get(this.accountId, userName)!;
    const existing = keys.get(k.id);
    if (existing) {
      if (existing.account_id !== this.accountId || existing.user_id !== user.id)
        throw new Error(`access key ${k.id} already belongs to another user or account`);
      if (existing.secret !== k.secret) throw new Error(`access key ${k.id} already exists with a different secret`);
      if (existing.status !== k.status) this.call('UpdateAccessKey', { UserName: userName, AccessKeyId: k.id, Status: k.status });
      return this.record('access-key', k.id, existing.status !== k.status ? 'updated' : 'unchanged');
    }
    // The API's own quota, then the fixed key (see the header comment).
    const have = this.call('ListAccessKeys', { UserName: userName }).AccessKeyMetadata.length;
    if (have >= 2) throw new AwsError('LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2', 409);
    keys.insert({ id: k.id, account_id: this.accountId, user_id: user.id, secret: k.secret, status: k.status, created_at: clock.now().toISOString() });
    this.record('access-key', k.id, 'created');
  }

  private mfaDevice(userName: string, d: { name: string; seed: string; path: string }) {
    const { store, clock } = this.services;
    const serial = iamArn(this.accountId, 'mfa', d.path, d.name);
    const user = store.users.get(this.accountId, userName)!;
    const existing = store.mfa.get(this.accountId, serial);
    if (existing) {
      if (existing.seed !== d.seed) throw new Error(`MFA device ${serial} already exists with a different seed`);
      if (existing.user_id && existing.user_id !== user.id) throw new Error(`MFA device ${serial} is assigned to another user`);
      if (existing.user_id) return this.record('mfa-device', serial, 'unchanged');
    } else {
      store.mfa.insert({ serial, account_id: this.accountId, name: d.name, path: d.path, seed: d.seed, created_at: clock.now().toISOString() });
    }
    // Codes from the two previous steps, so the current step's code is still usable right away.
    const step = totpStep(clock.now());
    this.call('EnableMFADevice', {
      UserName: userName,
      SerialNumber: serial,
      AuthenticationCode1: totpCode(d.seed, step - 2),
      AuthenticationCode2: totpCode(d.seed, step - 1),
    });
    this.record('mfa-device', serial, existing ? 'updated' : 'created');
  }
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}

const countOutcomes = (items: SeedResultItem[]) => {
  const counts: Record<SeedOutcome, number> = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
  for (const i of items) counts[i.outcome]++;
  return counts;
};

/**
 * Expands placeholders in the seed text before parsing: ${ACCOUNT_ID} (the default account),
 * ${ISSUER_URL} / ${ISSUER_HOST} (iam-local's OIDC issuer, with and without https://: the
 * issuer src/sts/oidc-issuer.ts answers for the host the seed was sent to, or IAM_LOCAL_OIDC_ISSUER) and
 * ${env:NAME}. Anything else in ${…} (e.g. the policy variable ${aws:username}) is left alone.
 */
export function expandSeedText(
  text: string,
  services: Pick<Services, 'config'>,
  env: NodeJS.ProcessEnv = process.env,
  issuer = issuerUrl(`127.0.0.1:${services.config.port}`),
): string {
  const vars: Record<string, string> = {
    ACCOUNT_ID: services.config.accountId,
    ISSUER_URL: issuer,
    ISSUER_HOST: issuer.replace(/^https?:\/\//, ''),
  };
  return text.replace(/\$\{(ACCOUNT_ID|ISSUER_URL|ISSUER_HOST|env:([A-Za-z_][A-Za-z0-9_]*))\}/g, (_m, what: string, name?: string) =>
    name !== undefined ? (env[name] ?? '') : vars[what]!,
  );
}

/** Validates and applies a parsed seed: every account's IAM entities in ONE transaction, then instances/tasks. */
export async function applySeed(services: Services, seed: SeedDocument, locations: Locations, options: ApplyOptions = {}): Promise<SeedResult> {
  const fileName = options.fileName ?? 'seed';
  const applier = new Applier(services, locations, fileName);
  services.store.tx(() => {
    for (const account of seed.accounts) applier.applyAccount(account, account.id ?? services.config.accountId);
  });

  const runtime = [
    ...seed.instances.map((i) => ({ item: i as object, kind: 'instance', name: i.instanceId ?? i.instanceProfile, url: '/_iam/instances', body: i })),
    ...seed.tasks.map((t) => ({ item: t as object, kind: 'task', name: t.role, url: '/_iam/tasks', body: t })),
  ];
  for (const r of runtime) {
    const account = (r.body as { account?: string }).account ?? services.config.accountId;
    if (!options.app) {
      applier.result.push({ account, kind: r.kind, name: r.name, outcome: 'skipped', detail: 'exists only in a running server' });
      continue;
    }
    const { account: _a, role, instanceProfile, ...rest } = r.body as unknown as Record<string, unknown>;
    const payload = { ...rest, ...(role ? { roleName: role } : {}), ...(instanceProfile ? { instanceProfileName: instanceProfile } : {}), accountId: account };
    // Idempotent like the rest: an instance with the same id (or, without one, the same profile and
    // account), or a task with the same id (or role and account), is already there.
    const listed = await options.app.inject({ method: 'GET', url: r.url });
    const items = listed.statusCode === 200 ? (((listed.json() as Record<string, unknown>)[r.kind === 'instance' ? 'instances' : 'tasks'] as Record<string, unknown>[] | undefined) ?? []) : [];
    const same = items.find((x) =>
      r.kind === 'instance'
        ? rest.instanceId
          ? x.instanceId === rest.instanceId
          : x.instanceProfileName === instanceProfile && x.accountId === account
        : rest.taskId
          ? x.taskId === rest.taskId
          : x.roleName === role && x.accountId === account,
    );
    if (same) {
      applier.result.push({ account, kind: r.kind, name: r.name, outcome: 'unchanged', detail: String(same.endpoint ?? same.credentialsUri ?? '') });
      continue;
    }
    const res = await options.app.inject({ method: 'POST', url: r.url, payload });
    if (res.statusCode >= 300) {
      const loc = locations.get(r.item) ?? { line: 1, column: 1, path: '' };
      throw new SeedError(fileName, [{ ...loc, message: `${r.kind} ${r.name}: ${r.url} answered ${res.statusCode} ${res.body}` }]);
    }
    const body = res.json() as Record<string, unknown>;
    applier.result.push({ account, kind: r.kind, name: r.name, outcome: 'created', detail: String(body.endpoint ?? body.credentialsUri ?? '') });
  }
  return { applied: applier.result, counts: countOutcomes(applier.result) };
}

/** Parses (with line-numbered errors) and applies seed text. */
export async function applySeedText(services: Services, text: string, options: ApplyOptions = {}): Promise<SeedResult> {
  const { seed, locations } = parseSeed(expandSeedText(text, services, process.env, options.issuer), options.fileName ?? 'seed');
  return applySeed(services, seed, locations, options);
}
