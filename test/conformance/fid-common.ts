// Shared pieces of the errors-* and family-* case files (builders of steps and of AWS error answers).
import type { Step } from './types.js';

/** A recording in localstack/localstack's tests/aws/services/<dir>/<file>.snapshot.json, with the test id and date. */
export const recorded = (file: string, test: string, date: string, dir = 'iam') =>
  `localstack/localstack tests/aws/services/${dir}/${file}.snapshot.json ${test} (recorded ${date})`;

export type Expect = NonNullable<Step['expect']>;

/** An error answer exactly as AWS sends it (Type is always Sender here). */
export const err = (status: number, Code: string, Message: string): Expect => ({ status, error: { Code, Message, Type: 'Sender' } });
export const notFound = (message: string) => err(404, 'NoSuchEntity', message);
export const exists = (message: string) => err(409, 'EntityAlreadyExists', message);
export const conflict = (message: string) => err(409, 'DeleteConflict', message);
export const limit = (message: string) => err(409, 'LimitExceeded', message);
export const invalid = (message: string) => err(400, 'InvalidInput', message);
export const validation = (message: string) => err(400, 'ValidationError', message);

export const noUser = (name: string) => notFound(`The user with name ${name} cannot be found.`);
export const noGroup = (name: string) => notFound(`The group with name ${name} cannot be found.`);
export const noRole = (name: string) => notFound(`The role with name ${name} cannot be found.`);
export const noProfile = (name: string) => notFound(`Instance Profile ${name} cannot be found.`);

export const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
/** The trust policy the recorded STS tests use: anyone in the account may assume (and tag). */
export const ACCOUNT_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::{{account}}:root' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }],
});
export const LIST_USERS_DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }],
});

export const createUser = (name: string): Step => ({ action: 'CreateUser', params: { UserName: name } });
export const createGroup = (name: string): Step => ({ action: 'CreateGroup', params: { GroupName: name } });
export const createRole = (name: string, trust = EC2_TRUST): Step => ({
  action: 'CreateRole',
  params: { RoleName: name, AssumeRolePolicyDocument: trust },
});
export const createPolicy = (name: string, save = 'policyArn'): Step => ({
  action: 'CreatePolicy',
  params: { PolicyName: name, PolicyDocument: LIST_USERS_DOC },
  save: { [save]: 'Policy.Arn' },
});
export const createProfile = (name: string): Step => ({ action: 'CreateInstanceProfile', params: { InstanceProfileName: name } });
