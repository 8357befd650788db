// What a seed document refers to, checked before anything is applied, every problem at once with
// its place in the file: groups, roles, policies (customer managed by name or ARN, AWS managed by
// name or ARN), permissions boundaries, instance profiles and identity providers that neither the
// file nor the store defines; policy documents through the validator IAM's own handlers use
// (src/policy/validate.ts: identity and trust policies, principals); names and paths of what the
// seed writes without a handler (MFA devices, access keys) by the IAM model's rules; the options
// of simulated instances and tasks. Everything else (quotas, conflicts with the store) is found by
// applying the document in a transaction that is rolled back (src/seed/apply.ts).
import type { Services } from '../context.js';
import { AwsError } from '../protocol/errors.js';
import { validatePolicyDocument } from '../policy/validate.js';
import { policyError } from '../resolution/policy-errors.js';
import { iamArn } from '../arn.js';
import { SimulatedInstance, InstanceOptionsError } from '../metadata/instance.js';
import { ContainerTask, TaskOptionsError } from '../metadata/container.js';
import { findIam, validateInput } from './context.js';
import type { Locations, Place, SeedAccount, SeedDocument, SeedProblem } from './schema.js';

const reason = (e: unknown) => (e instanceof AwsError ? `${e.code}: ${e.message}` : (e as Error).message);

export class SeedChecker {
  readonly problems: SeedProblem[] = [];
  /** The lines of the entities (users, roles, …) that have a problem. */
  readonly flagged = new Set<number>();

  constructor(
    private readonly services: Services,
    private readonly seed: SeedDocument,
    private readonly locations: Locations,
  ) {}

  /** The place of `item` (or of one of its fields, or of one item of a list field). */
  private place(item: object, field?: string, index?: number): Place {
    const loc = this.locations.get(item) ?? { line: 1, column: 1, path: '' };
    const f = field ? loc.fields?.[field] : undefined;
    if (!f) return { line: loc.line, column: loc.column, path: field ? (loc.path ? `${loc.path}.${field}` : field) : loc.path };
    return index !== undefined && f.items?.[index] ? f.items[index]! : f;
  }

  private problem(item: object, message: string, field?: string, index?: number) {
    this.flagged.add(this.place(item).line);
    this.problems.push({ ...this.place(item, field, index), message });
  }

  private accountIdOf(a: SeedAccount) {
    return a.id ?? this.services.config.accountId;
  }

  private accountFor(id: string): SeedAccount | undefined {
    return this.seed.accounts.find((a) => this.accountIdOf(a) === id);
  }

  /** Whether a lookup finds something (NoSuchEntity, or any refusal, is no). */
  private exists(fn: () => unknown): boolean {
    try {
      return fn() !== undefined;
    } catch {
      return false;
    }
  }

  private inStore = {
    group: (acct: string, name: string) => this.exists(() => findIam(this.services, acct, 'GetGroup', { GroupName: name })),
    role: (acct: string, name: string) => this.exists(() => findIam(this.services, acct, 'GetRole', { RoleName: name })),
    instanceProfile: (acct: string, name: string) =>
      this.exists(() => findIam(this.services, acct, 'GetInstanceProfile', { InstanceProfileName: name })),
    policy: (acct: string, arn: string) => this.exists(() => findIam(this.services, acct, 'GetPolicy', { PolicyArn: arn })),
  };

  private hasName = (items: { name: string }[] | undefined, name: string) => (items ?? []).some((i) => i.name.toLowerCase() === name.toLowerCase());

  /** Why a policy reference (name or ARN) resolves to nothing, or undefined when it resolves. */
  private policyRefProblem(a: SeedAccount, ref: string): string | undefined {
    const acct = this.accountIdOf(a);
    if (ref.startsWith('arn:')) {
      const m = /^arn:aws:iam::(aws|\d{12}):policy(\/.*)$/.exec(ref);
      if (!m) return `${ref} is not a policy ARN (arn:aws:iam::ACCOUNT:policy/PATH/NAME)`;
      if (m[1] === 'aws') return this.inStore.policy(acct, ref) ? undefined : `no AWS managed policy has the ARN ${ref}`;
      const owner = this.accountFor(m[1]!);
      if (owner?.policies?.some((p) => iamArn(m[1]!, 'policy', p.path, p.name) === ref)) return undefined;
      return this.inStore.policy(m[1]!, ref) ? undefined : `policy ${ref} is defined neither in this file nor in the store`;
    }
    if (this.hasName(a.policies, ref)) return undefined;
    const local = (() => {
      try {
        return findIam(this.services, acct, 'ListPolicies', { Scope: 'Local', MaxItems: 1000 })?.Policies?.some((p) => p.PolicyName?.toLowerCase() === ref.toLowerCase());
      } catch {
        return false;
      }
    })();
    if (local) return undefined;
    if (this.inStore.policy(acct, `arn:aws:iam::aws:policy/${ref.replace(/^\//, '')}`)) return undefined;
    return `policy ${ref} is neither a customer managed policy of this file or of account ${acct}, nor an AWS managed policy (give AWS managed ones by name with their path, e.g. job-function/Billing)`;
  }

  private policyRefs(a: SeedAccount, item: object, field: string, refs: string[]) {
    refs.forEach((ref, i) => {
      const p = this.policyRefProblem(a, ref);
      if (p) this.problem(item, p, field, i);
    });
  }

