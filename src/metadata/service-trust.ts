// Whether an AWS service may assume a role: the role's trust policy must allow the service
// principal (ec2.amazonaws.com, ecs-tasks.amazonaws.com, pods.eks.amazonaws.com) every action the
// service performs. EC2 and ECS never skip this check; a trust policy that names the wrong
// service is one of the classic reasons an instance or a task gets no credentials.
import type { RoleRow } from '../store/roles.js';
import { evaluate } from '../policy/evaluate.js';
import { parsePolicyCached } from '../policy/parse.js';
import { iamArn } from '../arn.js';
import { own } from '../own.js';

export const EC2_SERVICE = 'ec2.amazonaws.com';
export const ECS_TASKS_SERVICE = 'ecs-tasks.amazonaws.com';
export const EKS_PODS_SERVICE = 'pods.eks.amazonaws.com';

/** The actions each service performs on the role: EKS Pod Identity also tags its sessions. */
export const SERVICE_ACTIONS: Record<string, string[]> = {
  [EC2_SERVICE]: ['sts:AssumeRole'],
  [ECS_TASKS_SERVICE]: ['sts:AssumeRole'],
  [EKS_PODS_SERVICE]: ['sts:AssumeRole', 'sts:TagSession'],
};

export function serviceMayAssume(role: RoleRow, service: string, now: Date, extraContext: Record<string, string> = {}): boolean {
  let parsed;
  try {
    parsed = parsePolicyCached(role.trust_policy);
  } catch {
    return false;
  }
  const roleArn = iamArn(role.account_id, 'role', role.path, role.name);
  const context = {
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:SourceAccount': role.account_id,
    ...extraContext,
  };
  return (own(SERVICE_ACTIONS, service) ?? ['sts:AssumeRole']).every((action) => {
    const result = evaluate(
      {
        principal: { type: 'Service', arn: service, accountId: role.account_id },
        action,
        resource: roleArn,
        resourceAccount: role.account_id,
        context,
      },
      { identity: [], resource: { id: 'AssumeRolePolicyDocument', sourceType: 'resource', parsed }, resourceRequired: true },
    );
    return result.layers.resource?.decision === 'allowed';
  });
}
