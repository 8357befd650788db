// GetGroup pages a group's members by user name from the memberships' name index: pages of any
// size put together are every member in name order, a renamed user moves to its new place, and
// the names survive a state export → reset → import (tables are inserted by name, memberships
// before users).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddUserToGroupCommand, CreateGroupCommand, CreateUserCommand, GetGroupCommand, RemoveUserFromGroupCommand, UpdateUserCommand } from '@aws-sdk/client-iam';
import { startServer, type TestServer } from './helpers/server.js';

let t: TestServer;
const NAMES = ['b', 'A_c', 'a-b', 'Zed', 'c.d', 'm', 'B2', 'x', '_u', 'a1'];
const byName = (xs: string[]) => [...xs].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));

beforeAll(async () => {
  t = await startServer();
  await t.iam.send(new CreateGroupCommand({ GroupName: 'team' }));
  await t.iam.send(new CreateGroupCommand({ GroupName: 'other' }));
  for (const [i, n] of NAMES.entries()) {
    await t.iam.send(new CreateUserCommand({ UserName: n }));
    await t.iam.send(new AddUserToGroupCommand({ GroupName: i % 3 ? 'team' : 'other', UserName: n }));
  }
});
afterAll(() => t.close());

async function members(group: string, maxItems: number): Promise<string[]> {
  const out: string[] = [];
  let marker: string | undefined;
  for (let n = 0; n < 100; n++) {
    const r = await t.iam.send(new GetGroupCommand({ GroupName: group, MaxItems: maxItems, Marker: marker }));
    out.push(...r.Users!.map((u) => u.UserName!));
    if (!r.IsTruncated) return out;
    marker = r.Marker;
  }
  throw new Error('never ended');
}

describe('GetGroup members paging', () => {
  const team = () => byName(NAMES.filter((_, i) => i % 3));
  it('pages of 1, 2, 3 and 100 put together are the members by name', async () => {
    for (const size of [1, 2, 3, 100]) expect(await members('team', size)).toEqual(team());
    expect(await members('other', 1)).toEqual(byName(NAMES.filter((_, i) => i % 3 === 0)));
  });

  it('a renamed member moves to its new name; a removed one leaves', async () => {
    await t.iam.send(new UpdateUserCommand({ UserName: 'Zed', NewUserName: '0zed' }));
    expect((await members('other', 2))[0]).toBe('0zed');
    await t.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'other', UserName: '0zed' }));
    expect(await members('other', 2)).not.toContain('0zed');
    await t.iam.send(new UpdateUserCommand({ UserName: '0zed', NewUserName: 'Zed' }));
    await t.iam.send(new AddUserToGroupCommand({ GroupName: 'other', UserName: 'Zed' }));
    expect(await members('other', 2)).toEqual(byName(NAMES.filter((_, i) => i % 3 === 0)));
  });

  it('keeps the members through a state export → reset → import', async () => {
    const state = (await t.admin('GET', '/_iam/state')).json;
    expect((await t.admin('POST', '/_iam/reset')).status).toBe(200);
    expect((await t.admin('PUT', '/_iam/state', state)).status).toBe(200);
    expect(await members('team', 3)).toEqual(team());
  });
});