  private document(item: object, field: string, text: string | undefined, kind: 'identity' | 'trust', key?: string) {
    if (text === undefined) return; // a shape problem already
    const v = validatePolicyDocument(text, kind);
    if (v.ok) return;
    const at = this.place(item, field);
    this.flagged.add(this.place(item).line);
    this.problems.push({ ...at, path: key ? `${at.path}.${key}` : at.path, message: reason(policyError(v.finding)) });
  }

  private inline(item: object, docs: Record<string, string>) {
    for (const [name, text] of Object.entries(docs)) this.document(item, 'inlinePolicies', text, 'identity', name);
  }

  /** Federated principals of a trust policy: OIDC providers of this file or the store, SAML providers of the store. */
  private federated(a: SeedAccount, role: object, trust: string | undefined) {
    let doc: any;
    try {
      doc = JSON.parse(trust ?? '');
    } catch {
      return; // reported by the document check
    }
    const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
    for (const st of statements) {
      const fed = st?.Principal?.Federated;
      for (const arn of Array.isArray(fed) ? fed : fed ? [fed] : []) {
        if (typeof arn !== 'string') continue;
        const m = /^arn:aws:iam::(\d{12}):(oidc-provider|saml-provider)\/(.+)$/.exec(arn);
        if (!m) continue;
        const [, acct, kind, rest] = m;
        const fileAccount = this.accountFor(acct!);
        if (kind === 'oidc-provider') {
          if (fileAccount?.oidcProviders?.some((o) => o.url.replace(/^https?:\/\//, '').replace(/\/$/, '') === rest)) continue;
          if (this.exists(() => findIam(this.services, acct!, 'GetOpenIDConnectProvider', { OpenIDConnectProviderArn: arn }))) continue;
        } else if (this.exists(() => findIam(this.services, acct!, 'GetSAMLProvider', { SAMLProviderArn: arn }))) continue;
        this.problem(role, `trust policy names ${arn}, an identity provider defined neither in this file nor in account ${acct}`, 'trustPolicy');
      }
    }
  }

  private named(item: object, op: string, input: Record<string, unknown>) {
    try {
      validateInput(op, input);
    } catch (e) {
      this.problem(item, reason(e));
    }
  }

  run(): SeedProblem[] {
    for (const a of this.seed.accounts) {
      const acct = this.accountIdOf(a);
      for (const p of a.policies ?? []) this.document(p, 'document', p.document, 'identity');
      for (const g of a.groups ?? []) {
        this.policyRefs(a, g, 'policies', g.policies ?? []);
        this.inline(g, g.inlinePolicies ?? {});
      }
      for (const r of a.roles ?? []) {
        this.document(r, 'trustPolicy', r.trustPolicy, 'trust');
        this.federated(a, r, r.trustPolicy);
        this.policyRefs(a, r, 'policies', r.policies ?? []);
        if (r.permissionsBoundary) this.policyRefs(a, r, 'permissionsBoundary', [r.permissionsBoundary]);
        this.inline(r, r.inlinePolicies ?? {});
      }
      for (const u of a.users ?? []) {
        (u.groups ?? []).forEach((g, i) => {
          if (!this.hasName(a.groups, g) && !this.inStore.group(acct, g))
            this.problem(u, `group ${g} is defined neither in this file nor in account ${acct}`, 'groups', i);
        });
        this.policyRefs(a, u, 'policies', u.policies ?? []);
        if (u.permissionsBoundary) this.policyRefs(a, u, 'permissionsBoundary', [u.permissionsBoundary]);
        this.inline(u, u.inlinePolicies ?? {});
        for (const k of u.accessKeys ?? []) if (k.id !== undefined) this.named(k, 'UpdateAccessKey', { UserName: u.name, AccessKeyId: k.id, Status: k.status });
        for (const d of u.mfaDevices ?? []) if (d.name !== undefined) this.named(d, 'CreateVirtualMFADevice', { VirtualMFADeviceName: d.name, Path: d.path });
      }
      for (const ip of a.instanceProfiles ?? [])
        if (ip.role && !this.hasName(a.roles, ip.role) && !this.inStore.role(acct, ip.role))
          this.problem(ip, `role ${ip.role} is defined neither in this file nor in account ${acct}`, 'role');
    }
    for (const i of this.seed.instances) {
      const acct = i.account ?? this.services.config.accountId;
      const a = this.accountFor(acct);
      if (!(a && this.hasName(a.instanceProfiles, i.instanceProfile)) && !this.inStore.instanceProfile(acct, i.instanceProfile))
        this.problem(i, `instance profile ${i.instanceProfile} is defined neither in this file nor in account ${acct}`, 'instanceProfile');
      try {
        const { account: _a, instanceProfile, ...rest } = i;
        new SimulatedInstance(this.services, { ...rest, instanceProfileName: instanceProfile, accountId: acct });
      } catch (e) {
        if (!(e instanceof InstanceOptionsError)) throw e;
        this.problem(i, e.message);
      }
    }
    for (const t of this.seed.tasks) {
      const acct = t.account ?? this.services.config.accountId;
      const a = this.accountFor(acct);
      if (!(a && this.hasName(a.roles, t.role)) && !this.inStore.role(acct, t.role))
        this.problem(t, `role ${t.role} is defined neither in this file nor in account ${acct}`, 'role');
      try {
        const { account: _a, role, ...rest } = t;
        new ContainerTask(this.services, { ...rest, roleName: role, accountId: acct });
      } catch (e) {
        if (!(e instanceof TaskOptionsError)) throw e;
        this.problem(t, e.message);
      }
    }
    return this.problems;
  }
}
