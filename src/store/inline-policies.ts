// Inline policies embedded in a user, group or role, keyed by the entity's unique id.
import { Repo } from './repo.js';
import { decodeMarker, toPage, type Page } from './rows.js';

export type InlineEntityType = 'user' | 'group' | 'role';

export interface InlinePolicy {
  name: string;
  /** The document exactly as it was sent. */
  document: string;
}

export class InlinePolicyRepo extends Repo {
  get(entityType: InlineEntityType, entityId: string, name: string): InlinePolicy | undefined {
    return this.q<[string, string, string], InlinePolicy>(
      'SELECT name, document FROM inline_policies WHERE entity_type = ? AND entity_id = ? AND name = ?',
    ).get(entityType, entityId, name);
  }

  /** Adds the policy or replaces the document of the one with that name. */
  put(accountId: string, entityType: InlineEntityType, entityId: string, name: string, document: string) {
    this.q(
      `INSERT INTO inline_policies (account_id, entity_type, entity_id, name, document) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity_type, entity_id, name) DO UPDATE SET document = excluded.document`,
    ).run(accountId, entityType, entityId, name, document);
  }

  /** Returns false when there was no such policy. */
  delete(entityType: InlineEntityType, entityId: string, name: string): boolean {
    return this.q('DELETE FROM inline_policies WHERE entity_type = ? AND entity_id = ? AND name = ?').run(entityType, entityId, name).changes > 0;
  }

  /** Every inline policy of an entity, ordered by name (the policy engine reads this). */
  list(entityType: InlineEntityType, entityId: string): InlinePolicy[] {
    return this.q<[string, string], InlinePolicy>(
      'SELECT name, document FROM inline_policies WHERE entity_type = ? AND entity_id = ? ORDER BY name',
    ).all(entityType, entityId);
  }

  names(entityType: InlineEntityType, entityId: string, marker: string | undefined, limit: number): Page<string> {
    const rows = this.q<{}, { name: string }>(
      `SELECT name FROM inline_policies WHERE entity_type = @entityType AND entity_id = @entityId AND name > @after
         ORDER BY name LIMIT @limit`,
    ).all({ entityType, entityId, after: decodeMarker(marker) ?? '', limit: limit + 1 });
    const page = toPage(rows, limit, (r) => r.name);
    return { ...page, items: page.items.map((r) => r.name) };
  }

  count(entityType: InlineEntityType, entityId: string): number {
    return this.q<[string, string], { n: number }>(
      'SELECT count(*) AS n FROM inline_policies WHERE entity_type = ? AND entity_id = ?',
    ).get(entityType, entityId)!.n;
  }

  removeAll(entityType: InlineEntityType, entityId: string) {
    this.q('DELETE FROM inline_policies WHERE entity_type = ? AND entity_id = ?').run(entityType, entityId);
  }
}
