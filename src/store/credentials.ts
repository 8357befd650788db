// Credentials: long-term access keys and STS temporary credentials (sessions).
//
// For the STS handlers (AssumeRole*, GetSessionToken, GetFederationToken, …):
//   - Mint ids with newAccessKeyId('ASIA', accountId) and secrets with newSecretAccessKey() from
//     src/auth/access-key-id.ts; the session token is any opaque string you choose (unique).
//   - Store the session with
//       ctx.store.credentials.sessions.insert({ accessKeyId, accountId, secret, sessionToken,
//         principal, expiresAt, createdAt })
//     where principal is the full Principal (src/principal.ts) the credentials act as,
//     including principal.session (SessionInfo) and principal.accessKeyId = the ASIA id.
//   - Authentication (src/auth/authenticate.ts) then, for every request signed with an ASIA key:
//     looks it up with sessions.get(id); requires X-Amz-Security-Token (header, or query parameter
//     for presigned URLs) to equal session_token, else InvalidClientTokenId (403); refuses with
//     ExpiredToken (400, "The security token included in the request is expired") once
//     expires_at <= the server clock's now; and hands the handler the stored Principal (dates revived).
//   - Sessions are never updated by STS after insert; last_used_* is written by authentication.
import { Repo } from './repo.js';
import { decodeMarker, toPage, type Page } from './rows.js';
import type { Principal } from '../principal.js';

/** 'Deleted' keys are kept as tombstones so a deleted key is refused, never mistaken for an unknown one. */
export type AccessKeyStatus = 'Active' | 'Inactive' | 'Deleted';

export interface AccessKeyRow {
  id: string;
  account_id: string;
  /** NULL = the account's root user. */
  user_id: string | null;
  secret: string;
  status: AccessKeyStatus;
  created_at: string;
  last_used_at: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface NewSession {
  accessKeyId: string;
  accountId: string;
  secret: string;
  sessionToken: string;
  principal: Principal;
  expiresAt: Date | string;
  createdAt: Date | string;
}

export interface SessionRecord {
  accessKeyId: string;
  accountId: string;
  secret: string;
  sessionToken: string;
  principal: Principal;
  expiresAt: Date;
  createdAt: Date;
  lastUsedAt?: Date;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

interface SessionRow {
  access_key_id: string;
  account_id: string;
  secret: string;
  session_token: string;
  principal_json: string;
  expires_at: string;
  created_at: string;
  last_used_at: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

const toIso = (d: Date | string) => (typeof d === 'string' ? new Date(d).toISOString() : d.toISOString());

/** Principal JSON → Principal with its session dates as Date objects again. */
function revivePrincipal(json: string): Principal {
  const p = JSON.parse(json) as Principal;
  const s = p.session as (Record<string, unknown> & Principal['session']) | undefined;
  if (s) {
    s.issuedAt = new Date(s.issuedAt as unknown as string);
    s.expiresAt = new Date(s.expiresAt as unknown as string);
    if (s.mfaAuthenticatedAt) s.mfaAuthenticatedAt = new Date(s.mfaAuthenticatedAt as unknown as string);
  }
  return p;
}

/**
 * Last use is shown to the second: a key used again within the same second, for the same service
 * and region, needs no new write (a busy key would otherwise cost one UPDATE per request).
 */
function unchanged(memo: Map<string, string>, id: string, at: string, service: string, region: string): boolean {
  const value = `${at.slice(0, 19)} ${service} ${region}`;
  if (memo.get(id) === value) return true;
  if (memo.size >= 10_000) memo.clear();
  memo.set(id, value);
  return false;
}

export class AccessKeyRepo extends Repo {
  private readonly lastWritten = new Map<string, string>();

  /** Any key this server issued, deleted ones included (status 'Deleted'). */
  getAny(id: string): AccessKeyRow | undefined {
    return this.q<[string], AccessKeyRow>('SELECT * FROM access_keys WHERE id = ?').get(id);
  }

  /** A live (Active or Inactive) key. */
  get(id: string): AccessKeyRow | undefined {
    return this.q<[string], AccessKeyRow>("SELECT * FROM access_keys WHERE id = ? AND status <> 'Deleted'").get(id);
  }

