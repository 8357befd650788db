// Service-specific credentials (CodeCommit Git credentials, Keyspaces, Bedrock API keys): the
// secret is shown once, at creation or reset, and only its hash is kept.
import { createHash, randomBytes } from 'node:crypto';
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { ServiceSpecificCredential, ServiceSpecificCredentialMetadata } from '../protocol/generated/iam-types.js';
import { limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { ServiceCredentialRow } from '../store/certificates.js';
import { decodeOffset, encodeOffset, iso } from '../store/rows.js';
import { newUniqueId } from './ids.js';
import { requireUser, userOrCaller } from './users.js';

export const SUPPORTED_SERVICES = ['codecommit.amazonaws.com', 'cassandra.amazonaws.com', 'bedrock.amazonaws.com'];
export const CREDENTIALS_PER_USER_PER_SERVICE = 2;

const isApiKeyService = (service: string) => service === 'bedrock.amazonaws.com';
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

function newSecret(service: string): string {
  return isApiKeyService(service)
    ? 'ABSK' + randomBytes(96).toString('base64')
    : randomBytes(33).toString('base64');
}

function metadata(row: ServiceCredentialRow, userName: string, now: Date): ServiceSpecificCredentialMetadata {
  const expired = row.expires_at !== null && new Date(row.expires_at) <= now;
  return {
    UserName: userName,
    Status: (expired ? 'Expired' : row.status) as ServiceSpecificCredentialMetadata['Status'],
    ServiceUserName: row.service_user_name ?? undefined,
    ServiceCredentialAlias: row.alias ?? undefined,
    CreateDate: new Date(row.created_at),
    ExpirationDate: row.expires_at ? new Date(row.expires_at) : undefined,
    ServiceSpecificCredentialId: row.id,
    ServiceName: row.service_name,
  };
}

function withSecret(row: ServiceCredentialRow, userName: string, secret: string, now: Date): ServiceSpecificCredential {
  const m = metadata(row, userName, now);
  return isApiKeyService(row.service_name)
    ? { ...m, ServiceCredentialSecret: secret }
    : { ...m, ServicePassword: secret };
}

function requireCredential(ctx: RequestContext, id: string, userId: string | undefined): ServiceCredentialRow {
  const row = ctx.store.serviceCredentials.get(ctx.accountId, id);
  if (!row || (userId !== undefined && row.user_id !== userId))
    throw noSuchEntity(`No such credential ${id} exists`);
  return row;
}


export const serviceCredentialHandlers: IamHandlers = {
  CreateServiceSpecificCredential(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    // AWS answers an unknown service with NoSuchEntity, not the modelled NotSupportedService (issue #21;
    // the message is unconfirmed: no public recording of it).
    if (!SUPPORTED_SERVICES.includes(input.ServiceName))
      throw noSuchEntity(`No such service ${input.ServiceName} is supported for Service Specific Credentials`);
    const same = ctx.store.serviceCredentials.listForUser(user.id).filter((r) => r.service_name === input.ServiceName);
    if (same.length >= CREDENTIALS_PER_USER_PER_SERVICE)
      throw limitExceeded(`Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${CREDENTIALS_PER_USER_PER_SERVICE}`);
    const now = ctx.now();
    const secret = newSecret(input.ServiceName);
    const apiKey = isApiKeyService(input.ServiceName);
    const row: ServiceCredentialRow = {
      id: newUniqueId('ACCA'),
      account_id: ctx.accountId,
      user_id: user.id,
      service_name: input.ServiceName,
      service_user_name: apiKey ? null : `${user.name}-at-${ctx.accountId}`,
      alias: apiKey ? `BedrockAPIKey-${randomBytes(2).toString('hex')}-at-${ctx.accountId}` : null,
      secret_hash: hash(secret),
      status: 'Active',
      created_at: iso(now),
      expires_at: input.CredentialAgeDays ? iso(new Date(now.getTime() + input.CredentialAgeDays * 86_400_000)) : null,
    };
    ctx.store.serviceCredentials.insert(row);
    return { ServiceSpecificCredential: withSecret(row, user.name, secret, now) };
  },

  ListServiceSpecificCredentials(ctx, input) {
    let rows: ServiceCredentialRow[];
    if (input.AllUsers) rows = ctx.store.serviceCredentials.listForAccount(ctx.accountId);
    else {
      const user = userOrCaller(ctx, input.UserName);
      rows = user ? ctx.store.serviceCredentials.listForUser(user.id) : [];
    }
    if (input.ServiceName) rows = rows.filter((r) => r.service_name === input.ServiceName);
    const names = new Map<string, string>();
    const nameOf = (userId: string) => {
      if (!names.has(userId)) names.set(userId, ctx.store.users.getById(userId)?.name ?? userId);
      return names.get(userId)!;
    };
    const start = decodeOffset(input.Marker);
    const limit = input.MaxItems ?? 100;
    const page = rows.slice(start, start + limit);
    const truncated = start + limit < rows.length;
    return {
      ServiceSpecificCredentials: page.map((r) => metadata(r, nameOf(r.user_id), ctx.now())),
      IsTruncated: truncated,
      Marker: truncated ? encodeOffset(start + limit) : undefined,
    };
  },

  ResetServiceSpecificCredential(ctx, input) {
    const user = userOrCaller(ctx, input.UserName);
    const row = requireCredential(ctx, input.ServiceSpecificCredentialId, user?.id);
    const secret = newSecret(row.service_name);
    ctx.store.serviceCredentials.setSecret(row.id, hash(secret));
    const owner = ctx.store.users.getById(row.user_id)!;
    return { ServiceSpecificCredential: withSecret(row, owner.name, secret, ctx.now()) };
  },

  UpdateServiceSpecificCredential(ctx, input) {
    const user = userOrCaller(ctx, input.UserName);
    ctx.store.serviceCredentials.setStatus(requireCredential(ctx, input.ServiceSpecificCredentialId, user?.id).id, input.Status);
  },

  DeleteServiceSpecificCredential(ctx, input) {
    const user = userOrCaller(ctx, input.UserName);
    ctx.store.serviceCredentials.delete(requireCredential(ctx, input.ServiceSpecificCredentialId, user?.id).id);
  },
};
