import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptDelegationRequestCommand,
  AssociateDelegationRequestCommand,
  CreateDelegationRequestCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteUserCommand,
  GetDelegationRequestCommand,
  ListDelegationRequestsCommand,
  ListOrganizationsFeaturesCommand,
  EnableOrganizationsRootSessionsCommand,
  ListServiceSpecificCredentialsCommand,
  RejectDelegationRequestCommand,
  ResetServiceSpecificCredentialCommand,
  SendDelegationTokenCommand,
  UpdateDelegationRequestCommand,
  UpdateServiceSpecificCredentialCommand,
} from '@aws-sdk/client-iam';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetDelegatedAccessTokenCommand } from '@aws-sdk/client-sts';
import { ROOT, sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
  await t.iam.send(new CreateUserCommand({ UserName: 'dev' }));
});
afterAll(() => t.close());

describe('service-specific credentials', () => {
  it('creates CodeCommit credentials (password shown once), resets, disables and deletes them', async () => {
    const c = await t.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }));
    const cred = c.ServiceSpecificCredential!;
    expect(cred).toMatchObject({ UserName: 'dev', ServiceUserName: 'dev-at-000000000000', Status: 'Active' });
    expect(cred.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z2-7]{17}$/);
    expect(cred.ServicePassword).toHaveLength(44);

    const list = await t.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'dev' }));
    expect(list.ServiceSpecificCredentials).toHaveLength(1);
    expect(list.ServiceSpecificCredentials![0]).not.toHaveProperty('ServicePassword');

    const reset = await t.iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId }));
    expect(reset.ServiceSpecificCredential!.ServicePassword).not.toBe(cred.ServicePassword);

    await t.iam.send(new UpdateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId, Status: 'Inactive' }));
    const after = await t.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: 'dev', ServiceName: 'codecommit.amazonaws.com' }));
    expect(after.ServiceSpecificCredentials![0]!.Status).toBe('Inactive');

    const conflict = await sdkError(t.iam.send(new DeleteUserCommand({ UserName: 'dev' })));
    expect(conflict).toMatchObject({ name: 'DeleteConflictException', status: 409 });
    await t.iam.send(new DeleteServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId }));
    const gone = await sdkError(
      t.iam.send(new ResetServiceSpecificCredentialCommand({ UserName: 'dev', ServiceSpecificCredentialId: cred.ServiceSpecificCredentialId })),
    );
    expect(gone).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });

  it('allows two per service and refuses unsupported services', async () => {
    await t.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'cassandra.amazonaws.com' }));
    await t.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'cassandra.amazonaws.com' }));
    const third = await sdkError(t.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'cassandra.amazonaws.com' })));
    expect(third).toEqual({ name: 'LimitExceededException', status: 409, message: 'Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2' });
    const unsupported = await sdkError(t.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 's3.amazonaws.com' })));
    // NoSuchEntity, as issue #21 states AWS answers (the message is unconfirmed)
    expect(unsupported).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });

  it('creates a Bedrock API key with an alias, a secret and an expiry', async () => {
    const c = await t.iam.send(
      new CreateServiceSpecificCredentialCommand({ UserName: 'dev', ServiceName: 'bedrock.amazonaws.com', CredentialAgeDays: 30 }),
    );
    const cred = c.ServiceSpecificCredential!;
    expect(cred.ServiceCredentialSecret).toMatch(/^ABSK/);
    expect(cred.ServiceCredentialAlias).toMatch(/^BedrockAPIKey-.*-at-000000000000$/);
    expect(Math.round((cred.ExpirationDate!.getTime() - cred.CreateDate!.getTime()) / 86_400_000)).toBe(30);
  });
});

