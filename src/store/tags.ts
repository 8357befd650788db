// Tags of any taggable resource, kept in the order they were first added.
import { Repo } from './repo.js';

export interface Tag {
  Key: string;
  Value: string;
}

/** Resource types whose tag keys are case-sensitive (managed policies); all others fold case. */
export const caseSensitive = (resourceType: string) => resourceType === 'policy';

export class TagRepo extends Repo {
  list(resourceType: string, resourceId: string): Tag[] {
    return this.q<[string, string], Tag>(
      'SELECT key AS Key, value AS Value FROM tags WHERE resource_type = ? AND resource_id = ? ORDER BY position',
    ).all(resourceType, resourceId);
  }

  count(resourceType: string, resourceId: string): number {
    return this.q<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM tags WHERE resource_type = ? AND resource_id = ?',
    ).get(resourceType, resourceId)!.n;
  }

  /**
   * Adds or overwrites tags. On most resources a key differing only in case overwrites (IAM folds case);
   * on managed policies ('policy') keys are case-sensitive, so `a` and `A` are two tags.
   */
  put(accountId: string, resourceType: string, resourceId: string, tags: Tag[]) {
    const next = this.q<[string, string], { p: number | null }>(
      'SELECT max(position) AS p FROM tags WHERE resource_type = ? AND resource_id = ?',
    );
    const same = this.q<[string, string, string], { key: string }>(
      `SELECT key FROM tags WHERE resource_type = ? AND resource_id = ? AND key = ? ${caseSensitive(resourceType) ? '' : 'COLLATE NOCASE'}`,
    );
    const update = this.q('UPDATE tags SET key = ?, value = ? WHERE resource_type = ? AND resource_id = ? AND key = ?');
    const insert = this.q(
      'INSERT INTO tags (account_id, resource_type, resource_id, key, value, position) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const t of tags) {
      const old = same.get(resourceType, resourceId, t.Key);
      if (old) update.run(t.Key, t.Value, resourceType, resourceId, old.key);
      else insert.run(accountId, resourceType, resourceId, t.Key, t.Value, (next.get(resourceType, resourceId)?.p ?? 0) + 1);
    }
  }

  remove(resourceType: string, resourceId: string, keys: string[]) {
    const del = this.q(
      `DELETE FROM tags WHERE resource_type = ? AND resource_id = ? AND key = ? ${caseSensitive(resourceType) ? '' : 'COLLATE NOCASE'}`,
    );
    for (const k of keys) del.run(resourceType, resourceId, k);
  }

  removeAll(resourceType: string, resourceId: string) {
    this.q('DELETE FROM tags WHERE resource_type = ? AND resource_id = ?').run(resourceType, resourceId);
  }
}
