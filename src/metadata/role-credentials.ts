// The credentials a simulated instance or task hands out: real STS session credentials for its
// role (session name = instance id or task id), kept and handed out again until five minutes
// before they expire by the server clock, then replaced — as EC2 and ECS rotate theirs.
import type { Services } from '../context.js';
import type { RoleRow } from '../store/roles.js';
import { issueRoleCredentials, type RoleCredentials } from '../sts/credentials.js';

/** EC2 makes new credentials available at least five minutes before the old ones expire. */
export const RENEW_BEFORE_SECONDS = 5 * 60;
/** Asked for; issueRoleCredentials caps it at the role's MaxSessionDuration. */
export const REQUESTED_DURATION_SECONDS = 6 * 3600;

export interface Issued {
  credentials: RoleCredentials;
  lastUpdated: Date;
}

export class RoleCredentialCache {
  private current: (Issued & { roleId: string; epoch: number }) | undefined;

  constructor(private readonly services: Services) {}

  get(accountId: string, role: RoleRow, sessionName: string): Issued {
    const { clock, store } = this.services;
    const c = this.current;
    // Renewal time counts as passed once the clock has shown it, even if it was moved back since
    // (src/clock.ts): the session would be refused as expired.
    const fresh =
      c &&
      c.roleId === role.id &&
      !clock.hasEnded(c.credentials.Expiration.getTime() - RENEW_BEFORE_SECONDS * 1000, c.epoch) &&
      this.sessionStillStored(c.credentials.AccessKeyId);
    if (fresh) return c;
    const credentials = store.tx(() =>
      issueRoleCredentials(this.services, accountId, role.name, sessionName, REQUESTED_DURATION_SECONDS),
    );
    this.current = { credentials, lastUpdated: clock.now(), roleId: role.id, epoch: clock.epoch };
    this.verifiedAt = performance.now();
    return this.current;
  }

  // After /_iam/reset (or a state import) the session is gone and must be issued anew. Looking
  // it up costs more than the rest of a credentials request, so it is done at most once a second.
  private verifiedAt = 0;
  private sessionStillStored(accessKeyId: string): boolean {
    const t = performance.now();
    if (t - this.verifiedAt < 1000) return true;
    if (this.services.store.credentials.sessions.get(accessKeyId) === undefined) return false;
    this.verifiedAt = t;
    return true;
  }

  /** The time of the last issue, if any (iam/info's LastUpdated). */
  get lastUpdated(): Date | undefined {
    return this.current?.lastUpdated;
  }
}