describe('delegation requests', () => {
  const base = {
    Description: 'Partner needs read access',
    Permissions: { PolicyTemplateArn: 'arn:aws:iam::aws:policy-template/ReadOnly' },
    NotificationChannel: 'arn:aws:sns:us-east-1:111122223333:partner',
    SessionDuration: 3600,
  };

  it('walks UNASSIGNED → ASSIGNED → PENDING_APPROVAL → ACCEPTED → FINALIZED', async () => {
    const { DelegationRequestId: id } = await t.iam.send(new CreateDelegationRequestCommand({ ...base, RequestorWorkflowId: 'workflow-1' }));
    const state = async () => (await t.iam.send(new GetDelegationRequestCommand({ DelegationRequestId: id }))).DelegationRequest!.State;
    expect(await state()).toBe('UNASSIGNED');
    // Tokens cannot be sent before acceptance.
    const early = await sdkError(t.iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id })));
    expect(early).toMatchObject({ name: 'InvalidInputException', status: 400 });
    await t.iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    expect(await state()).toBe('ASSIGNED');
    await t.iam.send(new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'please review' }));
    expect(await state()).toBe('PENDING_APPROVAL');
    await t.iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    expect(await state()).toBe('ACCEPTED');
    await t.iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id }));
    expect(await state()).toBe('FINALIZED');
    const late = await sdkError(t.iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: id })));
    expect(late).toMatchObject({ name: 'InvalidInputException' });
  });

  it('rejects, lists, refuses duplicates and expires by the clock', async () => {
    const { DelegationRequestId: id } = await t.iam.send(new CreateDelegationRequestCommand({ ...base, RequestorWorkflowId: 'workflow-2' }));
    await t.iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    await t.iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: id, Notes: 'no' }));
    const got = await t.iam.send(new GetDelegationRequestCommand({ DelegationRequestId: id }));
    expect(got.DelegationRequest).toMatchObject({ State: 'REJECTED', RejectionReason: 'no' });

    const dup = await sdkError(t.iam.send(new CreateDelegationRequestCommand({ ...base, RequestorWorkflowId: 'workflow-2' })));
    expect(dup).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 });

    const { DelegationRequestId: old } = await t.iam.send(new CreateDelegationRequestCommand({ ...base, RequestorWorkflowId: 'workflow-3' }));
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 8 * 24 * 3600 });
    try {
      // The SDK corrects its clock from the server's Date header and retries, as against AWS.
      const iam = new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 3 });
      const expired = await iam.send(new GetDelegationRequestCommand({ DelegationRequestId: old }));
      expect(expired.DelegationRequest!.State).toBe('EXPIRED');
    } finally {
      await t.admin('POST', '/_iam/clock', { reset: true });
    }
    const list = await t.iam.send(new ListDelegationRequestsCommand({}));
    expect(list.DelegationRequests!.length).toBeGreaterThanOrEqual(3);
    const missing = await sdkError(t.iam.send(new GetDelegationRequestCommand({ DelegationRequestId: 'dr-doesnotexist00' })));
    expect(missing).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });
});

describe('organizations features', () => {
  it('answers a standalone account with OrganizationNotFoundException', async () => {
    for (const cmd of [new ListOrganizationsFeaturesCommand({}), new EnableOrganizationsRootSessionsCommand({})]) {
      const err = await sdkError(t.iam.send(cmd as any));
      expect(err).toEqual({
        name: 'OrganizationNotFoundException',
        status: 400,
        message: 'The request was rejected because no organization is associated with your account.',
      });
    }
  });
});

describe('delegated access', () => {
  it('exchanges the trade-in token of a finalized request once, for credentials of the approver', async () => {
    const { DelegationRequestId: id } = await t.iam.send(
      new CreateDelegationRequestCommand({
        Description: 'Partner access',
        Permissions: { PolicyTemplateArn: 'arn:aws:iam::aws:policy-template/ReadOnly' },
        NotificationChannel: 'arn:aws:sns:us-east-1:111122223333:partner',
        SessionDuration: 1800,
        RequestorWorkflowId: 'workflow-trade-in',
      }),
    );
    const before = await t.admin('GET', `/_iam/delegation-requests/${id}/trade-in-token`);
    expect(before.status).toBe(404);
    await t.iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    await t.iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    await t.iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id }));
    const { json } = await t.admin('GET', `/_iam/delegation-requests/${id}/trade-in-token`);
    const got = await t.sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: json.tradeInToken }));
    expect(got.AssumedPrincipal).toBe('arn:aws:iam::000000000000:root');
    const lifetime = (got.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
    expect(lifetime).toBeGreaterThan(1700);
    expect(lifetime).toBeLessThanOrEqual(1800);
    const again = await sdkError(t.sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: json.tradeInToken })));
    expect(again).toMatchObject({ name: 'ExpiredTradeInTokenException', status: 400 });
    const forged = await sdkError(t.sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'tit-forged' })));
    expect(forged).toMatchObject({ name: 'ExpiredTradeInTokenException', status: 400 });
  });
});
