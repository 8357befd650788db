// Delegation requests and their lifecycle, as AWS documents it:
//   UNASSIGNED → ASSIGNED (AssociateDelegationRequest, by the owner account)
//   ASSIGNED → PENDING_APPROVAL (UpdateDelegationRequest: forwarded with notes to an approver)
//   ASSIGNED | PENDING_APPROVAL → ACCEPTED (AcceptDelegationRequest)
//   ASSIGNED | PENDING_APPROVAL | ACCEPTED → REJECTED (RejectDelegationRequest)
//   ACCEPTED → FINALIZED (SendDelegationToken; cannot be rolled back)
//   any state but FINALIZED/REJECTED → EXPIRED once ExpirationTime passes (by the server clock).
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { DelegationRequest } from '../protocol/generated/iam-types.js';
import { entityAlreadyExists, invalidInput, noSuchEntity } from '../protocol/errors.js';
import type { DelegationRequestRow } from '../store/delegation-requests.js';
import { decodeOffset, encodeOffset, iso } from '../store/rows.js';
import type { Principal } from '../principal.js';

type State = NonNullable<DelegationRequest['State']>;

/** How long a request waits for an answer before it expires. */
export const DELEGATION_REQUEST_TTL_SECONDS = 7 * 24 * 3600;

export interface Stored extends Omit<DelegationRequest, 'ExpirationTime' | 'CreateDate' | 'UpdatedTime'> {
  ExpirationTime: string;
  CreateDate: string;
  UpdatedTime: string;
  RequestorWorkflowId: string;
  NotificationChannel: string;
  /** The identity that accepted: the delegated credentials act as it. */
  Approver?: Omit<Principal, 'accessKeyId' | 'session'>;
  /** Minted by SendDelegationToken; exchanged once by sts:GetDelegatedAccessToken. */
  TradeIn?: { token: string; expiresAt: string; used: boolean };
}

function load(ctx: RequestContext, id: string): { row: DelegationRequestRow; req: Stored } {
  const row = ctx.store.delegationRequests.get(id);
  const visible = row && (row.account_id === ctx.accountId || row.owner_account_id === ctx.accountId ||
    (row.owner_account_id === null && JSON.parse(row.data).OwnerAccountId === undefined));
  if (!row || !visible) throw noSuchEntity(`The delegation request with id ${id} cannot be found.`);
  const req = JSON.parse(row.data) as Stored;
  if (!['FINALIZED', 'REJECTED', 'EXPIRED'].includes(req.State!) && new Date(req.ExpirationTime) <= ctx.now())
    req.State = 'EXPIRED';
  return { row, req };
}

function save(ctx: RequestContext, row: DelegationRequestRow, req: Stored) {
  req.UpdatedTime = iso(ctx.now());
  ctx.store.delegationRequests.update(row.id, req.OwnerAccountId ?? null, JSON.stringify(req));
}

function transition(req: Stored, from: State[], to: State, verb: string) {
  if (!from.includes(req.State!))
    throw invalidInput(`The delegation request is in state ${req.State} and cannot be ${verb}.`);
  req.State = to;
}

/** A finalized request by its trade-in token (for sts:GetDelegatedAccessToken). */
export function findByTradeInToken(store: RequestContext['store'], token: string) {
  const row = store.delegationRequests.byDataFragment(JSON.stringify(token));
  if (!row) return undefined;
  const req = JSON.parse(row.data) as Stored;
  return req.TradeIn?.token === token ? { row, req } : undefined;
}

export function markTradeInUsed(store: RequestContext['store'], row: DelegationRequestRow, req: Stored) {
  req.TradeIn!.used = true;
  store.delegationRequests.update(row.id, req.OwnerAccountId ?? null, JSON.stringify(req));
}

function shape(req: Stored): DelegationRequest {
  const { RequestorWorkflowId: _w, NotificationChannel: _n, Approver: _a, TradeIn: _t, ...rest } = req;
  return {
    ...rest,
    ExpirationTime: new Date(req.ExpirationTime),
    CreateDate: new Date(req.CreateDate),
    UpdatedTime: new Date(req.UpdatedTime),
  };
}

