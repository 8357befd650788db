// Who a request is: the result of authentication, read by handlers and by the policy engine.
export type PrincipalType = 'root' | 'user' | 'assumed-role' | 'federated-user';

/** What a temporary-credential session carries into later decisions (STS fills it). */
export interface SessionInfo {
  issuedAt: Date;
  expiresAt: Date;
  mfaPresent: boolean;
  mfaAuthenticatedAt?: Date;
  sessionPolicies: string[];
  sessionPolicyArns: string[];
  tags: { Key: string; Value: string }[];
  transitiveTagKeys: string[];
  sourceIdentity?: string;
  /** 'AssumeRole' | 'GetSessionToken' | … : how the session was made. */
  issuedBy: string;
  /** The server clock's epoch at issue (src/clock.ts): a move back of the clock never revives it. */
  clockEpoch?: number;
  /** Extra request-context keys fixed at issue time (web identity claims, SAML attributes, …). */
  context?: Record<string, string | string[]>;
}

export interface Principal {
  type: PrincipalType;
  accountId: string;
  /** arn:aws:iam::ACCOUNT:root | …:user/PATH/NAME | arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION | …:federated-user/NAME */
  arn: string;
  /** aws:userid — account id for root, AIDA… for users, AROA…:session for roles, ACCOUNT:name for federated users */
  userId: string;
  /** The user's name, the role's name, or the federated user's name. */
  name?: string;
  /** The IAM entity's unique id (user id or role id). */
  entityId?: string;
  /** The role's ARN (with path) for assumed roles. */
  roleArn?: string;
  sessionName?: string;
  accessKeyId: string;
  session?: SessionInfo;
}

export const rootPrincipal = (accountId: string, accessKeyId: string): Principal => ({
  type: 'root',
  accountId,
  arn: `arn:aws:iam::${accountId}:root`,
  userId: accountId,
  accessKeyId,
});
