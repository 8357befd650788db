// The resource ARN an IAM or STS call is decided against, as AWS's Service Authorization
// Reference names it: the action's resource type (src/authz/generated/actions.ts), filled from the
// request's input and, for entities that exist, their real path.
import type { RequestContext } from '../context.js';
import { ACTIONS } from './generated/actions.js';
import { memo } from '../resolution/principal-policies.js';

type Input = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function withPath(ctx: RequestContext, type: string, name: string, existingPath: string | undefined, input: Input) {
  const path = existingPath ?? str(input.Path) ?? '/';
  return `arn:aws:iam::${ctx.accountId}:${type}${path}${name}`;
}

function userResource(ctx: RequestContext, input: Input): string {
  const name = str(input.UserName) ?? (ctx.principal.type === 'user' ? ctx.principal.name : undefined);
  if (!name) return ctx.principal.type === 'root' ? `arn:aws:iam::${ctx.accountId}:root` : '*';
  return withPath(ctx, 'user', name, memo(ctx.store, `path|user|${ctx.accountId}|${name.toLowerCase()}`, () => ctx.store.users.get(ctx.accountId, name)?.path), input);
}

function resourceOfType(ctx: RequestContext, type: string, input: Input): string {
  const acct = ctx.accountId;
  switch (type) {
    case 'iam:user':
      return userResource(ctx, input);
    case 'iam:group': {
      const name = str(input.GroupName);
      return name ? withPath(ctx, 'group', name, memo(ctx.store, `path|group|${acct}|${name.toLowerCase()}`, () => ctx.store.groups.get(acct, name)?.path), input) : '*';
    }
    case 'iam:role':
    case 'sts:role': {
      const arn = str(input.RoleArn);
      if (arn) return arn;
      const name = str(input.RoleName);
      return name ? withPath(ctx, 'role', name, memo(ctx.store, `path|role|${acct}|${name.toLowerCase()}`, () => ctx.store.roles.get(acct, name)?.path), input) : '*';
    }
    case 'iam:policy': {
      const arn = str(input.PolicyArn);
      if (arn) return arn;
      const name = str(input.PolicyName);
      return name ? withPath(ctx, 'policy', name, undefined, input) : '*';
    }
    case 'iam:instance-profile': {
      const name = str(input.InstanceProfileName);
      return name ? withPath(ctx, 'instance-profile', name, undefined, input) : '*';
    }
    case 'iam:mfa': {
      const serial = str(input.SerialNumber);
      if (serial) return serial;
      const name = str(input.VirtualMFADeviceName);
      return name ? withPath(ctx, 'mfa', name, undefined, input) : '*';
    }
    case 'iam:oidc-provider': {
      const arn = str(input.OpenIDConnectProviderArn);
      if (arn) return arn;
      const url = str(input.Url);
      return url ? `arn:aws:iam::${acct}:oidc-provider/${url.replace(/^https:\/\//, '')}` : '*';
    }
    case 'iam:saml-provider': {
      const arn = str(input.SAMLProviderArn);
      if (arn) return arn;
      const name = str(input.Name);
      return name ? `arn:aws:iam::${acct}:saml-provider/${name}` : '*';
    }
    case 'iam:server-certificate': {
      const name = str(input.ServerCertificateName);
      return name ? withPath(ctx, 'server-certificate', name, undefined, input) : '*';
    }
    case 'iam:access-report': {
      const path = str(input.EntityPath);
      return path ? `arn:aws:iam::${acct}:access-report/${path}` : '*';
    }
    case 'iam:delegation-request': {
      // GetHumanReadableSummary names the request by its ARN.
      const arn = str(input.EntityArn);
      if (arn) return arn;
      const id = str(input.DelegationRequestId);
      return id ? `arn:aws:iam::${acct}:delegation-request/${id}` : '*';
    }
    case 'sts:federated-user': {
      const name = str(input.Name);
      return name ? `arn:aws:sts::${acct}:federated-user/${name}` : '*';
    }
    case 'sts:root-user': {
      const target = str(input.TargetPrincipal);
      return target ? `arn:aws:iam::${target}:root` : '*';
    }
    default:
      return '*';
  }
}

// The List* actions that take no resource are decided (and named in AccessDenied) by the path they
// list, as AWS does: "… iam:ListUsers on resource: arn:aws:iam::123456789012:user/",
// "… iam:ListPolicies on resource: policy path /".
const LIST_RESOURCES: Record<string, (account: string, pathPrefix: string) => string> = {
  'iam:ListUsers': (a, p) => `arn:aws:iam::${a}:user${p}`,
  'iam:ListRoles': (a, p) => `arn:aws:iam::${a}:role${p}`,
  'iam:ListGroups': (a, p) => `arn:aws:iam::${a}:group${p}`,
  'iam:ListInstanceProfiles': (a, p) => `arn:aws:iam::${a}:instance-profile${p}`,
  'iam:ListPolicies': (_a, p) => `policy path ${p}`,
};

/** The resource ARN for `service:Action` with this input ("*" for actions that take none). */
export function requestResource(ctx: RequestContext, action: string, input: Input): string {
  // The Policy Simulator and context-key operations are decided against the entity they read.
  const source = str(input.PolicySourceArn);
  if (source) return source;
  const listed = LIST_RESOURCES[action];
  if (listed) return listed(ctx.accountId, str(input.PathPrefix) ?? '/');
  const facts = ACTIONS[action];
  if (!facts?.resourceType) return '*';
  const [service] = action.split(':');
  return resourceOfType(ctx, `${service}:${facts.resourceType}`, input);
}
