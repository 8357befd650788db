// Temporary credentials: an ASIA… key id (carrying its account id, as AWS's do), a 40-character
// secret and an opaque session token, stored with the Principal they act as (src/principal.ts)
// so that authentication can hand every later request the same principal, session facts and expiry.
import { randomBytes } from 'node:crypto';
import type { Services } from '../context.js';
import type { Principal, SessionInfo } from '../principal.js';
import { newAccessKeyId, newSecretAccessKey } from '../auth/access-key-id.js';
import type { Credentials } from '../protocol/generated/sts-types.js';
import { noSuchEntity } from '../protocol/errors.js';
import { iamArn } from '../arn.js';

export type { Credentials };

export interface SessionOptions {
  /** The principal the credentials will act as (accessKeyId and session are filled in here). */
  principal: Omit<Principal, 'accessKeyId' | 'session'>;
  /** Session facts other than issue/expiry time. */
  session: Omit<SessionInfo, 'issuedAt' | 'expiresAt'>;
  durationSeconds: number;
  /** Issue time (the request's ctx.now()); defaults to the server clock. */
  now?: Date;
}

export interface IssuedSession {
  credentials: Credentials;
  principal: Principal;
}

// AWS session tokens are long opaque base64 strings (several hundred characters). Ours carry no
// meaning: authentication compares them with the stored one, so a tampered token never matches.
const TOKEN_PREFIX = 'IQoJb3JpZ2luX2VjE';
export const newSessionToken = () => TOKEN_PREFIX + randomBytes(360).toString('base64');

/** Creates and stores a session; returns the credentials as STS answers them. */
export function issueSession(services: Services, opts: SessionOptions): IssuedSession {
  const issuedAt = opts.now ?? services.clock.now();
  // Expiration is whole seconds, as AWS's is.
  const expiresAt = new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + opts.durationSeconds * 1000);
  const accessKeyId = newAccessKeyId('ASIA', opts.principal.accountId);
  const principal: Principal = {
    ...opts.principal,
    accessKeyId,
    session: { ...opts.session, issuedAt, expiresAt, clockEpoch: services.clock.epoch },
  };
  const secret = newSecretAccessKey();
  const sessionToken = newSessionToken();
  services.store.credentials.sessions.insert({
    accessKeyId,
    accountId: principal.accountId,
    secret,
    sessionToken,
    principal,
    expiresAt,
    createdAt: issuedAt,
  });
  return {
    credentials: { AccessKeyId: accessKeyId, SecretAccessKey: secret, SessionToken: sessionToken, Expiration: expiresAt },
    principal,
  };
}

/** The empty session facts a fresh (non-chained) session starts from. */
export const baseSession = (issuedBy: string): Omit<SessionInfo, 'issuedAt' | 'expiresAt'> => ({
  mfaPresent: false,
  sessionPolicies: [],
  sessionPolicyArns: [],
  tags: [],
  transitiveTagKeys: [],
  issuedBy,
});

export const assumedRoleArn = (accountId: string, roleName: string, sessionName: string) =>
  `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;

export interface RoleCredentials extends Credentials {
  /** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION */
  AssumedRoleArn: string;
  AssumedRoleId: string;
  RoleArn: string;
}

/**
 * Credentials for a role assumed by an AWS service on the caller's behalf (EC2 instance profile,
 * ECS task role): no calling principal, so no trust-policy check (the service is trusted by the
 * role's configuration), default duration one hour. Throws NoSuchEntity when the role is gone.
 */
export function issueRoleCredentials(
  services: Services,
  accountId: string,
  roleName: string,
  sessionName: string,
  durationSeconds = 3600,
): RoleCredentials {
  const role = services.store.roles.get(accountId, roleName);
  if (!role) throw noSuchEntity(`The role with name ${roleName} cannot be found.`);
  const now = services.clock.now();
  const roleArn = iamArn(accountId, 'role', role.path, role.name);
  const arn = assumedRoleArn(accountId, role.name, sessionName);
  const { credentials } = issueSession(services, {
    principal: {
      type: 'assumed-role',
      accountId,
      arn,
      userId: `${role.id}:${sessionName}`,
      name: role.name,
      entityId: role.id,
      roleArn,
      sessionName,
    },
    session: baseSession('AssumeRole'),
    durationSeconds: Math.min(durationSeconds, role.max_session_duration),
    now,
  });
  services.store.roles.setLastUsed(role.id, now.toISOString(), services.config.region);
  return { ...credentials, AssumedRoleArn: arn, AssumedRoleId: `${role.id}:${sessionName}`, RoleArn: roleArn };
}
