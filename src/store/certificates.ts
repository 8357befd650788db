// Server certificates, signing certificates, SSH public keys and service-specific credentials.
import { Repo } from './repo.js';
import type { Page } from './rows.js';

export interface ServerCertificateRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  body: string;
  chain: string | null;
  uploaded_at: string;
  expires_at: string;
}

export interface SigningCertificateRow {
  id: string;
  account_id: string;
  user_id: string | null;
  body: string;
  status: string;
  uploaded_at: string;
}

export interface SshKeyRow {
  id: string;
  account_id: string;
  user_id: string;
  body: string;
  fingerprint: string;
  status: string;
  uploaded_at: string;
}

export interface ServiceCredentialRow {
  id: string;
  account_id: string;
  user_id: string;
  service_name: string;
  service_user_name: string | null;
  alias: string | null;
  secret_hash: string;
  status: string;
  created_at: string;
  expires_at: string | null;
}

export class ServerCertificateRepo extends Repo {
  get(accountId: string, name: string) {
    return this.q<[string, string], ServerCertificateRow>(
      'SELECT * FROM server_certificates WHERE account_id = ? AND name = ?',
    ).get(accountId, name);
  }
  insert(row: ServerCertificateRow) {
    this.q(
      `INSERT INTO server_certificates (id, account_id, name, path, body, chain, uploaded_at, expires_at)
       VALUES (@id, @account_id, @name, @path, @body, @chain, @uploaded_at, @expires_at)`,
    ).run(row);
  }
  rename(id: string, name: string, path: string) {
    this.q('UPDATE server_certificates SET name = ?, path = ? WHERE id = ?').run(name, path, id);
  }
  delete(id: string) {
    this.q('DELETE FROM server_certificates WHERE id = ?').run(id);
  }
  list(accountId: string, pathPrefix: string, marker: string | undefined, limit: number): Page<ServerCertificateRow> {
    return this.pageByPath('server_certificates', accountId, pathPrefix, marker, limit);
  }
  count(accountId: string): number {
    return this.countIn('server_certificates', accountId);
  }
}

export class SigningCertificateRepo extends Repo {
  get(accountId: string, id: string) {
    return this.q<[string, string], SigningCertificateRow>(
      'SELECT * FROM signing_certificates WHERE account_id = ? AND id = ?',
    ).get(accountId, id);
  }
  insert(row: SigningCertificateRow) {
    this.q(
      `INSERT INTO signing_certificates (id, account_id, user_id, body, status, uploaded_at)
       VALUES (@id, @account_id, @user_id, @body, @status, @uploaded_at)`,
    ).run(row);
  }
  setStatus(id: string, status: string) {
    this.q('UPDATE signing_certificates SET status = ? WHERE id = ?').run(status, id);
  }
  delete(id: string) {
    this.q('DELETE FROM signing_certificates WHERE id = ?').run(id);
  }
  /** userId null = the account's root. */
  listFor(accountId: string, userId: string | null): SigningCertificateRow[] {
    return this.q<[string, string | null], SigningCertificateRow>(
      'SELECT * FROM signing_certificates WHERE account_id = ? AND user_id IS ? ORDER BY uploaded_at, id',
    ).all(accountId, userId);
  }
}

export class SshKeyRepo extends Repo {
  get(userId: string, id: string) {
    return this.q<[string, string], SshKeyRow>('SELECT * FROM ssh_public_keys WHERE user_id = ? AND id = ?').get(userId, id);
  }
  insert(row: SshKeyRow) {
    this.q(
      `INSERT INTO ssh_public_keys (id, account_id, user_id, body, fingerprint, status, uploaded_at)
       VALUES (@id, @account_id, @user_id, @body, @fingerprint, @status, @uploaded_at)`,
    ).run(row);
  }
  setStatus(id: string, status: string) {
    this.q('UPDATE ssh_public_keys SET status = ? WHERE id = ?').run(status, id);
  }
  delete(id: string) {
    this.q('DELETE FROM ssh_public_keys WHERE id = ?').run(id);
  }
  listFor(userId: string): SshKeyRow[] {
    return this.q<[string], SshKeyRow>('SELECT * FROM ssh_public_keys WHERE user_id = ? ORDER BY uploaded_at, id').all(userId);
  }
}

export class ServiceCredentialRepo extends Repo {
  get(accountId: string, id: string) {
    return this.q<[string, string], ServiceCredentialRow>(
      'SELECT * FROM service_credentials WHERE account_id = ? AND id = ?',
    ).get(accountId, id);
  }
  insert(row: ServiceCredentialRow) {
    this.q(
      `INSERT INTO service_credentials (id, account_id, user_id, service_name, service_user_name, alias, secret_hash, status, created_at, expires_at)
       VALUES (@id, @account_id, @user_id, @service_name, @service_user_name, @alias, @secret_hash, @status, @created_at, @expires_at)`,
    ).run(row);
  }
  setStatus(id: string, status: string) {
    this.q('UPDATE service_credentials SET status = ? WHERE id = ?').run(status, id);
  }
  setSecret(id: string, hash: string) {
    this.q('UPDATE service_credentials SET secret_hash = ? WHERE id = ?').run(hash, id);
  }
  delete(id: string) {
    this.q('DELETE FROM service_credentials WHERE id = ?').run(id);
  }
  listForUser(userId: string): ServiceCredentialRow[] {
    return this.q<[string], ServiceCredentialRow>(
      'SELECT * FROM service_credentials WHERE user_id = ? ORDER BY created_at, id',
    ).all(userId);
  }
  listForAccount(accountId: string): ServiceCredentialRow[] {
    return this.q<[string], ServiceCredentialRow>(
      'SELECT * FROM service_credentials WHERE account_id = ? ORDER BY created_at, id',
    ).all(accountId);
  }
}
