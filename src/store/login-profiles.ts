// Console passwords (login profiles), their history, and the account password policy.
import { Repo } from './repo.js';

export interface LoginProfileRow {
  user_id: string;
  account_id: string;
  password_hash: string;
  created_at: string;
  changed_at: string;
  reset_required: number;
}

export interface PasswordPolicyRow {
  account_id: string;
  minimum_length: number;
  require_symbols: number;
  require_numbers: number;
  require_uppercase: number;
  require_lowercase: number;
  allow_users_to_change: number;
  max_age: number | null;
  reuse_prevention: number | null;
  hard_expiry: number | null;
}

export class LoginProfileRepo extends Repo {
  get(userId: string): LoginProfileRow | undefined {
    return this.q<[string], LoginProfileRow>('SELECT * FROM login_profiles WHERE user_id = ?').get(userId);
  }

  insert(row: LoginProfileRow) {
    this.q(
      `INSERT INTO login_profiles (user_id, account_id, password_hash, created_at, changed_at, reset_required)
       VALUES (@user_id, @account_id, @password_hash, @created_at, @changed_at, @reset_required)`,
    ).run(row);
  }

  setPassword(userId: string, hash: string, changedAt: string) {
    this.q('UPDATE login_profiles SET password_hash = ?, changed_at = ? WHERE user_id = ?').run(hash, changedAt, userId);
  }

  setResetRequired(userId: string, required: boolean) {
    this.q('UPDATE login_profiles SET reset_required = ? WHERE user_id = ?').run(required ? 1 : 0, userId);
  }

  delete(userId: string) {
    this.q('DELETE FROM login_profiles WHERE user_id = ?').run(userId);
  }

  count(accountId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM login_profiles WHERE account_id = ?').get(accountId)!.n;
  }

  /** The user's most recent password hashes, newest first. */
  history(userId: string, limit: number): string[] {
    return this.q<[string, number], { password_hash: string }>(
      'SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY set_at DESC, rowid DESC LIMIT ?',
    )
      .all(userId, limit)
      .map((r) => r.password_hash);
  }

  remember(userId: string, hash: string, at: string) {
    this.q('INSERT INTO password_history (user_id, password_hash, set_at) VALUES (?, ?, ?)').run(userId, hash, at);
  }

  forgetHistory(userId: string) {
    this.q('DELETE FROM password_history WHERE user_id = ?').run(userId);
  }

  policy(accountId: string): PasswordPolicyRow | undefined {
    return this.q<[string], PasswordPolicyRow>('SELECT * FROM password_policies WHERE account_id = ?').get(accountId);
  }

  putPolicy(row: PasswordPolicyRow) {
    this.q(
      `INSERT OR REPLACE INTO password_policies (account_id, minimum_length, require_symbols, require_numbers,
         require_uppercase, require_lowercase, allow_users_to_change, max_age, reuse_prevention, hard_expiry)
       VALUES (@account_id, @minimum_length, @require_symbols, @require_numbers, @require_uppercase,
         @require_lowercase, @allow_users_to_change, @max_age, @reuse_prevention, @hard_expiry)`,
    ).run(row);
  }

  deletePolicy(accountId: string): boolean {
    return this.q('DELETE FROM password_policies WHERE account_id = ?').run(accountId).changes > 0;
  }
}
