// A counter that moves whenever something a principal's policy set (or a request context) depends
// on is written: users, groups and memberships, roles (name, path, boundary), customer managed
// policies and their versions, attachments, inline policies, tags and instance profiles. The
// enforcement cache (src/resolution/principal-policies.ts) keys on it, so no write can leave a
// stale decision behind.
//
// Mechanism: TEMP triggers on this connection call a JS function that bumps an in-process counter
// (it never goes back, even when the writing transaction rolls back: that only costs a cache miss).
// Writes by another connection to the same file (e.g. `iam-local seed` while the server runs) are
// seen through PRAGMA data_version, which changes when another connection commits.
import type { Db } from './database.js';

const WATCHED: { table: string; updateOf?: string }[] = [
  { table: 'users', updateOf: 'name, path, boundary_arn' },
  { table: 'groups' },
  { table: 'group_members' },
  { table: 'roles', updateOf: 'name, path, boundary_arn, trust_policy' },
  { table: 'policies' },
  { table: 'policy_versions' },
  { table: 'policy_attachments' },
  { table: 'inline_policies' },
  // Not policies, but what requests are decided with: principal and resource tags, and the
  // entities whose paths and tags a request context reads.
  { table: 'tags' },
  { table: 'instance_profiles' },
  { table: 'server_certificates' },
];

export class PolicyGeneration {
  private counter = 0;
  private readonly dataVersion;

  constructor(private readonly db: Db) {
    db.function('iam_local_policy_write', { deterministic: false, directOnly: false }, () => {
      this.counter++;
      return null;
    });
    for (const { table, updateOf } of WATCHED) {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      if (!exists) continue;
      for (const event of ['INSERT', 'DELETE', updateOf ? `UPDATE OF ${updateOf}` : 'UPDATE']) {
        const name = `iam_local_gen_${table}_${event.split(' ')[0]!.toLowerCase()}`;
        db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS ${name} AFTER ${event} ON main.${table} BEGIN SELECT iam_local_policy_write(); END`);
      }
    }
    // An in-memory database has no other connection: the counter alone is enough.
    this.dataVersion = db.memory ? undefined : db.prepare('PRAGMA data_version').pluck();
  }

  /** Changes after every write that can change some principal's policies. */
  current(): string {
    return this.dataVersion ? `${this.dataVersion.get() as number}:${this.counter}` : String(this.counter);
  }
}

const byDb = new WeakMap<Db, PolicyGeneration>();

/** The generation tracker of a database connection (installed on first use). */
export function policyGeneration(db: Db): PolicyGeneration {
  let g = byDb.get(db);
  if (!g) {
    g = new PolicyGeneration(db);
    byDb.set(db, g);
  }
  return g;
}
