// The store: one SQLite database and a repository per resource family. Only src/store/ holds SQL.
import { openDatabase, type Db } from './database.js';
import { ServerCertificateRepo, ServiceCredentialRepo, SigningCertificateRepo, SshKeyRepo } from './certificates.js';
import { DelegationRequestRepo } from './delegation-requests.js';
import { AccountRepo, tablesReplaced } from './accounts.js';
import { UserRepo } from './users.js';
import { TagRepo } from './tags.js';
import { CredentialRepo } from './credentials.js';
import { GroupRepo } from './groups.js';
import { RoleRepo } from './roles.js';
import { InlinePolicyRepo } from './inline-policies.js';
import { IdentityProviderRepo } from './identity-providers.js';
import { SigningKeyRepo } from './signing-keys.js';
import { InstanceProfileRepo } from './instance-profiles.js';
import { PolicyRepo } from './policies.js';
import { AttachmentRepo } from './attachments.js';
import { MfaRepo } from './mfa.js';
import { LoginProfileRepo } from './login-profiles.js';
import { ReportRepo } from './reports.js';
import { PolicyGenerationRepo } from './policy-generations.js';

export class Store {
  readonly accounts: AccountRepo;
  readonly serverCertificates: ServerCertificateRepo;
  readonly signingCertificates: SigningCertificateRepo;
  readonly sshKeys: SshKeyRepo;
  readonly serviceCredentials: ServiceCredentialRepo;
  readonly delegationRequests: DelegationRequestRepo;
  readonly users: UserRepo;
  readonly tags: TagRepo;
  readonly credentials: CredentialRepo;
  readonly groups: GroupRepo;
  readonly roles: RoleRepo;
  readonly inlinePolicies: InlinePolicyRepo;
  readonly identityProviders: IdentityProviderRepo;
  readonly signingKeys: SigningKeyRepo;
  readonly instanceProfiles: InstanceProfileRepo;
  readonly policies: PolicyRepo;
  readonly attachments: AttachmentRepo;
  readonly mfa: MfaRepo;
  readonly loginProfiles: LoginProfileRepo;
  readonly reports: ReportRepo;
  readonly policyGenerations: PolicyGenerationRepo;

  constructor(readonly db: Db) {
    this.accounts = new AccountRepo(db);
    this.serverCertificates = new ServerCertificateRepo(db);
    this.signingCertificates = new SigningCertificateRepo(db);
    this.sshKeys = new SshKeyRepo(db);
    this.serviceCredentials = new ServiceCredentialRepo(db);
    this.delegationRequests = new DelegationRequestRepo(db);
    this.users = new UserRepo(db);
    this.tags = new TagRepo(db);
    this.credentials = new CredentialRepo(db);
    this.groups = new GroupRepo(db);
    this.roles = new RoleRepo(db);
    this.inlinePolicies = new InlinePolicyRepo(db);
    this.identityProviders = new IdentityProviderRepo(db);
    this.signingKeys = new SigningKeyRepo(db);
    this.instanceProfiles = new InstanceProfileRepo(db);
    this.policies = new PolicyRepo(db);
    this.attachments = new AttachmentRepo(db);
    this.mfa = new MfaRepo(db);
    this.loginProfiles = new LoginProfileRepo(db);
    this.reports = new ReportRepo(db);
    this.policyGenerations = new PolicyGenerationRepo(db);
  }

  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Runs fn in one transaction: a throw rolls back everything it wrote.
   *  BEGIN IMMEDIATE: the write lock is taken up front, waiting (busy_timeout) while another
   *  process holds it. A deferred transaction would read first and then fail to write with
   *  SQLITE_BUSY_SNAPSHOT once another process (a second server, `iam-local seed --db`) had
   *  committed in between — no waiting helps then. */
  tx<T>(fn: () => T): T {
    // One transaction wrapper, reused: building one per call cost more than the request itself.
    return (this.txRunner ??= this.db.transaction((f: () => unknown) => f()).immediate)(fn) as T;
  }
  private txRunner?: (f: () => unknown) => unknown;

  /** Empties every table, keeping the schema. */
  reset() {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    this.tx(() => {
      this.db.pragma('defer_foreign_keys = ON');
      for (const t of tables) this.db.exec(`DELETE FROM "${t.name}"`);
    });
    tablesReplaced(this.db);
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  close() {
    this.db.close();
  }
}
