// The whole store as one JSON document, and back. Generic over sqlite_master, so a table added by a
// later migration is exported and imported without touching this file.
//
// Import replaces everything in one transaction. A document from an older schema is first loaded
// into a scratch in-memory database at its own schema version and brought up to date there by the
// same migrations a file store goes through, so no migration logic is duplicated here.
import { migrate, readMigrations, sqlite, type Db } from './database.js';
import { tablesReplaced } from './accounts.js';

export const STATE_FORMAT = 'iam-local-state';

export type StateValue = string | number | null | { $base64: string };

export interface StateDocument {
  format: typeof STATE_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  tables: Record<string, Record<string, StateValue>[]>;
}

export class StateImportError extends Error {}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestSchemaVersion(): number {
  const all = readMigrations();
  return all.length ? all[all.length - 1]!.version : 0;
}

function tableNames(db: Db): string[] {
  return (
    db
      // entity_counts is derived (kept by triggers from the other tables' rows): never exported,
      // and rebuilt by the triggers as an import inserts the rows.
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'entity_counts' ORDER BY name")
      .all() as { name: string }[]
  ).map((r) => r.name);
}

function columnNames(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
}

const encodeValue = (v: unknown): StateValue => {
  if (Buffer.isBuffer(v)) return { $base64: v.toString('base64') };
  if (typeof v === 'bigint') return Number(v);
  return v as StateValue;
};

const decodeValue = (v: StateValue): unknown =>
  v !== null && typeof v === 'object' && typeof v.$base64 === 'string' ? Buffer.from(v.$base64, 'base64') : v;

export function exportState(db: Db, exportedAt = new Date()): StateDocument {
  const tables: StateDocument['tables'] = {};
  db.transaction(() => {
    for (const t of tableNames(db)) {
      const rows = db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[];
      tables[t] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, encodeValue(v)])));
    }
  })();
  return { format: STATE_FORMAT, schemaVersion: schemaVersion(db), exportedAt: exportedAt.toISOString(), tables };
}

/** Checks the document's shape; throws StateImportError with a message naming what is wrong. */
export function checkStateDocument(doc: unknown): StateDocument {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new StateImportError('State must be a JSON object.');
  const d = doc as Record<string, unknown>;
  if (d.format !== STATE_FORMAT) throw new StateImportError(`State "format" must be "${STATE_FORMAT}".`);
  if (typeof d.schemaVersion !== 'number' || !Number.isInteger(d.schemaVersion) || d.schemaVersion < 0)
    throw new StateImportError('State "schemaVersion" must be a non-negative integer.');
  if (typeof d.tables !== 'object' || d.tables === null || Array.isArray(d.tables))
    throw new StateImportError('State "tables" must be an object of table name → rows.');
  for (const [name, rows] of Object.entries(d.tables as Record<string, unknown>)) {
    if (!Array.isArray(rows)) throw new StateImportError(`State table "${name}" must be an array of rows.`);
    rows.forEach((r, i) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r))
        throw new StateImportError(`State table "${name}" row ${i} must be an object.`);
    });
  }
  return doc as StateDocument;
}

/** Tables whose rows copy their entity's name when inserted (migrations/011_list_indexes.sql):
 *  loaded after the others, so the entity is there to copy it from. */
const COPIES_NAMES = new Set(['policy_attachments', 'group_members']);

/** Replaces every row of every table with the document's, in one transaction. */
function loadRows(db: Db, doc: StateDocument) {
  const present = new Set(tableNames(db));
  for (const name of Object.keys(doc.tables))
    if (!present.has(name)) throw new StateImportError(`State table "${name}" does not exist at schema version ${schemaVersion(db)}.`);
  // Rows are inserted in table-name order, not dependency order: the foreign keys are checked once,
  // at commit, when every table is complete (a violation fails the commit and nothing changes).
  const replaceAll = db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    for (const t of present) db.exec(`DELETE FROM "${t}"`);
    for (const [name, rows] of Object.entries(doc.tables).sort(([a], [b]) => Number(COPIES_NAMES.has(a)) - Number(COPIES_NAMES.has(b)))) {
      const cols = new Set(columnNames(db, name));
      for (const [i, row] of rows.entries()) {
        const keys = Object.keys(row);
        for (const k of keys)
          if (!cols.has(k)) throw new StateImportError(`State table "${name}" row ${i} has unknown column "${k}".`);
        if (!keys.length) continue;
        const sql = `INSERT INTO "${name}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
        try {
          db.prepare(sql).run(...keys.map((k) => decodeValue(row[k]!)));
        } catch (e) {
          throw new StateImportError(`State table "${name}" row ${i}: ${(e as Error).message}`);
        }
      }
    }
  });
  try {
    replaceAll.immediate();
    tablesReplaced(db);
  } catch (e) {
    if (e instanceof StateImportError) throw e;
    throw new StateImportError(`State could not be imported: ${(e as Error).message}`);
  }
}

/**
 * Replaces the whole store with the document. Refuses a document from a newer schema than this
 * store's; a document from an older schema is migrated up first.
 */
export function importState(db: Db, input: unknown): { schemaVersion: number; rows: number } {
  let doc = checkStateDocument(input);
  const current = schemaVersion(db);
  if (doc.schemaVersion > current)
    throw new StateImportError(
      `State schema version ${doc.schemaVersion} is newer than this server's (${current}); upgrade iam-local to import it.`,
    );
  if (doc.schemaVersion < current) {
    const scratch = sqlite(':memory:');
    try {
      scratch.pragma('foreign_keys = ON');
      const all = readMigrations();
      migrate(scratch, all.filter((m) => m.version <= doc.schemaVersion));
      loadRows(scratch, doc);
      migrate(scratch, all);
      doc = exportState(scratch);
    } finally {
      scratch.close();
    }
  }
  loadRows(db, doc);
  const rows = Object.values(doc.tables).reduce((n, r) => n + r.length, 0);
  return { schemaVersion: current, rows };
}
