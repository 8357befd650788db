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
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Services } from '../context.js';
import type { IamOperations } from '../protocol/handlers.js';
import { AwsError } from '../protocol/errors.js';
import { iamArn } from '../arn.js';
import { totpCode, totpStep } from '../iam/mfa-totp.js';
import { serverIssuer } from '../sts/oidc-issuer.js';
import { tablesReplaced } from '../store/accounts.js';
import { metadataRegistry, MetadataError } from '../metadata/registry.js';
import { ECS_TASKS_SERVICE, EKS_PODS_SERVICE, serviceMayAssume } from '../metadata/service-trust.js';
import { cannotAssume } from '../metadata/container.js';
import { parseSeedLeniently, SeedError, type Locations, type SeedAccount, type SeedDocument, type SeedInstance, type SeedProblem, type Tags } from './schema.js';
import { callIam, findIam, type Op } from './context.js';
import { SeedChecker } from './check.js';

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
  /** The running server, for instances and tasks; without it (and without baseUrl) they are skipped. */
  server?: Pick<Server, 'address'>;
  /** The URL clients reach the running server at, for the task URIs and the default instance's
   *  endpoint in the report; default: http://127.0.0.1:<the port server listens on>. */
  baseUrl?: string;
  /** ${ISSUER_URL}: default the server's one OIDC issuer (src/sts/oidc-issuer.ts). */
  issuer?: string;
}

class Applier {
  readonly result: SeedResultItem[] = [];
  private accountId = '';

  constructor(
    private readonly services: Services,
    private readonly locations: Locations,
    private readonly fileName: string,
    /** Collect mode: each entity's failure is recorded here and the next entity is tried. */
    private readonly problems?: SeedProblem[],
  ) {}

  call<K extends Op>(op: K, input: IamOperations[K]['input']): IamOperations[K]['output'] {
    return callIam(this.services, this.accountId, op, input);
  }

  /** The handler's answer, or undefined when it says NoSuchEntity. */
  find<K extends Op>(op: K, input: IamOperations[K]['input']): IamOperations[K]['output'] | undefined {
    return findIam(this.services, this.accountId, op, input);
  }

  record(kind: string, name: string, outcome: SeedOutcome, detail?: string) {
    this.result.push({ account: this.accountId, kind, name, outcome, ...(detail ? { detail } : {}) });
  }

  /** Runs one entity's steps; an error names the seed line the entity is written on. */
  at<T>(item: object, label: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof SeedError) throw e;
      const { fields: _f, ...loc } = this.locations.get(item) ?? { line: 1, column: 1, path: '' };
      const reason = e instanceof AwsError ? `${e.code}: ${e.message}` : (e as Error).message;
      const problem = { ...loc, message: `${label}: ${reason}`, code: e instanceof AwsError ? e.code : undefined };
      if (!this.problems) throw new SeedError(this.fileName, [problem]);
      this.problems.push(problem);
      return undefined;
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

