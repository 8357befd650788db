// GetHumanReadableSummary: a plain-language summary of an entity. AWS documents one supported entity
// type, `delegation-request` (arn:aws:iam::ACCOUNT:delegation-request/ID), and the same visibility as
// GetDelegationRequest: whoever may read the request may read its summary. AWS writes the summary
// with a language model; iam-local writes a fixed English template from the request's own fields
// (partner, message, permissions, duration, state, expiry), so it is deterministic and offline.
// Locales are those of the AWS Management Console; iam-local writes English only and answers
// SummaryState NOT_SUPPORTED (no content) for the others.
import type { IamHandlers } from '../protocol/handlers.js';
import type { DelegationRequest } from '../protocol/generated/iam-types.js';
import { invalidInput } from '../protocol/errors.js';
import { parseArn } from '../arn.js';
import { delegationRequestHandlers } from './delegation-requests.js';

/** The AWS Management Console's languages (the documented set of Locale values). */
export const CONSOLE_LOCALES = ['en', 'de', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'pt-BR', 'tr', 'zh-CN', 'zh-TW'];

function canonicalLocale(locale: string): string | undefined {
  const wanted = locale.replace('_', '-').toLowerCase();
  return CONSOLE_LOCALES.find((l) => l.toLowerCase() === wanted || (wanted.startsWith('en-') && l === 'en'));
}

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const parts = [h ? `${h} hour${h === 1 ? '' : 's'}` : '', m ? `${m} minute${m === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.join(' ') || `${seconds} seconds`;
}

const STATE_TEXT: Record<NonNullable<DelegationRequest['State']>, string> = {
  UNASSIGNED: 'It has not yet been associated with an owner.',
  ASSIGNED: 'It is assigned to an owner and waits for a decision.',
  PENDING_APPROVAL: 'It has been forwarded for approval.',
  ACCEPTED: 'It has been accepted; the partner has not yet received the delegation token.',
  REJECTED: 'It has been rejected.',
  FINALIZED: 'It has been accepted and the delegation token has been sent to the partner.',
  EXPIRED: 'It has expired without being completed.',
};

export function summarizeDelegationRequest(r: DelegationRequest): string {
  const lines: string[] = [];
  const who = r.RequestorName ? `${r.RequestorName}` : 'A partner';
  lines.push(`${who} requests temporary access to ${r.OwnerAccountId ? `AWS account ${r.OwnerAccountId}` : 'an AWS account'}.`);
  if (r.Description) lines.push(`Purpose: ${r.Description}`);
  if (r.RequestMessage) lines.push(`Message from the requester: ${r.RequestMessage}`);
  const template = r.Permissions?.PolicyTemplateArn;
  if (template) {
    lines.push(`Permissions requested: the policy template ${template}.`);
    for (const p of r.Permissions?.Parameters ?? [])
      if (p.Name) lines.push(`- ${p.Name}: ${(p.Values ?? []).join(', ') || '(no value)'}`);
  }
  if (r.PermissionPolicy) lines.push(`The resulting permission policy is: ${r.PermissionPolicy}`);
  if (r.SessionDuration) lines.push(`Each session would last up to ${duration(r.SessionDuration)}.`);
  if (r.State) lines.push(STATE_TEXT[r.State]);
  if (r.ExpirationTime && r.State !== 'FINALIZED' && r.State !== 'REJECTED' && r.State !== 'EXPIRED')
    lines.push(`The request expires on ${r.ExpirationTime.toISOString()}.`);
  return lines.join('\n').slice(0, 10_000);
}

export const summaryHandlers: IamHandlers = {
  async GetHumanReadableSummary(ctx, input) {
    const arn = parseArn(input.EntityArn);
    const slash = arn ? arn.resource.indexOf('/') : -1;
    if (!arn || arn.service !== 'iam' || !/^\d{12}$/.test(arn.account) || slash <= 0 || slash === arn.resource.length - 1)
      throw invalidInput(`ARN ${input.EntityArn} is not valid.`);
    const type = arn.resource.slice(0, slash);
    if (type !== 'delegation-request')
      throw invalidInput(`Entity type ${type} is not supported. The only supported entity type is delegation-request.`);
    let locale = 'en';
    if (input.Locale !== undefined) {
      const known = canonicalLocale(input.Locale);
      if (!known) throw invalidInput(`Locale ${input.Locale} is not supported.`);
      locale = known;
    }
    // The same lookup, visibility, expiry and NoSuchEntity as GetDelegationRequest.
    const { DelegationRequest: request } = await delegationRequestHandlers.GetDelegationRequest!(ctx, {
      DelegationRequestId: arn.resource.slice(slash + 1),
    });
    if (locale !== 'en') return { Locale: locale, SummaryState: 'NOT_SUPPORTED' };
    return { SummaryContent: summarizeDelegationRequest(request!), Locale: locale, SummaryState: 'AVAILABLE' };
  },
};
