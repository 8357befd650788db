// Virtual MFA devices.
import { Repo } from './repo.js';
import { decodeMarker, toPage, type Page } from './rows.js';

export interface MfaDeviceRow {
  serial: string;
  account_id: string;
  name: string;
  path: string;
  seed: string;
  created_at: string;
  user_id: string | null;
  enabled_at: string | null;
  last_step: number | null;
}

export type AssignmentFilter = 'Assigned' | 'Unassigned' | 'Any';

export class MfaRepo extends Repo {
  get(accountId: string, serial: string): MfaDeviceRow | undefined {
    return this.q<[string, string], MfaDeviceRow>('SELECT * FROM mfa_devices WHERE account_id = ? AND serial = ?').get(
      accountId,
      serial,
    );
  }

  byName(accountId: string, name: string): MfaDeviceRow | undefined {
    return this.q<[string, string], MfaDeviceRow>('SELECT * FROM mfa_devices WHERE account_id = ? AND name = ?').get(
      accountId,
      name,
    );
  }

  insert(row: Pick<MfaDeviceRow, 'serial' | 'account_id' | 'name' | 'path' | 'seed' | 'created_at'>) {
    this.q(
      `INSERT INTO mfa_devices (serial, account_id, name, path, seed, created_at)
       VALUES (@serial, @account_id, @name, @path, @seed, @created_at)`,
    ).run(row);
  }

  assign(serial: string, userId: string, enabledAt: string, lastStep: number) {
    this.q('UPDATE mfa_devices SET user_id = ?, enabled_at = ?, last_step = ? WHERE serial = ?').run(
      userId,
      enabledAt,
      lastStep,
      serial,
    );
  }

  unassign(serial: string) {
    this.q('UPDATE mfa_devices SET user_id = NULL, enabled_at = NULL WHERE serial = ?').run(serial);
  }

  setLastStep(serial: string, step: number) {
    this.q('UPDATE mfa_devices SET last_step = ? WHERE serial = ?').run(step, serial);
  }

  delete(serial: string) {
    this.q('DELETE FROM mfa_devices WHERE serial = ?').run(serial);
  }

  /** Devices assigned to a user, by serial. */
  forUser(userId: string, marker: string | undefined, limit: number): Page<MfaDeviceRow> {
    const rows = this.q<{}, MfaDeviceRow>(
      `SELECT * FROM mfa_devices WHERE user_id = @userId AND serial > @after ORDER BY serial LIMIT @limit`,
    ).all({ userId, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    return toPage(rows, limit, (r) => r.serial);
  }

  countForUser(userId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM mfa_devices WHERE user_id = ?').get(userId)!.n;
  }

  list(accountId: string, status: AssignmentFilter, marker: string | undefined, limit: number): Page<MfaDeviceRow> {
    const where =
      status === 'Assigned' ? 'AND user_id IS NOT NULL' : status === 'Unassigned' ? 'AND user_id IS NULL' : '';
    const rows = this.q<{}, MfaDeviceRow>(
      `SELECT * FROM mfa_devices WHERE account_id = @accountId ${where} AND serial > @after ORDER BY serial LIMIT @limit`,
    ).all({ accountId, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    return toPage(rows, limit, (r) => r.serial);
  }

  count(accountId: string): { total: number; assigned: number } {
    return this.q<[string], { total: number; assigned: number }>(
      'SELECT count(*) AS total, count(user_id) AS assigned FROM mfa_devices WHERE account_id = ?',
    ).get(accountId)!;
  }
}