  /** Like RunTask: a task's role must trust the service that will assume it (ECS tasks or EKS pods). */
  checkTasks(tasks: SeedDocument['tasks']) {
    const now = this.services.clock.now();
    for (const t of tasks) {
      this.accountId = t.account ?? this.services.config.accountId;
      this.at(t, `task ${t.role}`, () => {
        const role = this.services.store.roles.get(this.accountId, t.role);
        if (role && !serviceMayAssume(role, ECS_TASKS_SERVICE, now) && !serviceMayAssume(role, EKS_PODS_SERVICE, now))
          throw new Error(cannotAssume('ecs', iamArn(role.account_id, 'role', role.path, role.name)));
      });
    }
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
 * ${ISSUER_URL} / ${ISSUER_HOST} (iam-local's OIDC issuer, with and without https://: the server's
 * one issuer, src/sts/oidc-issuer.ts) and ${env:NAME}. Anything else in ${…} (e.g. the policy
 * variable ${aws:username}) is left alone.
 */
export function expandSeedText(
  text: string,
  services: Pick<Services, 'config'>,
  env: NodeJS.ProcessEnv = process.env,
  issuer = serverIssuer(services.config),
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

const ROLLBACK = Symbol('rollback');

/**
 * Every problem of a parsed seed, and (commit = true, no problem) the document applied: first the
 * references and documents (src/seed/check.ts), then every account applied through the handlers in
 * ONE transaction that goes on past a failing entity to find the next; any problem rolls it all back.
 */
function applyChecked(services: Services, seed: SeedDocument, locations: Locations, fileName: string, commit: boolean) {
  const checker = new SeedChecker(services, seed, locations);
  const found = checker.run();
  const collected: SeedProblem[] = [];
  const applier = new Applier(services, locations, fileName, collected);
  try {
    services.store.tx(() => {
      for (const account of seed.accounts) applier.applyAccount(account, account.id ?? services.config.accountId);
      applier.checkTasks(seed.tasks);
      if (!commit || found.length || collected.length) throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
    tablesReplaced(services.store.db); // memos of what the rolled-back transaction wrote are void
  }
  // With problems found before applying, the entities they concern, and anything that is missing
  // (most likely one of those), fail again while applying: those repeats are left out.
  const more = collected.filter((p) => !(found.length && (p.code === 'NoSuchEntity' || checker.flagged.has(p.line))));
  const problems = [...found, ...more]
    .map(({ code: _c, ...p }) => p)
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { applier, problems };
}

/** Every problem applying this seed would meet (nothing is applied). */
export function checkSeed(services: Services, seed: SeedDocument, locations: Locations, fileName = 'seed'): SeedProblem[] {
  return applyChecked(services, seed, locations, fileName, false).problems;
}

/** Parses seed text and returns every problem applying it would meet (throws SeedError for a document that does not parse). */
export function checkSeedText(services: Services, text: string, options: Pick<ApplyOptions, 'fileName' | 'issuer'> = {}): { seed: SeedDocument; problems: SeedProblem[] } {
  const fileName = options.fileName ?? 'seed';
  const { seed, locations } = parseChecked(services, text, fileName, options.issuer);
  return { seed, problems: checkSeed(services, seed, locations, fileName) };
}

/**
 * Parses seed text; with shape problems (a key, type or format), throws them together with the
 * reference and document problems of the entities that are whole enough to check, in one list.
 */
function parseChecked(services: Services, text: string, fileName: string, issuer?: string) {
  const parsed = parseSeedLeniently(expandSeedText(text, services, process.env, issuer));
  if (!parsed.problems.length && parsed.seed) return { seed: parsed.seed, locations: parsed.locations };
  const more = parsed.seed ? new SeedChecker(services, parsed.seed, parsed.locations).run() : [];
  const seen = new Set(parsed.problems.map((p) => `${p.line}:${p.column}`));
  const all = [...parsed.problems, ...more.filter((p) => !seen.has(`${p.line}:${p.column}`))].sort((a, b) => a.line - b.line || a.column - b.column);
  throw new SeedError(fileName, all.map(({ code: _c, ...p }) => p));
}

/** Where a listening server is reached from this machine. */
function listeningUrl(services: Services, server: Pick<Server, 'address'> | undefined): string | undefined {
  if (!server) return undefined;
  const a = server.address() as AddressInfo | string | null;
  const port = a && typeof a === 'object' ? a.port : services.config.port;
  const host = services.config.host;
  const shown = host === '0.0.0.0' || host === '::' || host === 'localhost' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

const METADATA_OPTIONS = ['httpTokens', 'httpEndpoint', 'hopLimit', 'instanceMetadataTags'] as const;
const FIXED_AT_LAUNCH = ['region', 'instanceType', 'port', 'tags', 'clientAddresses', 'bridgedAddresses'] as const;

/** Instances and tasks, in the running server's registry (they live in memory, not in the store). */
async function applyRuntime(services: Services, applier: Applier, seed: SeedDocument, locations: Locations, fileName: string, baseUrl: string | undefined) {
  const registry = metadataRegistry(services);
  const fail = (item: object, what: string, e: unknown): never => {
    if (!(e instanceof MetadataError)) throw e;
    const { fields: _f, ...loc } = locations.get(item) ?? { line: 1, column: 1, path: '' };
    throw new SeedError(fileName, [{ ...loc, message: `${what}: ${e.message}` }]);
  };
  for (const i of seed.instances) {
    const account = i.account ?? services.config.accountId;
    const name = i.instanceId ?? i.instanceProfile;
    if (!baseUrl) {
      applier.result.push({ account, kind: 'instance', name, outcome: 'skipped', detail: 'exists only in a running server' });
      continue;
    }
    // Idempotent like the rest: an instance with the same id (or, without one, the same profile and
    // account, such as the --instance-profile default instance) is already there; its metadata
    // options are brought to what the seed says, as ModifyInstanceMetadataOptions would.
    const same = registry
      .listInstances()
      .find((x) => (i.instanceId ? x.instanceId === i.instanceId : x.instanceProfileName === i.instanceProfile && x.accountId === account));
    if (same) {
      const now = same.describe() as Record<string, unknown>;
      const want = Object.fromEntries(METADATA_OPTIONS.filter((k) => i[k] !== undefined && i[k] !== now[k]).map((k) => [k, i[k]]));
      const fixed = FIXED_AT_LAUNCH.filter((k) => i[k] !== undefined && JSON.stringify(i[k]) !== JSON.stringify(k === 'tags' ? tagMap(now.tags) : now[k]));
      try {
        if (Object.keys(want).length) registry.modifyInstance(same.instanceId, want);
      } catch (e) {
        fail(i, `instance ${name}`, e);
      }
      const notes = [
        same.endpoint ?? baseUrl,
        ...Object.entries(want).map(([k, v]) => `${k}: ${v}`),
        ...(fixed.length ? [`${fixed.join(', ')} fixed at launch: stop ${same.instanceId} to change`] : []),
      ];
      applier.result.push({ account, kind: 'instance', name, outcome: Object.keys(want).length ? 'updated' : 'unchanged', detail: notes.join('; ') });
      continue;
    }
    const { account: _a, instanceProfile, ...rest } = i as SeedInstance;
    let inst;
    try {
      inst = await registry.createInstance({ ...rest, instanceProfileName: instanceProfile, accountId: account }, services.config.host);
    } catch (e) {
      fail(i, `instance ${name}`, e);
    }
    applier.result.push({ account, kind: 'instance', name, outcome: 'created', detail: inst!.endpoint ?? baseUrl });
  }
  for (const t of seed.tasks) {
    const account = t.account ?? services.config.accountId;
    if (!baseUrl) {
      applier.result.push({ account, kind: 'task', name: t.role, outcome: 'skipped', detail: 'exists only in a running server' });
      continue;
    }
    const same = registry.listTasks().find((x) => (t.taskId ? x.taskId === t.taskId : x.roleName === t.role && x.accountId === account));
    if (same) {
      applier.result.push({ account, kind: 'task', name: t.role, outcome: 'unchanged', detail: same.describe(baseUrl).credentialsUri });
      continue;
    }
    const { account: _a, role, ...rest } = t;
    let task;
    try {
      task = registry.createTask({ ...rest, roleName: role, accountId: account });
    } catch (e) {
      fail(t, `task ${t.role}`, e);
    }
    applier.result.push({ account, kind: 'task', name: t.role, outcome: 'created', detail: task!.describe(baseUrl).credentialsUri });
  }
}

const tagMap = (tags: unknown) =>
  Array.isArray(tags) ? Object.fromEntries((tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value])) : tags;

/**
 * Checks and applies a parsed seed: nothing is applied when any problem exists (SeedError lists
 * them all); else every account's IAM entities in ONE transaction, then instances and tasks.
 */
export async function applySeed(services: Services, seed: SeedDocument, locations: Locations, options: ApplyOptions = {}): Promise<SeedResult> {
  const fileName = options.fileName ?? 'seed';
  const { applier, problems } = applyChecked(services, seed, locations, fileName, true);
  if (problems.length) throw new SeedError(fileName, problems);
  await applyRuntime(services, applier, seed, locations, fileName, options.baseUrl ?? listeningUrl(services, options.server));
  return { applied: applier.result, counts: countOutcomes(applier.result) };
}

/** Parses (with line-numbered errors) and applies seed text. */
export async function applySeedText(services: Services, text: string, options: ApplyOptions = {}): Promise<SeedResult> {
  const { seed, locations } = parseChecked(services, text, options.fileName ?? 'seed', options.issuer);
  return applySeed(services, seed, locations, options);
}
