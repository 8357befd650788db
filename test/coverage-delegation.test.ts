// Coverage of delegation requests: unknown ids and transitions the lifecycle does not allow.
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AcceptDelegationRequestCommand,
  AssociateDelegationRequestCommand,
  CreateDelegationRequestCommand,
  RejectDelegationRequestCommand,
  SendDelegationTokenCommand,
  UpdateDelegationRequestCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

type Fixtures = Record<string, string>;
type Expected = { name: string; status: number; message: string };
const ACCT = '000000000000';

let t: TestServer;
let f: Fixtures;
beforeAll(async () => {
  t = await startServer();
  f = await fixtures(t);
});
afterAll(() => t.close());

async function fixtures(t: TestServer): Promise<Record<string, string>> {
  const c = t.iam;
  const f: Record<string, string> = {};

  const request = {
    Description: 'Partner needs read access',
    Permissions: { PolicyTemplateArn: 'arn:aws:iam::aws:policy-template/ReadOnly' },
    NotificationChannel: 'arn:aws:sns:us-east-1:111122223333:partner',
    SessionDuration: 3600,
  };
  f.unassignedRequest = (await c.send(new CreateDelegationRequestCommand({ ...request, RequestorWorkflowId: 'cov-1' }))).DelegationRequestId!;
  f.assignedRequest = (await c.send(new CreateDelegationRequestCommand({ ...request, RequestorWorkflowId: 'cov-2' }))).DelegationRequestId!;
  await c.send(new AssociateDelegationRequestCommand({ DelegationRequestId: f.assignedRequest }));

  return f;
}

const cases: [string, (c: IAMClient, f: Fixtures) => Promise<unknown>, Expected][] = [
  ['AcceptDelegationRequest: no such request', (c) => c.send(new AcceptDelegationRequestCommand({ DelegationRequestId: 'dr-000000000000000000000000' })),
    { name: "NoSuchEntityException", status: 404, message: "The delegation request with id dr-000000000000000000000000 cannot be found." }],
  ['AssociateDelegationRequest: no such request', (c) => c.send(new AssociateDelegationRequestCommand({ DelegationRequestId: 'dr-000000000000000000000000' })),
    { name: "NoSuchEntityException", status: 404, message: "The delegation request with id dr-000000000000000000000000 cannot be found." }],
  ['AssociateDelegationRequest: already assigned', (c, f) => c.send(new AssociateDelegationRequestCommand({ DelegationRequestId: f.assignedRequest })),
    { name: "InvalidInputException", status: 400, message: "The delegation request is in state ASSIGNED and cannot be associated." }],
  ['RejectDelegationRequest: no such request', (c) => c.send(new RejectDelegationRequestCommand({ DelegationRequestId: 'dr-000000000000000000000000' })),
    { name: "NoSuchEntityException", status: 404, message: "The delegation request with id dr-000000000000000000000000 cannot be found." }],
  ['SendDelegationToken: no such request', (c) => c.send(new SendDelegationTokenCommand({ DelegationRequestId: 'dr-000000000000000000000000' })),
    { name: "NoSuchEntityException", status: 404, message: "The delegation request with id dr-000000000000000000000000 cannot be found." }],
  ['UpdateDelegationRequest: no such request', (c) => c.send(new UpdateDelegationRequestCommand({ DelegationRequestId: 'dr-000000000000000000000000', Notes: 'x' })),
    { name: "NoSuchEntityException", status: 404, message: "The delegation request with id dr-000000000000000000000000 cannot be found." }],
  ['UpdateDelegationRequest: unassigned', (c, f) => c.send(new UpdateDelegationRequestCommand({ DelegationRequestId: f.unassignedRequest, Notes: 'x' })),
    { name: "InvalidInputException", status: 400, message: "The delegation request is in state UNASSIGNED and cannot be updated." }],
  ['AcceptDelegationRequest: unassigned', (c, f) => c.send(new AcceptDelegationRequestCommand({ DelegationRequestId: f.unassignedRequest })),
    { name: "InvalidInputException", status: 400, message: "The delegation request is in state UNASSIGNED and cannot be accepted." }],
];

describe('delegation: documented errors', () => {
  it.each(cases)('%s', async (_label, call, expected) => {
    expect(await sdkError(call(t.iam, f))).toEqual(expected);
  });
});
