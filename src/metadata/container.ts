// Container credentials, as the ECS agent serves them at 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
// (or at AWS_CONTAINER_CREDENTIALS_FULL_URI) and as the EKS Pod Identity agent serves them at
// 169.254.170.23/v1/credentials. A task is a role plus an optional authorization token: when it has
// one, the Authorization header must carry it exactly, as SDKs send it from
// AWS_CONTAINER_AUTHORIZATION_TOKEN or the file named by AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Services } from '../context.js';
import { AddressSet, isValidBinding } from './addresses.js';
import { header, type MetaRequest, type MetaResponse } from './http.js';
import { imdsTime } from './html.js';
import { RoleCredentialCache } from './role-credentials.js';
import { ECS_TASKS_SERVICE, EKS_PODS_SERVICE, serviceMayAssume } from './service-trust.js';
import { iamArn } from '../arn.js';

export const ECS_PATH_PREFIX = '/v2/credentials/';
export const EKS_PATH = '/v1/credentials';

export class TaskOptionsError extends Error {}

export class ContainerTask {
  readonly taskId: string;
  readonly accountId: string;
  readonly roleName: string;
  readonly authorizationToken: string | undefined;
  readonly clientAddresses: AddressSet;
  readonly createdAt: Date;
  readonly credentials: RoleCredentialCache;

  constructor(services: Services, body: unknown) {
    if (typeof body !== 'object' || body === null) throw new TaskOptionsError('Give a JSON object.');
    const o = body as Record<string, unknown>;
    if (typeof o.roleName !== 'string' || !/^[\w+=,.@-]{1,64}$/.test(o.roleName))
      throw new TaskOptionsError('roleName is required.');
    this.roleName = o.roleName;
    if (o.accountId !== undefined && (typeof o.accountId !== 'string' || !/^\d{12}$/.test(o.accountId)))
      throw new TaskOptionsError('accountId must be 12 digits.');
    this.accountId = (o.accountId as string | undefined) ?? services.config.accountId;
    if (o.taskId !== undefined && (typeof o.taskId !== 'string' || !/^[A-Za-z0-9_.-]{1,128}$/.test(o.taskId)))
      throw new TaskOptionsError('taskId may hold letters, digits, "_", "." and "-" only.');
    this.taskId = (o.taskId as string | undefined) ?? randomUUID();
    // A token unless told otherwise: given as a string, or none with null/false.
    const tok = o.authorizationToken;
    if (tok === null || tok === false) this.authorizationToken = undefined;
    else if (tok === undefined) this.authorizationToken = randomBytes(24).toString('base64url');
    else if (typeof tok === 'string' && tok.length > 0 && !/[\r\n]/.test(tok)) this.authorizationToken = tok;
    else throw new TaskOptionsError('authorizationToken must be a non-empty string on one line, or null for none.');
    const addrs = o.clientAddresses ?? [];
    if (!Array.isArray(addrs) || addrs.some((e) => typeof e !== 'string' || !isValidBinding(e)))
      throw new TaskOptionsError('clientAddresses must be a list of IP addresses, CIDR blocks or host names.');
    this.clientAddresses = new AddressSet(addrs as string[]);
    this.createdAt = services.clock.now();
    this.credentials = new RoleCredentialCache(services);
  }

  relativeUri() {
    return ECS_PATH_PREFIX + this.taskId;
  }

  describe(baseUrl: string) {
    return {
      taskId: this.taskId,
      roleName: this.roleName,
      accountId: this.accountId,
      credentialsUri: baseUrl + this.relativeUri(),
      relativeUri: this.relativeUri(),
      eksCredentialsUri: baseUrl + EKS_PATH,
      authorizationToken: this.authorizationToken ?? null,
      clientAddresses: this.clientAddresses.entries,
      createdAt: this.createdAt.toISOString(),
    };
  }

  authorizes(req: MetaRequest): boolean {
    if (this.authorizationToken === undefined) return true;
    const got = header(req, 'authorization');
    if (got === undefined) return false;
    const a = Buffer.from(got);
    const b = Buffer.from(this.authorizationToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

const json = (status: number, obj: unknown): MetaResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(obj),
});

/** The credentials of a task, in the ECS shape or the EKS Pod Identity shape. */
export function taskCredentials(services: Services, task: ContainerTask, shape: 'ecs' | 'eks', req: MetaRequest): MetaResponse {
  if (!task.authorizes(req))
    return json(401, { Code: 'AccessDenied', Message: 'The Authorization header does not carry this task\'s token.' });
  const role = services.store.roles.get(task.accountId, task.roleName);
  if (!role)
    return json(404, { Code: 'NoSuchEntity', Message: `The role with name ${task.roleName} cannot be found.` });
  if (!serviceMayAssume(role, shape === 'ecs' ? ECS_TASKS_SERVICE : EKS_PODS_SERVICE, services.clock.now()))
    return json(403, { Code: 'AccessDenied', Message: cannotAssume(shape, iamArn(role.account_id, 'role', role.path, role.name)) });
  const { credentials: c } = task.credentials.get(task.accountId, role, task.taskId);
  if (shape === 'eks')
    return json(200, {
      AccessKeyId: c.AccessKeyId,
      SecretAccessKey: c.SecretAccessKey,
      Token: c.SessionToken,
      AccountId: task.accountId,
      Expiration: imdsTime(c.Expiration),
    });
  return json(200, {
    RoleArn: c.RoleArn,
    AccessKeyId: c.AccessKeyId,
    SecretAccessKey: c.SecretAccessKey,
    Token: c.SessionToken,
    Expiration: imdsTime(c.Expiration),
  });
}

/** What ECS answers RunTask when the task role does not trust ecs-tasks.amazonaws.com. */
export function cannotAssume(shape: 'ecs' | 'eks', roleArn: string): string {
  return shape === 'ecs'
    ? `ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`
    : `EKS Pod Identity was unable to assume the role '${roleArn}': its trust policy must allow ${EKS_PODS_SERVICE} sts:AssumeRole and sts:TagSession.`;
}

export const unknownTask = (): MetaResponse =>
  json(400, { code: 'InvalidIdInRequest', message: 'CredentialsV2Request: Credentials not found' });
