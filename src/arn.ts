// ARNs of IAM and STS resources.
export type IamResourceType =
  | 'user'
  | 'group'
  | 'role'
  | 'policy'
  | 'instance-profile'
  | 'mfa'
  | 'server-certificate'
  | 'oidc-provider'
  | 'saml-provider';

export const iamArn = (accountId: string, type: IamResourceType, path: string, name: string) =>
  `arn:aws:iam::${accountId}:${type}${path}${name}`;

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    account: parts[4]!,
    resource: parts.slice(5).join(':'),
  };
}
