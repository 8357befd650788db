// Delegation requests: a partner's request for temporary access, seen by the requesting account
// and by the owner account that takes it on.
import { Repo } from './repo.js';

export interface DelegationRequestRow {
  id: string;
  account_id: string;
  owner_account_id: string | null;
  data: string;
  created_at: string;
}

export class DelegationRequestRepo extends Repo {
  get(id: string) {
    return this.q<[string], DelegationRequestRow>('SELECT * FROM delegation_requests WHERE id = ?').get(id);
  }
  insert(row: DelegationRequestRow) {
    this.q(
      `INSERT INTO delegation_requests (id, account_id, owner_account_id, data, created_at)
       VALUES (@id, @account_id, @owner_account_id, @data, @created_at)`,
    ).run(row);
  }
  update(id: string, ownerAccountId: string | null, data: string) {
    this.q('UPDATE delegation_requests SET owner_account_id = ?, data = ? WHERE id = ?').run(ownerAccountId, data, id);
  }
  /** The request whose stored data contains this exact text (used to find a trade-in token). */
  byDataFragment(fragment: string) {
    return this.q<[string], DelegationRequestRow>('SELECT * FROM delegation_requests WHERE instr(data, ?) > 0 LIMIT 1').get(fragment);
  }
  /** Requests an account made or owns, oldest first. */
  listVisible(accountId: string): DelegationRequestRow[] {
    return this.q<[string, string], DelegationRequestRow>(
      'SELECT * FROM delegation_requests WHERE account_id = ? OR owner_account_id = ? ORDER BY created_at, id',
    ).all(accountId, accountId);
  }
}
