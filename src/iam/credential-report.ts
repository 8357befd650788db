// GenerateCredentialReport / GetCredentialReport: a CSV (written with csv-stringify) of every user's
// credentials, with AWS's columns in AWS's order, the <root_account> row, and N/A / no_information /
// not_supported where AWS writes them. A report is a snapshot taken when generation starts; it is
// "in progress" until the next GenerateCredentialReport or a few seconds by the clock, and a new one
// can be generated only once the last is four hours old (ReportExpired then, by the clock).
import { lazy } from '../lazy.js';
// Lazy: only GenerateCredentialReport writes CSV; start-up pays nothing for csv-stringify.
const csv = lazy<typeof import('csv-stringify/sync')>('csv-stringify/sync');
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import { AwsError } from '../protocol/errors.js';
import type { CertFacts, KeyFacts } from '../store/reports.js';
import { iamArn } from '../arn.js';
import { passwordExpiry } from './password-policy.js';

export const REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** A report may be regenerated (and expires) four hours after it was generated. */
export const REPORT_LIFETIME_MS = 4 * 3600_000;
/** How long generation takes by the clock, unless another GenerateCredentialReport sees it done. */
export const GENERATION_MS = 5_000;

const NA = 'N/A';
/** The report's timestamps: ISO 8601 with seconds and +00:00. */
const ts = (s: string | Date) => new Date(s).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const bool = (b: boolean) => (b ? 'true' : 'false');

function keyColumns(key: KeyFacts | undefined): string[] {
  if (!key) return ['false', NA, NA, NA, NA];
  return [
    bool(key.status === 'Active'),
    ts(key.created_at),
    key.last_used_at ? ts(key.last_used_at) : NA,
    key.last_used_region ?? NA,
    key.last_used_service ?? NA,
  ];
}

const certColumns = (cert: CertFacts | undefined) => (cert ? [bool(cert.status === 'Active'), ts(cert.uploaded_at)] : ['false', NA]);

function byOwner<T extends { user_id: string | null }>(rows: T[]): Map<string | null, T[]> {
  const m = new Map<string | null, T[]>();
  for (const r of rows) m.set(r.user_id, [...(m.get(r.user_id) ?? []), r]);
  return m;
}

export function buildCredentialReport(ctx: RequestContext): string {
  const { store, accountId } = ctx;
  const keys = byOwner(store.reports.accessKeys(accountId));
  const certs = byOwner(store.reports.signingCertificates(accountId));
  const account = store.accounts.get(accountId);
  const rows: string[][] = [];

  const rootKeys = keys.get(null) ?? [];
  const rootCerts = certs.get(null) ?? [];
  rows.push([
    '<root_account>',
    `arn:aws:iam::${accountId}:root`,
    ts(account?.created_at ?? ctx.startedAt),
    'not_supported',
    'no_information',
    'not_supported',
    'not_supported',
    'false',
    ...keyColumns(rootKeys[0]),
    ...keyColumns(rootKeys[1]),
    ...certColumns(rootCerts[0]),
    ...certColumns(rootCerts[1]),
  ]);

  for (const user of store.reports.usersByName(accountId)) {
    const profile = store.loginProfiles.get(user.id);
    const userKeys = keys.get(user.id) ?? [];
    const userCerts = certs.get(user.id) ?? [];
    const rotation = profile ? passwordExpiry(store, accountId, profile.changed_at) : undefined;
    rows.push([
      user.name,
      iamArn(accountId, 'user', user.path, user.name),
      ts(user.created_at),
      bool(!!profile),
      // A sign-in date stays after the password is removed; never used: no_information, no password ever: N/A.
      user.password_last_used ? ts(user.password_last_used) : profile ? 'no_information' : NA,
      profile ? ts(profile.changed_at) : NA,
      rotation ? ts(rotation) : NA,
      bool(store.mfa.countForUser(user.id) > 0),
      ...keyColumns(userKeys[0]),
      ...keyColumns(userKeys[1]),
      ...certColumns(userCerts[0]),
      ...certColumns(userCerts[1]),
    ]);
  }
  return csv().stringify(rows, { header: true, columns: [...REPORT_COLUMNS], record_delimiter: '\n' }).replace(/\n$/, '');
}

// AWS sends these three errors without a message.
const reportNotPresent = () => new AwsError('ReportNotPresent', '', 410);
const reportExpired = () => new AwsError('ReportExpired', '', 410);
const reportInProgress = () => new AwsError('ReportInProgress', '', 404);

export const credentialReportHandlers: IamHandlers = {
  GenerateCredentialReport(ctx) {
    const now = ctx.now().getTime();
    const existing = ctx.store.reports.credentialReport(ctx.accountId);
    if (existing && now - Date.parse(existing.started_at) < REPORT_LIFETIME_MS) {
      // Someone is waiting for it: it is done from now on.
      if (!existing.completed_at) ctx.store.reports.putCredentialReport({ ...existing, completed_at: ctx.now().toISOString() });
      return { State: 'COMPLETE' };
    }
    ctx.store.reports.putCredentialReport({
      account_id: ctx.accountId,
      started_at: ctx.now().toISOString(),
      completed_at: null,
      content: buildCredentialReport(ctx),
    });
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
  },

  GetCredentialReport(ctx) {
    const report = ctx.store.reports.credentialReport(ctx.accountId);
    if (!report) throw reportNotPresent();
    const age = ctx.now().getTime() - Date.parse(report.started_at);
    if (!report.completed_at && age < GENERATION_MS) throw reportInProgress();
    if (age >= REPORT_LIFETIME_MS) throw reportExpired();
    return {
      Content: Buffer.from(report.content, 'utf8'),
      ReportFormat: 'text/csv',
      GeneratedTime: new Date(Date.parse(report.started_at)),
    };
  },
};
