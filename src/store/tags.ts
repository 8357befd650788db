// Tags of any taggable resource, kept in the order they were first added.
import { Repo } from './repo.js';

export interface Tag {
  Key: string;
  Value: string;
}

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

  /** Adds or overwrites tags (a key differing only in case overwrites, as IAM does). */
  put(accountId: string, resourceType: string, resourceId: string, tags: Tag[]) {
    const next = this.q<[string, string], { p: number | null }>(
      'SELECT max(position) AS p FROM tags WHERE resource_type = ? AND resource_id = ?',
    );
    const upsert = this.q(
      `INSERT INTO tags (account_id, resource_type, resource_id, key, value, position) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (resource_type, resource_id, key) DO UPDATE SET value = excluded.value, key = excluded.key`,
    );
    for (const t of tags) {
      const p = (next.get(resourceType, resourceId)?.p ?? 0) + 1;
      upsert.run(accountId, resourceType, resourceId, t.Key, t.Value, p);
    }
  }

  remove(resourceType: string, resourceId: string, keys: string[]) {
    const del = this.q('DELETE FROM tags WHERE resource_type = ? AND resource_id = ? AND key = ?');
    for (const k of keys) del.run(resourceType, resourceId, k);
  }

  removeAll(resourceType: string, resourceId: string) {
    this.q('DELETE FROM tags WHERE resource_type = ? AND resource_id = ?').run(resourceType, resourceId);
  }
}
