// Issue #22, item 4: instance metadata answers only the clients an instance is bound to. On main,
// the main port's default instance (IAM_LOCAL_INSTANCE_PROFILE) answered every address that
// reached the server — its role's credentials to anyone on the network — and an instance's own
// listener answered anyone. Now: the default instance is off unless IAM_LOCAL_INSTANCE_CLIENTS
// names its clients (loopback is no exception), an instance's listener binds listenAddress (or
// HOST) and answers its clientAddresses/bridgedAddresses only — an instance bound to none answers
// this machine's loopback only while the server itself is on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import type { ConfigOverrides } from '../src/config.js';
import { startServer, type TestServer } from './helpers/server.js';
import { EC2_TRUST, raw } from './helpers/metadata.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function serverWithProfile(overrides: ConfigOverrides = {}) {
  t = await startServer(overrides);
  await t.iam.send(new CreateRoleCommand({ RoleName: 'web-role', AssumeRolePolicyDocument: EC2_TRUST }));
  await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
  await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }));
  return t;
}

const roleList = (url: string, localAddress = '127.0.0.1') => raw(`${url}/latest/meta-data/iam/security-credentials/`, { localAddress });

describe('the main port\'s default instance', () => {
  it('is off with IAM_LOCAL_INSTANCE_PROFILE alone: no credentials on /latest for anyone', async () => {
    const s = await serverWithProfile({ instanceProfile: 'web' });
    const r = await roleList(s.url);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('web-role');
    expect((await s.admin('GET', '/_iam/instances')).json.instances).toEqual([]);
  });

  it('answers only IAM_LOCAL_INSTANCE_CLIENTS: loopback callers are no exception', async () => {
    const s = await serverWithProfile({ instanceProfile: 'web', instanceClients: ['127.0.0.2'] });
    expect((await roleList(s.url, '127.0.0.1')).status).toBe(404);
    const bound = await roleList(s.url, '127.0.0.2');
    expect(bound.status).toBe(200);
    expect(bound.body).toBe('web-role');
  });
});

describe('an instance\'s own listener', () => {
  it('answers only its bound client addresses', async () => {
    const s = await serverWithProfile();
    const inst = (await s.admin('POST', '/_iam/instances', { instanceProfileName: 'web', clientAddresses: ['127.0.0.2'] })).json;
    const other = await roleList(inst.endpoint, '127.0.0.1');
    expect(other.status).toBe(403);
    expect(other.body).not.toContain('web-role');
    expect((await roleList(inst.endpoint, '127.0.0.3')).status).toBe(403);
    const own = await roleList(inst.endpoint, '127.0.0.2');
    expect(own.status).toBe(200);
    expect(own.body).toBe('web-role');
  });

  it('bound to no address, answers this machine only while the server is on loopback — and only under its names (DNS rebinding)', async () => {
    const s = await serverWithProfile();
    const inst = (await s.admin('POST', '/_iam/instances', { instanceProfileName: 'web' })).json;
    expect((await roleList(inst.endpoint, '127.0.0.1')).status).toBe(200);
    const rebound = await raw(`${inst.endpoint}/latest/meta-data/iam/security-credentials/`, { headers: { host: 'attacker.example' } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('web-role');
  });

  it('on a server beyond loopback, an instance bound to no address answers nobody, loopback included', async () => {
    const s = await serverWithProfile({ host: '0.0.0.0', bootstrapKeys: 'on' });
    const inst = (await s.admin('POST', '/_iam/instances', { instanceProfileName: 'web', listenAddress: '127.0.0.1' })).json;
    expect(inst.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await roleList(inst.endpoint, '127.0.0.1')).status).toBe(403);
  });

  it('binds where listenAddress says', async () => {
    const s = await serverWithProfile();
    const inst = (await s.admin('POST', '/_iam/instances', { instanceProfileName: 'web', listenAddress: '127.0.0.5', clientAddresses: ['127.0.0.1'] })).json;
    expect(inst.endpoint).toMatch(/^http:\/\/127\.0\.0\.5:\d+$/);
    expect((await roleList(inst.endpoint)).body).toBe('web-role');
    const bad = await s.admin('POST', '/_iam/instances', { instanceProfileName: 'web', listenAddress: 'not an address!' });
    expect(bad.status).toBe(400);
  });

  it('keeps at most 1000 IMDSv2 tokens per instance, however many a client asks for', async () => {
    const s = await serverWithProfile();
    const inst = (await s.admin('POST', '/_iam/instances', { instanceProfileName: 'web' })).json;
    const put = () => raw(`${inst.endpoint}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' } });
    const first = (await put()).body;
    for (let i = 0; i < 1010; i++) await put();
    const stale = await raw(`${inst.endpoint}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': first } });
    expect(stale.status).toBe(401);
    const fresh = (await put()).body;
    expect((await raw(`${inst.endpoint}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': fresh } })).body).toBe(inst.instanceId);
  });
});
