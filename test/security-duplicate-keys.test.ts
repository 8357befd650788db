// Issue #22, item 9: policy documents with duplicate JSON keys. IAM's policy grammar notes say
// "Individual elements must not contain multiple instances of the same key. For example, you
// cannot include the Effect block twice in the same statement." (IAM User Guide, Grammar of the IAM
// JSON policy language, Policy grammar notes) — so IAM refuses such a document. Before, iam-local
// accepted it and let one of the two silently win (a second Condition could widen what a reader
// of the first believed). The refusal is MalformedPolicyDocument (400); its message here is IAM's
// generic grammar message "Syntax errors in policy." — AWS's exact text for this case is
// unconfirmed (no recording found).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
  await t.iam.send(new CreateUserCommand({ UserName: 'dup' }));
});
afterAll(() => t.close());

const REFUSED = { name: 'MalformedPolicyDocumentException', status: 400, message: 'Syntax errors in policy.' };

// Documents are written as text: a JS object literal cannot hold a duplicate key.
const identityDocs: Record<string, string> = {
  'Effect twice in a statement':
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
  'Statement twice at the top':
    '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}],"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  'Condition twice in a statement':
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}},"Condition":{"Bool":{"aws:ViaAWSService":"false"}}}]}',
  'an operator twice in a Condition':
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a"},"StringEquals":{"aws:username":"b"}}}]}',
  'a condition key twice under one operator':
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","aws:username":"b"}}}]}',
  'Version twice': '{"Version":"2012-10-17","Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
};

describe('duplicate keys make a policy malformed', () => {
  it('CreatePolicy and PutUserPolicy refuse each kind of duplicate (MalformedPolicyDocument), SimulateCustomPolicy too (InvalidInput)', async () => {
    let n = 0;
    for (const [what, doc] of Object.entries(identityDocs)) {
      n++;
      expect(await sdkError(t.iam.send(new CreatePolicyCommand({ PolicyName: `dup${n}`, PolicyDocument: doc }))), what).toMatchObject(REFUSED);
      expect(await sdkError(t.iam.send(new PutUserPolicyCommand({ UserName: 'dup', PolicyName: `dup${n}`, PolicyDocument: doc }))), what).toMatchObject(REFUSED);
      const sim = await sdkError(t.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [doc], ActionNames: ['s3:GetObject'] })));
      expect(sim, what).toMatchObject({ name: 'InvalidInputException', status: 400, message: 'Syntax errors in policy.' }); // the simulator's answer to any malformed input policy
    }
  });

  it('a trust policy with a Principal type twice is refused', async () => {
    const trust =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com","Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
    expect(await sdkError(t.iam.send(new CreateRoleCommand({ RoleName: 'dup', AssumeRolePolicyDocument: trust })))).toMatchObject(REFUSED);
  });

  it('the same documents without the duplicate are accepted (the control)', async () => {
    const ok = identityDocs['an operator twice in a Condition']!.replace('"StringEquals":{"aws:username":"b"}', '"StringLike":{"aws:username":"b*"}');
    await t.iam.send(new CreatePolicyCommand({ PolicyName: 'nodup', PolicyDocument: ok }));
    // Keys that differ in case are different keys to JSON (IAM Access Analyzer warns about
    // condition keys that differ only in case; IAM itself does not refuse them).
    const cased = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"a","aws:UserName":"a"}}}]}';
    await t.iam.send(new CreatePolicyCommand({ PolicyName: 'cased', PolicyDocument: cased }));
  });
});