  /** Adds a key (a tombstone of a deleted key with the same id, e.g. a seed's fixed id, gives way). */
  insert(row: Pick<AccessKeyRow, 'id' | 'account_id' | 'user_id' | 'secret' | 'status' | 'created_at'>) {
    this.q("DELETE FROM access_keys WHERE id = ? AND status = 'Deleted'").run(row.id);
    this.q(
      `INSERT INTO access_keys (id, account_id, user_id, secret, status, created_at)
       VALUES (@id, @account_id, @user_id, @secret, @status, @created_at)`,
    ).run(row);
  }

  /** Keys of one user (userId) or of the account's root (userId null), oldest first. */
  list(accountId: string, userId: string | null, marker: string | undefined, limit: number): Page<AccessKeyRow> {
    const rows = this.q<{}, AccessKeyRow>(
      `SELECT * FROM access_keys WHERE account_id = @accountId AND user_id IS @userId AND status <> 'Deleted'
         AND (created_at || ' ' || id) > @after ORDER BY created_at, id LIMIT @limit`,
    ).all({ accountId, userId, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    return toPage(rows, limit, (r) => `${r.created_at} ${r.id}`);
  }

  count(accountId: string, userId: string | null): number {
    return this.q<[string, string | null], { n: number }>(
      "SELECT count(*) AS n FROM access_keys WHERE account_id = ? AND user_id IS ? AND status <> 'Deleted'",
    ).get(accountId, userId)!.n;
  }

  setStatus(id: string, status: AccessKeyStatus) {
    this.q('UPDATE access_keys SET status = ? WHERE id = ?').run(status, id);
  }

  delete(id: string) {
    this.q("UPDATE access_keys SET status = 'Deleted' WHERE id = ?").run(id);
  }

  markUsed(id: string, at: string, service: string, region: string) {
    if (unchanged(this.lastWritten, id, at, service, region)) return;
    this.q('UPDATE access_keys SET last_used_at = ?, last_used_service = ?, last_used_region = ? WHERE id = ?').run(
      at,
      service,
      region,
      id,
    );
  }
}

export class SessionRepo extends Repo {
  private readonly lastWritten = new Map<string, string>();

  insert(s: NewSession) {
    this.q(
      `INSERT INTO sessions (access_key_id, account_id, secret, session_token, principal_json, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(s.accessKeyId, s.accountId, s.secret, s.sessionToken, JSON.stringify(s.principal), toIso(s.expiresAt), toIso(s.createdAt));
  }

  get(accessKeyId: string): SessionRecord | undefined {
    const r = this.q<[string], SessionRow>('SELECT * FROM sessions WHERE access_key_id = ?').get(accessKeyId);
    if (!r) return undefined;
    return {
      accessKeyId: r.access_key_id,
      accountId: r.account_id,
      secret: r.secret,
      sessionToken: r.session_token,
      principal: revivePrincipal(r.principal_json),
      expiresAt: new Date(r.expires_at),
      createdAt: new Date(r.created_at),
      lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : undefined,
      lastUsedService: r.last_used_service ?? undefined,
      lastUsedRegion: r.last_used_region ?? undefined,
    };
  }

  markUsed(accessKeyId: string, at: string, service: string, region: string) {
    if (unchanged(this.lastWritten, accessKeyId, at, service, region)) return;
    this.q('UPDATE sessions SET last_used_at = ?, last_used_service = ?, last_used_region = ? WHERE access_key_id = ?').run(
      at,
      service,
      region,
      accessKeyId,
    );
  }

  /** Drops sessions that expired before `before` (housekeeping; expired ones are refused anyway). */
  deleteExpired(before: string): number {
    return this.q('DELETE FROM sessions WHERE expires_at < ?').run(before).changes;
  }
}

export class CredentialRepo {
  readonly accessKeys: AccessKeyRepo;
  readonly sessions: SessionRepo;
  constructor(db: ConstructorParameters<typeof AccessKeyRepo>[0]) {
    this.accessKeys = new AccessKeyRepo(db);
    this.sessions = new SessionRepo(db);
  }
}
