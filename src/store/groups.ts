// Groups and their memberships.
import { Repo } from './repo.js';
import { decodeMarker, toPage, type Page } from './rows.js';
import type { UserRow } from './users.js';

export interface GroupRow {
  id: string;
  account_id: string;
  name: string;
  path: string;
  created_at: string;
}

export class GroupRepo extends Repo {
  get(accountId: string, name: string): GroupRow | undefined {
    return this.q<[string, string], GroupRow>('SELECT * FROM groups WHERE account_id = ? AND name = ?').get(accountId, name);
  }

  getById(id: string): GroupRow | undefined {
    return this.q<[string], GroupRow>('SELECT * FROM groups WHERE id = ?').get(id);
  }

  insert(row: GroupRow) {
    this.q('INSERT INTO groups (id, account_id, name, path, created_at) VALUES (@id, @account_id, @name, @path, @created_at)').run(row);
  }

  rename(id: string, name: string, path: string) {
    this.q('UPDATE groups SET name = ?, path = ? WHERE id = ?').run(name, path, id);
  }

  delete(id: string) {
    this.q('DELETE FROM group_members WHERE group_id = ?').run(id);
    this.q('DELETE FROM groups WHERE id = ?').run(id);
  }

  list(accountId: string, pathPrefix: string, marker: string | undefined, limit: number): Page<GroupRow> {
    return this.pageByPath('groups', accountId, pathPrefix, marker, limit);
  }

  count(accountId: string): number {
    return this.countIn('groups', accountId);
  }

  /** Adds a member; returns false when the user already was one. */
  addMember(groupId: string, userId: string, at: string): boolean {
    return this.q('INSERT OR IGNORE INTO group_members (group_id, user_id, added_at) VALUES (?, ?, ?)').run(groupId, userId, at).changes > 0;
  }

  /** Removes a member; returns false when the user was not one. */
  removeMember(groupId: string, userId: string): boolean {
    return this.q('DELETE FROM group_members WHERE group_id = ? AND user_id = ?').run(groupId, userId).changes > 0;
  }

  isMember(groupId: string, userId: string): boolean {
    return !!this.q<[string, string], { x: number }>('SELECT 1 AS x FROM group_members WHERE group_id = ? AND user_id = ?').get(groupId, userId);
  }

  /** A page of a group's members, ordered by user name: taken from the (group_id, user_name) index
   *  (migrations/011_list_indexes.sql), then only the page's users read. */
  members(groupId: string, marker: string | undefined, limit: number): Page<UserRow> {
    const rows = this.q<{}, UserRow>(
      `SELECT u.* FROM (
         SELECT user_id, user_name FROM group_members WHERE group_id = @groupId AND user_name > @after
          ORDER BY user_name LIMIT @limit) m
       JOIN users u ON u.id = m.user_id ORDER BY m.user_name`,
    ).all({ groupId, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    return toPage(rows, limit, (r) => r.name);
  }

  memberCount(groupId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM group_members WHERE group_id = ?').get(groupId)!.n;
  }

  /** Every group a user belongs to, ordered by name (the policy engine reads this). */
  listForUser(userId: string): GroupRow[] {
    return this.q<[string], GroupRow>(
      'SELECT g.* FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ? ORDER BY g.name COLLATE NOCASE',
    ).all(userId);
  }

  pageForUser(userId: string, marker: string | undefined, limit: number): Page<GroupRow> {
    const rows = this.q<{}, GroupRow>(
      `SELECT g.* FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.user_id = @userId
         AND g.name > @after COLLATE NOCASE ORDER BY g.name COLLATE NOCASE LIMIT @limit`,
    ).all({ userId, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    return toPage(rows, limit, (r) => r.name);
  }

  countForUser(userId: string): number {
    return this.q<[string], { n: number }>('SELECT count(*) AS n FROM group_members WHERE user_id = ?').get(userId)!.n;
  }
}
