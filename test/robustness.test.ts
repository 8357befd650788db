// Concurrency, limits and slow clients: many clients racing on the same names end in one
// consistent state with AWS's errors for the losers; oversized requests and quotas answer with
// AWS's errors; a stalled client does not hold up anyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { ROOT, sdkError, startServer, type TestServer } from './helpers/server.js';
import { send, signQuery } from './helpers/sigv4.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(() => t.close());

const settle = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);
const errorName = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok');

describe('concurrency', () => {
  it('50 clients creating the same user: one wins, 49 get EntityAlreadyExists', async () => {
    const results = await settle(
      Array.from({ length: 50 }, (_, i) => t.iam.send(new CreateUserCommand({ UserName: i % 2 ? 'racer' : 'RACER' }))),
    );
    const names = results.map(errorName);
    expect(names.filter((n) => n === 'ok')).toHaveLength(1);
    expect(names.filter((n) => n === 'EntityAlreadyExistsException')).toHaveLength(49);
    const users = await t.iam.send(new ListUsersCommand({}));
    expect(users.Users!.filter((u) => u.UserName!.toLowerCase() === 'racer')).toHaveLength(1);
  });

  it('attach, detach and delete racing on the same user leave no dangling attachment', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    const { Policy } = await t.iam.send(new CreatePolicyCommand({ PolicyName: 'race-policy', PolicyDocument: doc }));
    const arn = Policy!.Arn!;
    for (let round = 0; round < 5; round++) {
      await t.iam.send(new CreateUserCommand({ UserName: `victim${round}` }));
      const ops: Promise<unknown>[] = [];
      for (let i = 0; i < 10; i++) {
        ops.push(t.iam.send(new AttachUserPolicyCommand({ UserName: `victim${round}`, PolicyArn: arn })));
        ops.push(t.iam.send(new DetachUserPolicyCommand({ UserName: `victim${round}`, PolicyArn: arn })));
        ops.push(t.iam.send(new DeleteUserCommand({ UserName: `victim${round}` })));
      }
      const results = await settle(ops);
      for (const r of results)
        expect(['ok', 'NoSuchEntityException', 'DeleteConflictException']).toContain(errorName(r));
      // Whatever order they ran in: if the user survived, its attachment list is consistent; if it
      // is gone, nothing is left attached to it.
      const exists = await t.iam.send(new ListAttachedUserPoliciesCommand({ UserName: `victim${round}` })).then(
        (r) => r.AttachedPolicies!,
        () => undefined,
      );
      if (exists) expect(exists.length).toBeLessThanOrEqual(1);
    }
    const dangling = t.server.services.store.db
      .prepare(
        `SELECT count(*) AS n FROM policy_attachments a WHERE a.entity_type = 'user'
           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = a.entity_id)`,
      )
      .get() as { n: number };
    expect(dangling.n).toBe(0);
    const attached = t.server.services.store.db
      .prepare(`SELECT count(*) AS n FROM policy_attachments WHERE policy_arn = ?`)
      .get(arn) as { n: number };
    const policy = await t.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    expect(policy.Policy!.AttachmentCount).toBe(attached.n);
  });
});

describe('limits', () => {
  it('answers a body over 1 MiB in AWS shape with 413', async () => {
    const res = await t.query({ Action: 'ListUsers', Version: '2010-05-08', Padding: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
    expect(res.body).toContain('<Code>RequestEntityTooLarge</Code>');
  });

  it('answers a value over the model maximum with ValidationError, not a crash', async () => {
    const err = await sdkError(t.iam.send(new CreateUserCommand({ UserName: 'u', Path: '/' + 'p'.repeat(600) + '/' })));
    expect(err.name).toBe('ValidationError');
    expect(err.message).toContain("at 'path' failed to satisfy constraint: Member must have length less than or equal to 512");
  });

  it('answers thousands of parameters without trouble', async () => {
    const params: Record<string, string> = { Action: 'TagUser', Version: '2010-05-08', UserName: 'nobody' };
    for (let i = 1; i <= 5000; i++) {
      params[`Tags.member.${i}.Key`] = `k${i}`;
      params[`Tags.member.${i}.Value`] = 'v';
    }
    const signed = await signQuery(t.url, params, { creds: ROOT, service: 'iam' });
    const t0 = performance.now();
    const res = await send(signed.url, { method: 'POST', headers: signed.headers, body: signed.body });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(res.status).toBe(400);
    expect(res.body).toContain('<Code>ValidationError</Code>');
    expect(res.body).toContain("at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
  });
});

describe('slow clients', () => {
  it('a stalled client does not block other requests', async () => {
    const url = new URL(t.url);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    // Headers promising a body that never comes.
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=List');
    try {
      const t0 = performance.now();
      const users = await t.iam.send(new ListUsersCommand({}));
      expect(users.Users).toBeDefined();
      expect(performance.now() - t0).toBeLessThan(5000);
    } finally {
      socket.destroy();
    }
  });
});
