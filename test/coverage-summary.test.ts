// GetHumanReadableSummary with the real SDK: a delegation request's summary, its visibility (that of
// GetDelegationRequest), and the errors for unknown requests, malformed ARNs, other entity types and
// locales outside the console's languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AssociateDelegationRequestCommand,
  CreateDelegationRequestCommand,
  GetHumanReadableSummaryCommand,
  RejectDelegationRequestCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const ACCOUNT = '000000000000';
let t: TestServer;
const arnOf = (id: string) => `arn:aws:iam::${ACCOUNT}:delegation-request/${id}`;
const request = {
  Description: 'Partner needs read access',
  RequestMessage: 'For the quarterly audit',
  Permissions: {
    PolicyTemplateArn: 'arn:aws:iam::aws:policy-template/ReadOnly',
    Parameters: [{ Name: 'BucketName', Values: ['audit-logs'], Type: 'string' as const }],
  },
  NotificationChannel: 'arn:aws:sns:us-east-1:111122223333:partner',
  SessionDuration: 5400,
};

beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

describe('GetHumanReadableSummary', () => {
  it('summarizes a delegation request from its own fields, in English by default', async () => {
    const { DelegationRequestId: id } = await t.iam.send(new CreateDelegationRequestCommand({ ...request, RequestorWorkflowId: 'sum-1' }));
    const r = await t.iam.send(new GetHumanReadableSummaryCommand({ EntityArn: arnOf(id!) }));
    expect(r.SummaryState).toBe('AVAILABLE');
    expect(r.Locale).toBe('en');
    const text = r.SummaryContent!;
    expect(text).toContain('Purpose: Partner needs read access');
    expect(text).toContain('Message from the requester: For the quarterly audit');
    expect(text).toContain('the policy template arn:aws:iam::aws:policy-template/ReadOnly');
    expect(text).toContain('- BucketName: audit-logs');
    expect(text).toContain('Each session would last up to 1 hour 30 minutes.');
    expect(text).toContain('It has not yet been associated with an owner.');
    expect(text).toMatch(/The request expires on \d{4}-\d\d-\d\dT/);
  });

  it('follows the request through its lifecycle', async () => {
    const { DelegationRequestId: id } = await t.iam.send(new CreateDelegationRequestCommand({ ...request, RequestorWorkflowId: 'sum-2' }));
    await t.iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    const assigned = await t.iam.send(new GetHumanReadableSummaryCommand({ EntityArn: arnOf(id!), Locale: 'en-US' }));
    expect(assigned.SummaryContent).toContain(`access to AWS account ${ACCOUNT}`);
    expect(assigned.SummaryContent).toContain('It is assigned to an owner and waits for a decision.');
    expect(assigned.Locale).toBe('en');
    await t.iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: id, Notes: 'no' }));
    const rejected = await t.iam.send(new GetHumanReadableSummaryCommand({ EntityArn: arnOf(id!) }));
    expect(rejected.SummaryContent).toContain('It has been rejected.');
    expect(rejected.SummaryContent).not.toContain('expires on');
  });

  it('answers NOT_SUPPORTED, without content, for a console language other than English', async () => {
    const { DelegationRequestId: id } = await t.iam.send(new CreateDelegationRequestCommand({ ...request, RequestorWorkflowId: 'sum-3' }));
    const r = await t.iam.send(new GetHumanReadableSummaryCommand({ EntityArn: arnOf(id!), Locale: 'ja' }));
    expect(r).toMatchObject({ Locale: 'ja', SummaryState: 'NOT_SUPPORTED' });
    expect(r.SummaryContent).toBeUndefined();
  });

  it('an unknown request is NoSuchEntity, as GetDelegationRequest answers', async () => {
    const e = await sdkError(t.iam.send(new GetHumanReadableSummaryCommand({ EntityArn: arnOf('dr-000000000000000000000000') })));
    expect(e).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The delegation request with id dr-000000000000000000000000 cannot be found.',
    });
  });

  it('a malformed ARN, another entity type or an unknown locale is InvalidInput', async () => {
    const bad = await sdkError(t.iam.send(new GetHumanReadableSummaryCommand({ EntityArn: 'not-an-arn-at-all-really' })));
    expect(bad).toEqual({ name: 'InvalidInputException', status: 400, message: 'ARN not-an-arn-at-all-really is not valid.' });
    const role = await sdkError(t.iam.send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${ACCOUNT}:role/Admin` })));
    expect(role).toEqual({
      name: 'InvalidInputException',
      status: 400,
      message: 'Entity type role is not supported. The only supported entity type is delegation-request.',
    });
    const { DelegationRequestId: id } = await t.iam.send(new CreateDelegationRequestCommand({ ...request, RequestorWorkflowId: 'sum-4' }));
    const locale = await sdkError(t.iam.send(new GetHumanReadableSummaryCommand({ EntityArn: arnOf(id!), Locale: 'xx-YY' })));
    expect(locale).toEqual({ name: 'InvalidInputException', status: 400, message: 'Locale xx-YY is not supported.' });
  });

  it('a missing EntityArn is a validation error', async () => {
    const e = await sdkError(t.iam.send(new GetHumanReadableSummaryCommand({} as never)));
    expect(e).toMatchObject({ name: 'ValidationError', status: 400 });
  });
});
