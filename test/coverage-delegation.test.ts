// Coverage of delegation requests: unknown ids and transitions the lifecycle does not allow.
// Each documented error of these operations that can happen locally, through the real SDK, with the
// code, HTTP status and message iam-local gives (AWS's where documented). Fixtures are made once.
import {
  AcceptDelegationRequestCommand,
  AssociateDelegationRequestCommand,
  CreateDelegationRequestCommand,
  RejectDelegationRequestCommand,
  SendDelegationTokenCommand,
  UpdateDelegationRequestCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from './helpers/server.js';
import { documentedErrors, type ErrorCase, type Fixtures } from './helpers/error-cases.js';

const ACCT = '000000000000';


async function fixtures(t: TestServer): Promise<Fixtures> {
  const c = t.iam;
  const f: Fixtures = {};

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

const cases: ErrorCase[] = [
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

documentedErrors('delegation: documented errors', fixtures, cases);
