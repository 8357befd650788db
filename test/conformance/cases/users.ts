// Users: lifecycle and errors as recorded against AWS.
import type { ConformanceCase } from '../types.js';

const LS_USERS = 'localstack/localstack tests/aws/services/iam/test_iam_users.snapshot.json';

export const cases: ConformanceCase[] = [
  {
    id: 'users/lifecycle',
    source: `${LS_USERS} TestUserLifecycle::test_user_lifecycle[None] (recorded 19-02-2026)`,
    steps: [
      {
        action: 'CreateUser',
        params: { UserName: 'alice' },
        expect: { result: { User: { Arn: 'arn:aws:iam::{{account}}:user/alice', CreateDate: '<datetime>', Path: '/', UserId: '<any>', UserName: 'alice' } } },
        save: { userId: 'User.UserId' },
      },
      {
        action: 'GetUser',
        params: { UserName: 'alice' },
        expect: { result: { User: { Arn: 'arn:aws:iam::{{account}}:user/alice', CreateDate: '<datetime>', Path: '/', UserId: '{{userId}}', UserName: 'alice' } } },
      },
      {
        action: 'ListUsers',
        expect: { result: { IsTruncated: false, Users: [{ Arn: 'arn:aws:iam::{{account}}:user/alice', CreateDate: '<datetime>', Path: '/', UserId: '{{userId}}', UserName: 'alice' }] } },
      },
      { action: 'DeleteUser', params: { UserName: 'alice' }, expect: { result: {} } },
      {
        action: 'GetUser',
        params: { UserName: 'alice' },
        expect: { status: 404, error: { Code: 'NoSuchEntity', Message: 'The user with name alice cannot be found.', Type: 'Sender' } },
      },
    ],
  },
  {
    id: 'users/duplicate',
    source: `${LS_USERS} TestUserLifecycle::test_user_errors (recorded 19-02-2026)`,
    steps: [
      { action: 'CreateUser', params: { UserName: 'bob' } },
      {
        action: 'CreateUser',
        params: { UserName: 'bob' },
        expect: { status: 409, error: { Code: 'EntityAlreadyExists', Message: 'User with name bob already exists.', Type: 'Sender' } },
      },
    ],
  },
];