export const delegationRequestHandlers: IamHandlers = {
  CreateDelegationRequest(ctx, input) {
    const duplicate = ctx.store.delegationRequests
      .listVisible(ctx.accountId)
      .some((r) => (JSON.parse(r.data) as Stored).RequestorWorkflowId === input.RequestorWorkflowId);
    if (duplicate) throw entityAlreadyExists(`A delegation request for workflow ${input.RequestorWorkflowId} already exists.`);
    const now = ctx.now();
    const id = 'dr-' + randomBytes(12).toString('hex');
    const req: Stored = {
      DelegationRequestId: id,
      OwnerAccountId: input.OwnerAccountId,
      Description: input.Description,
      RequestMessage: input.RequestMessage,
      Permissions: input.Permissions,
      State: 'UNASSIGNED',
      RequestorId: ctx.principal.arn,
      RequestorName: ctx.principal.name ?? ctx.accountId,
      SessionDuration: input.SessionDuration,
      RedirectUrl: input.RedirectUrl,
      OnlySendByOwner: input.OnlySendByOwner ?? false,
      RequestorWorkflowId: input.RequestorWorkflowId,
      NotificationChannel: input.NotificationChannel,
      CreateDate: iso(now),
      UpdatedTime: iso(now),
      ExpirationTime: iso(new Date(now.getTime() + DELEGATION_REQUEST_TTL_SECONDS * 1000)),
    };
    ctx.store.delegationRequests.insert({
      id,
      account_id: ctx.accountId,
      owner_account_id: input.OwnerAccountId ?? null,
      data: JSON.stringify(req),
      created_at: req.CreateDate,
    });
    return {
      DelegationRequestId: id,
      ConsoleDeepLink: `https://console.aws.amazon.com/iam/home#/delegation-requests/${id}`,
    };
  },

  GetDelegationRequest(ctx, input) {
    const { req } = load(ctx, input.DelegationRequestId);
    return { DelegationRequest: shape(req) };
  },

  ListDelegationRequests(ctx, input) {
    let reqs = ctx.store.delegationRequests
      .listVisible(ctx.accountId)
      .map((r) => load(ctx, r.id).req);
    if (input.OwnerId) reqs = reqs.filter((r) => r.OwnerId === input.OwnerId);
    const start = decodeOffset(input.Marker);
    const limit = input.MaxItems ?? 100;
    const truncated = start + limit < reqs.length;
    return {
      DelegationRequests: reqs.slice(start, start + limit).map(shape),
      isTruncated: truncated,
      Marker: truncated ? encodeOffset(start + limit) : undefined,
    };
  },

  AssociateDelegationRequest(ctx, input) {
    const { row, req } = load(ctx, input.DelegationRequestId);
    if (req.OwnerAccountId && req.OwnerAccountId !== ctx.accountId)
      throw invalidInput('The delegation request is addressed to another account.');
    transition(req, ['UNASSIGNED'], 'ASSIGNED', 'associated');
    req.OwnerAccountId = ctx.accountId;
    req.OwnerId = ctx.principal.arn;
    save(ctx, row, req);
  },

  UpdateDelegationRequest(ctx, input) {
    const { row, req } = load(ctx, input.DelegationRequestId);
    transition(req, ['ASSIGNED', 'PENDING_APPROVAL'], 'PENDING_APPROVAL', 'updated');
    if (input.Notes !== undefined) req.Notes = input.Notes;
    save(ctx, row, req);
  },

  AcceptDelegationRequest(ctx, input) {
    const { row, req } = load(ctx, input.DelegationRequestId);
    transition(req, ['ASSIGNED', 'PENDING_APPROVAL'], 'ACCEPTED', 'accepted');
    req.ApproverId = ctx.principal.arn;
    const { accessKeyId: _k, session: _s, ...approver } = ctx.principal;
    req.Approver = approver;
    save(ctx, row, req);
  },

  RejectDelegationRequest(ctx, input) {
    const { row, req } = load(ctx, input.DelegationRequestId);
    transition(req, ['ASSIGNED', 'PENDING_APPROVAL', 'ACCEPTED'], 'REJECTED', 'rejected');
    if (input.Notes !== undefined) req.RejectionReason = input.Notes;
    save(ctx, row, req);
  },

  SendDelegationToken(ctx, input) {
    const { row, req } = load(ctx, input.DelegationRequestId);
    if (req.OnlySendByOwner && req.OwnerAccountId !== ctx.accountId)
      throw invalidInput('Only the owner account can send the token for this delegation request.');
    transition(req, ['ACCEPTED'], 'FINALIZED', 'finalized');
    // AWS sends the exchange token to the partner's notification channel; iam-local keeps it for
    // GET /_iam/delegation-requests/ID/trade-in-token. The delegation period starts now.
    req.TradeIn = {
      token: 'tit-' + randomBytes(48).toString('base64url'),
      expiresAt: iso(new Date(ctx.now().getTime() + (req.SessionDuration ?? 3600) * 1000)),
      used: false,
    };
    save(ctx, row, req);
  },
};
