// Whole-store export/import (GET/PUT /_iam/state), restart persistence, and opening an old store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CreateUserCommand, GetUserCommand, ListUsersCommand, TagUserCommand, ListUserTagsCommand } from '@aws-sdk/client-iam';
import { sdkError, startServer, type TestServer } from './helpers/server.js';
import { migrate, readMigrations } from '../src/store/database.js';
import { Store } from '../src/store/store.js';
import { latestSchemaVersion } from '../src/store/state.js';

describe('GET/PUT /_iam/state', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(() => t.close());

  it('round-trips export → reset → import', async () => {
    await t.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/dev/', Tags: [{ Key: 'team', Value: 'a' }] }));
    await t.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const before = (await t.iam.send(new GetUserCommand({ UserName: 'alice' }))).User!;

    const exported = await t.admin('GET', '/_iam/state');
    expect(exported.status).toBe(200);
    expect(exported.json.format).toBe('iam-local-state');
    expect(exported.json.schemaVersion).toBe(latestSchemaVersion());
    expect(exported.json.tables.users.map((u: { name: string }) => u.name).sort()).toEqual(['alice', 'bob']);
    // Every table of the schema is present, including ones added by later migrations.
    expect(Object.keys(exported.json.tables)).toEqual(expect.arrayContaining(['accounts', 'users', 'tags', 'access_keys']));

    expect((await t.admin('POST', '/_iam/reset')).status).toBe(200);
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'alice' })))).name).toBe('NoSuchEntityException');

    const imported = await t.admin('PUT', '/_iam/state', exported.json);
    expect(imported.status).toBe(200);
    expect(imported.json.status).toBe('imported');

    const after = (await t.iam.send(new GetUserCommand({ UserName: 'alice' }))).User!;
    expect(after).toEqual(before);
    const tags = await t.iam.send(new ListUserTagsCommand({ UserName: 'alice' }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    const users = await t.iam.send(new ListUsersCommand({}));
    expect(users.Users!.map((u) => u.UserName)).toEqual(['alice', 'bob']);
  });

  it('import replaces everything: entities not in the document are gone', async () => {
    const snapshot = (await t.admin('GET', '/_iam/state')).json;
    await t.iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await t.iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'extra', Value: 'x' }] }));
    expect((await t.admin('PUT', '/_iam/state', snapshot)).status).toBe(200);
    expect((await sdkError(t.iam.send(new GetUserCommand({ UserName: 'carol' })))).name).toBe('NoSuchEntityException');
    const tags = await t.iam.send(new ListUserTagsCommand({ UserName: 'alice' }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
  });

  it('refuses a newer schema version and leaves the state as it was', async () => {
    const snapshot = (await t.admin('GET', '/_iam/state')).json;
    const res = await t.admin('PUT', '/_iam/state', { ...snapshot, schemaVersion: snapshot.schemaVersion + 1, tables: {} });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(/newer than this server's/);
    expect((await t.iam.send(new GetUserCommand({ UserName: 'alice' }))).User!.UserName).toBe('alice');
  });

  it('refuses malformed documents with a message, changing nothing', async () => {
    const snapshot = (await t.admin('GET', '/_iam/state')).json;
    expect((await t.admin('PUT', '/_iam/state', { hello: 1 })).json.error).toMatch(/format/);
    const badTable = await t.admin('PUT', '/_iam/state', { ...snapshot, tables: { ...snapshot.tables, nope: [] } });
    expect(badTable.status).toBe(400);
    expect(badTable.json.error).toMatch(/table "nope" does not exist/);
    const badColumn = await t.admin('PUT', '/_iam/state', {
      ...snapshot,
      tables: { ...snapshot.tables, users: [{ ...snapshot.tables.users[0], shoe_size: 42 }] },
    });
    expect(badColumn.status).toBe(400);
    expect(badColumn.json.error).toMatch(/unknown column "shoe_size"/);
    // A duplicate primary key fails the one transaction: nothing was deleted.
    const dup = await t.admin('PUT', '/_iam/state', {
      ...snapshot,
      tables: { ...snapshot.tables, users: [snapshot.tables.users[0], snapshot.tables.users[0]] },
    });
    expect(dup.status).toBe(400);
    expect((await t.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['alice', 'bob']);
  });

  it('imports a document from an older schema version through the migrations', async () => {
    const snapshot = (await t.admin('GET', '/_iam/state')).json;
    const v1Tables = new Set(['accounts', 'users', 'groups', 'group_members', 'roles', 'policies', 'policy_versions', 'policy_attachments', 'inline_policies', 'tags']);
    const old = {
      ...snapshot,
      schemaVersion: 1,
      tables: Object.fromEntries(Object.entries(snapshot.tables).filter(([k]) => v1Tables.has(k))),
    };
    await t.admin('POST', '/_iam/reset');
    const res = await t.admin('PUT', '/_iam/state', old);
    expect(res.status).toBe(200);
    expect(res.json.schemaVersion).toBe(latestSchemaVersion());
    expect((await t.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['alice', 'bob']);
  });
});

describe('file store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'iam-local-state-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps state across a restart', async () => {
    const dbPath = join(dir, 'restart.db');
    const first = await startServer({ dbPath });
    const created = (await first.iam.send(new CreateUserCommand({ UserName: 'persistent', Path: '/p/' }))).User!;
    await first.close();

    const second = await startServer({ dbPath });
    try {
      const user = (await second.iam.send(new GetUserCommand({ UserName: 'persistent' }))).User!;
      expect(user.UserId).toBe(created.UserId);
      expect(user.Arn).toBe(created.Arn);
      expect(user.CreateDate).toEqual(created.CreateDate);
    } finally {
      await second.close();
    }
  });

  it('opens a store created by an older version (migration 001 only) and migrates it', async () => {
    const dbPath = join(dir, 'old.db');
    const old = new Database(dbPath);
    migrate(
      old,
      readMigrations().filter((m) => m.version === 1),
    );
    expect(old.pragma('user_version', { simple: true })).toBe(1);
    old
      .prepare('INSERT INTO accounts (id, created_at) VALUES (?, ?)')
      .run('000000000000', '2020-01-01T00:00:00.000Z');
    old
      .prepare('INSERT INTO users (id, account_id, name, path, created_at) VALUES (?, ?, ?, ?, ?)')
      .run('AIDAOLDSTOREUSER00001', '000000000000', 'legacy', '/', '2020-01-01T00:00:00.000Z');
    old.close();

    const t = await startServer({ dbPath });
    try {
      const user = (await t.iam.send(new GetUserCommand({ UserName: 'legacy' }))).User!;
      expect(user.UserId).toBe('AIDAOLDSTOREUSER00001');
      expect(user.CreateDate).toEqual(new Date('2020-01-01T00:00:00.000Z'));
      // Tables of later migrations exist and work: the new version can add to the old store.
      await t.iam.send(new CreateUserCommand({ UserName: 'newer' }));
      const state = (await t.admin('GET', '/_iam/state')).json;
      expect(state.schemaVersion).toBe(latestSchemaVersion());
      expect(state.tables).toHaveProperty('access_keys');
    } finally {
      await t.close();
    }
    const reopened = Store.open(dbPath);
    expect(reopened.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    reopened.close();
  });
});
