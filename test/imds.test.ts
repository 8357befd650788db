import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  GetInstanceProfileCommand,
  RemoveRoleFromInstanceProfileCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromInstanceMetadata, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { sdkError, startServer, type TestServer } from './helpers/server.js';
import { EC2_TRUST, raw, withAwsEnv } from './helpers/metadata.js';

const ACCOUNT = '000000000000';
let t: TestServer;
let a: { instanceId: string; endpoint: string }; // role-a, IMDSv2 required
let b: { instanceId: string; endpoint: string }; // role-b, IMDSv1 allowed

async function profileWithRole(profile: string, role: string) {
  await t.iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: EC2_TRUST }));
  await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: profile }));
  await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: profile, RoleName: role }));
}

async function launch(body: Record<string, unknown>) {
  const res = await t.admin('POST', '/_iam/instances', body);
  expect(res.status).toBe(201);
  return res.json as { instanceId: string; endpoint: string };
}

async function token(endpoint: string, ttl = '60', extra: Record<string, string> = {}) {
  const res = await raw(`${endpoint}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl, ...extra },
  });
  expect(res.status).toBe(200);
  return res.body;
}

const callerArn = async (creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  (await t.stsAs(creds).send(new GetCallerIdentityCommand({}))).Arn;

beforeAll(async () => {
  t = await startServer();
  await profileWithRole('profile-a', 'role-a');
  await profileWithRole('profile-b', 'role-b');
  a = await launch({ instanceProfileName: 'profile-a', httpTokens: 'required' });
  b = await launch({
    instanceProfileName: 'profile-b',
    httpTokens: 'optional',
    region: 'eu-west-1',
    instanceType: 'm5.large',
    instanceMetadataTags: 'enabled',
    tags: { Name: 'web-1', team: 'platform' },
  });
});
afterAll(() => t.close());

describe('simulated instances with the SDK providers', () => {
  it('gives two instances their own roles at once through fromInstanceMetadata', async () => {
    expect(a.instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(a.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.endpoint).not.toBe(b.endpoint);
    const credsA = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: a.endpoint }, () => fromInstanceMetadata()());
    const credsB = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: b.endpoint }, () => fromInstanceMetadata()());
    expect(credsA.accessKeyId).toMatch(/^ASIA/);
    expect(credsA.accessKeyId).not.toBe(credsB.accessKeyId);
    expect(await callerArn(credsA)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-a/${a.instanceId}`);
    expect(await callerArn(credsB)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-b/${b.instanceId}`);
  });

  it('works through the default credential chain with only AWS_EC2_METADATA_SERVICE_ENDPOINT set', async () => {
    const creds = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: b.endpoint }, () => fromNodeProviderChain()());
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-b/${b.instanceId}`);
  });

  it('serves IMDSv2 to an SDK that refuses IMDSv1 (AWS_EC2_METADATA_V1_DISABLED)', async () => {
    const creds = await withAwsEnv(
      { AWS_EC2_METADATA_SERVICE_ENDPOINT: a.endpoint, AWS_EC2_METADATA_V1_DISABLED: 'true' },
      () => fromInstanceMetadata()(),
    );
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-a/${a.instanceId}`);
  });

  it('lists, looks up and stops instances; a stopped instance no longer answers', async () => {
    const c = await launch({ instanceProfileName: 'profile-a', instanceId: 'i-0123456789abcdef0' });
    expect(c.instanceId).toBe('i-0123456789abcdef0');
    const list = await t.admin('GET', '/_iam/instances');
    expect(list.json.instances.map((i: any) => i.instanceId)).toEqual(expect.arrayContaining([a.instanceId, b.instanceId, c.instanceId]));
    const dup = await t.admin('POST', '/_iam/instances', { instanceProfileName: 'profile-a', instanceId: 'i-0123456789abcdef0' });
    expect(dup.status).toBe(409);
    const missing = await t.admin('POST', '/_iam/instances', { instanceProfileName: 'no-such-profile' });
    expect(missing.status).toBe(404);
    const bad = await t.admin('POST', '/_iam/instances', { instanceProfileName: 'profile-a', httpTokens: 'sometimes' });
    expect(bad.status).toBe(400);

    expect((await raw(`${c.endpoint}/latest/meta-data/instance-id`)).body).toBe('i-0123456789abcdef0');
    expect((await t.admin('DELETE', `/_iam/instances/${c.instanceId}`)).status).toBe(200);
    await expect(raw(`${c.endpoint}/latest/meta-data/instance-id`)).rejects.toThrow(/ECONNREFUSED/);
    expect((await t.admin('DELETE', `/_iam/instances/${c.instanceId}`)).status).toBe(404);
  });
});

describe('IMDS as EC2 serves it', () => {
  it('issues tokens only for a TTL of 1–21600 seconds and never through a proxy', async () => {
    const url = `${a.endpoint}/latest/api/token`;
    const put = (headers: Record<string, string>) => raw(url, { method: 'PUT', headers });
    const ok = await put({ 'x-aws-ec2-metadata-token-ttl-seconds': '21600' });
    expect(ok.status).toBe(200);
    expect(ok.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    expect(ok.body.length).toBeGreaterThan(20);
    for (const ttl of ['0', '21601', 'abc']) {
      const r = await put({ 'x-aws-ec2-metadata-token-ttl-seconds': ttl });
      expect(r.status).toBe(400);
      expect(r.body).toContain('<title>400 - Bad Request</title>');
    }
    expect((await put({})).status).toBe(400);
    const proxied = await put({ 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '10.0.0.1' });
    expect(proxied.status).toBe(403);
    expect((await raw(url)).status).toBe(405);
  });

  it('requires a valid token in required mode, accepts none in optional mode, refuses a bad one in both', async () => {
    const path = '/latest/meta-data/instance-id';
    const noToken = await raw(a.endpoint + path);
    expect(noToken.status).toBe(401);
    expect(noToken.headers['content-type']).toBe('text/html');
    expect(noToken.body).toContain('<h1>401 - Unauthorized</h1>');
    const tok = await token(a.endpoint);
    const withToken = await raw(a.endpoint + path, { headers: { 'x-aws-ec2-metadata-token': tok } });
    expect(withToken).toMatchObject({ status: 200, body: a.instanceId });

    const v1 = await raw(b.endpoint + path);
    expect(v1).toMatchObject({ status: 200, body: b.instanceId });
    const bogus = await raw(b.endpoint + path, { headers: { 'x-aws-ec2-metadata-token': 'AQAEAnotatoken' } });
    expect(bogus.status).toBe(401);
    // A token is good only on the instance that issued it.
    const other = await raw(b.endpoint + path, { headers: { 'x-aws-ec2-metadata-token': tok } });
    expect(other.status).toBe(401);
  });

  it('lists directories with trailing slashes and serves the instance facts', async () => {
    const get = async (p: string) => {
      const r = await raw(b.endpoint + p);
      expect(r.status, p).toBe(200);
      return r.body;
    };
    const top = (await get('/latest/meta-data/')).split('\n');
    expect(top).toEqual(
      expect.arrayContaining(['ami-id', 'hostname', 'iam/', 'instance-id', 'instance-type', 'local-hostname', 'local-ipv4', 'mac', 'placement/', 'tags/']),
    );
    expect(await get('/latest/meta-data')).toBe(top.join('\n'));
    expect(await get('/latest/')).toBe('dynamic\nmeta-data');
    expect((await get('/')).split('\n')).toContain('latest');
    expect(await get('/latest/meta-data/iam/')).toBe('info\nsecurity-credentials/');
    expect(await get('/latest/meta-data/iam/security-credentials/')).toBe('role-b');
    expect(await get('/latest/meta-data/instance-type')).toBe('m5.large');
    expect(await get('/latest/meta-data/placement/region')).toBe('eu-west-1');
    expect(await get('/latest/meta-data/placement/availability-zone')).toBe('eu-west-1a');
    expect(await get('/latest/meta-data/ami-id')).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(await get('/latest/meta-data/local-ipv4')).toMatch(/^172\.31\.\d+\.\d+$/);
    expect(await get('/latest/meta-data/hostname')).toMatch(/^ip-172-31-\d+-\d+\.eu-west-1\.compute\.internal$/);
    expect(await get('/latest/meta-data/mac')).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(await get('/latest/meta-data/tags/instance/')).toBe('Name\nteam');
    expect(await get('/latest/meta-data/tags/instance/Name')).toBe('web-1');

    const info = JSON.parse(await get('/latest/meta-data/iam/info'));
    const profile = (await t.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'profile-b' }))).InstanceProfile!;
    expect(info).toMatchObject({ Code: 'Success', InstanceProfileArn: profile.Arn, InstanceProfileId: profile.InstanceProfileId });
    expect(info.LastUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const credsText = await get('/latest/meta-data/iam/security-credentials/role-b');
    expect(credsText).toMatch(/^\{\n {2}"Code" : "Success",\n/);
    const creds = JSON.parse(credsText);
    expect(Object.keys(creds)).toEqual(['Code', 'LastUpdated', 'Type', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
    expect(creds.Type).toBe('AWS-HMAC');
    expect(creds.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const doc = JSON.parse(await get('/latest/dynamic/instance-identity/document'));
    expect(doc).toMatchObject({ accountId: ACCOUNT, instanceId: b.instanceId, instanceType: 'm5.large', region: 'eu-west-1', availabilityZone: 'eu-west-1a' });
  });

  it("answers 404 with IMDS's HTML page for what is not there", async () => {
    for (const p of ['/latest/meta-data/nope', '/latest/meta-data/iam/security-credentials/role-a', '/latest/meta-data/instance-id/', '/latest/user-data', '/nope']) {
      const r = await raw(b.endpoint + p);
      expect(r.status, p).toBe(404);
      expect(r.headers['content-type']).toBe('text/html');
      expect(r.body).toContain('<title>404 - Not Found</title>');
    }
    // Instance tags are there only with InstanceMetadataTags enabled.
    const tok = await token(a.endpoint);
    expect((await raw(`${a.endpoint}/latest/meta-data/tags/instance/`, { headers: { 'x-aws-ec2-metadata-token': tok } })).status).toBe(404);
  });

  it('answers 403 to everything when HttpEndpoint is disabled', async () => {
    const off = await launch({ instanceProfileName: 'profile-a', httpEndpoint: 'disabled' });
    expect((await raw(`${off.endpoint}/latest/meta-data/`)).status).toBe(403);
    const put = await raw(`${off.endpoint}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
    expect(put.status).toBe(403);
    expect(put.body).toContain('403 - Forbidden');
  });

  it('changes metadata options of a running instance (PATCH, like ModifyInstanceMetadataOptions)', async () => {
    const m = await launch({ instanceProfileName: 'profile-a' });
    const url = `${m.endpoint}/latest/meta-data/instance-id`;
    expect((await raw(url)).status).toBe(200);
    const patched = await t.admin('PATCH', `/_iam/instances/${m.instanceId}`, { httpTokens: 'required', hopLimit: 2 });
    expect(patched.json).toMatchObject({ httpTokens: 'required', hopLimit: 2, httpEndpoint: 'enabled' });
    expect((await raw(url)).status).toBe(401);
    await t.admin('PATCH', `/_iam/instances/${m.instanceId}`, { httpEndpoint: 'disabled' });
    expect((await raw(url)).status).toBe(403);
    expect((await t.admin('PATCH', `/_iam/instances/${m.instanceId}`, { region: 'eu-west-1' })).status).toBe(400);
    expect((await t.admin('PATCH', '/_iam/instances/i-00000000000000000', { httpTokens: 'optional' })).status).toBe(404);
  });

  it('gives no token to a client more hops away than HttpPutResponseHopLimit (bridged addresses count 2)', async () => {
    const one = await launch({ instanceProfileName: 'profile-a', bridgedAddresses: ['127.0.0.3'], hopLimit: 1 });
    const two = await launch({ instanceProfileName: 'profile-a', bridgedAddresses: ['127.0.0.3'], hopLimit: 2 });
    const put = (endpoint: string, localAddress: string) =>
      raw(`${endpoint}/latest/api/token`, {
        method: 'PUT',
        headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
        localAddress,
        timeoutMs: 400,
      });
    await expect(put(one.endpoint, '127.0.0.3')).rejects.toThrow('timeout');
    expect((await put(one.endpoint, '127.0.0.2')).status).toBe(200);
    expect((await put(two.endpoint, '127.0.0.3')).status).toBe(200);
    // IMDSv1 still reaches the container (the hop limit concerns the token response only).
    expect((await raw(`${one.endpoint}/latest/meta-data/instance-id`, { localAddress: '127.0.0.3' })).body).toBe(one.instanceId);
  });

  it('an SDK beyond the hop limit falls back to IMDSv1 where allowed, and gets nothing where tokens are required', async () => {
    // The test process itself (127.0.0.1) stands for a container behind the instance's bridge.
    const v1ok = await launch({ instanceProfileName: 'profile-b', bridgedAddresses: ['127.0.0.1'], hopLimit: 1 });
    const creds = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: v1ok.endpoint }, () => fromInstanceMetadata()());
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-b/${v1ok.instanceId}`);

    const v2only = await launch({ instanceProfileName: 'profile-b', bridgedAddresses: ['127.0.0.1'], hopLimit: 1, httpTokens: 'required' });
    const err = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: v2only.endpoint }, () =>
      fromInstanceMetadata()().then(
        () => undefined,
        (e) => e,
      ),
    );
    expect(err).toBeInstanceOf(Error);
    // Raising the hop limit (as for containers on EC2) lets the token through.
    await t.admin('PATCH', `/_iam/instances/${v2only.instanceId}`, { hopLimit: 2 });
    const ok = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: v2only.endpoint }, () => fromInstanceMetadata()());
    expect(await callerArn(ok)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-b/${v2only.instanceId}`);
  });

  it('stops serving credentials when the role leaves the profile, and serves them again when it returns', async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'role-c', AssumeRolePolicyDocument: EC2_TRUST }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'profile-c' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'profile-c', RoleName: 'role-c' }));
    const c = await launch({ instanceProfileName: 'profile-c' });
    expect((await raw(`${c.endpoint}/latest/meta-data/iam/security-credentials/role-c`)).status).toBe(200);

    await t.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'profile-c', RoleName: 'role-c' }));
    expect((await raw(`${c.endpoint}/latest/meta-data/iam/security-credentials/`)).status).toBe(404);
    expect((await raw(`${c.endpoint}/latest/meta-data/iam/security-credentials/role-c`)).status).toBe(404);
    expect((await raw(`${c.endpoint}/latest/meta-data/iam/`)).body).toBe('info');
    const err = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: c.endpoint }, () =>
      fromInstanceMetadata()().then(
        () => undefined,
        (e) => e,
      ),
    );
    expect(err).toBeInstanceOf(Error);

    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'profile-c', RoleName: 'role-c' }));
    const creds = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: c.endpoint }, () => fromInstanceMetadata()());
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-c/${c.instanceId}`);

    // A new profile of the same name is not the one the instance was launched with.
    await t.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'profile-c', RoleName: 'role-c' }));
    await t.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'profile-c' }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'profile-c' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'profile-c', RoleName: 'role-c' }));
    expect((await raw(`${c.endpoint}/latest/meta-data/iam/`)).status).toBe(404);
    expect((await raw(`${c.endpoint}/latest/meta-data/`)).body.split('\n')).not.toContain('iam/');
  });
});

describe('a role whose trust policy does not let EC2 assume it', () => {
  it('is reported as AssumeRoleUnauthorizedAccess where the credentials would be, until the trust policy is fixed', async () => {
    const lambdaTrust = EC2_TRUST.replace('ec2.amazonaws.com', 'lambda.amazonaws.com');
    await t.iam.send(new CreateRoleCommand({ RoleName: 'wrong-trust', AssumeRolePolicyDocument: lambdaTrust }));
    await t.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'profile-wrong' }));
    await t.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'profile-wrong', RoleName: 'wrong-trust' }));
    const w = await launch({ instanceProfileName: 'profile-wrong' });

    const info = JSON.parse((await raw(`${w.endpoint}/latest/meta-data/iam/info`)).body);
    expect(Object.keys(info)).toEqual(['Code', 'Message', 'LastUpdated']);
    expect(info.Code).toBe('AssumeRoleUnauthorizedAccess');
    expect(info.Message).toMatch(/^EC2 cannot assume the role wrong-trust\./);
    expect((await raw(`${w.endpoint}/latest/meta-data/iam/security-credentials/`)).body).toBe('wrong-trust');
    const doc = JSON.parse((await raw(`${w.endpoint}/latest/meta-data/iam/security-credentials/wrong-trust`)).body);
    expect(doc.Code).toBe('AssumeRoleUnauthorizedAccess');
    expect(doc.AccessKeyId).toBeUndefined();
    const err = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: w.endpoint }, () =>
      fromInstanceMetadata()().then(
        () => undefined,
        (e) => e,
      ),
    );
    expect(String(err)).toMatch(/Invalid response received from instance metadata service/);

    await t.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'wrong-trust', PolicyDocument: EC2_TRUST }));
    const creds = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: w.endpoint }, () => fromInstanceMetadata()());
    expect(await callerArn(creds)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/wrong-trust/${w.instanceId}`);
  });
});

describe('address-based binding on the main port (stand-ins for docker-compose containers)', () => {
  it('tells clients apart by source address, each getting its own instance and role', async () => {
    const x = await launch({ instanceProfileName: 'profile-a', clientAddresses: ['127.0.0.2'] });
    const y = await launch({ instanceProfileName: 'profile-b', clientAddresses: ['127.0.0.3/32'] });
    const get = (p: string, localAddress: string, headers: Record<string, string> = {}) =>
      raw(t.url + p, { localAddress, headers });
    const tokenFrom = async (localAddress: string) =>
      (
        await raw(`${t.url}/latest/api/token`, {
          method: 'PUT',
          headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '300' },
          localAddress,
        })
      ).body;
    const tx = await tokenFrom('127.0.0.2');
    const ty = await tokenFrom('127.0.0.3');
    expect((await get('/latest/meta-data/instance-id', '127.0.0.2', { 'x-aws-ec2-metadata-token': tx })).body).toBe(x.instanceId);
    expect((await get('/latest/meta-data/instance-id', '127.0.0.3', { 'x-aws-ec2-metadata-token': ty })).body).toBe(y.instanceId);
    expect((await get('/latest/meta-data/iam/security-credentials/', '127.0.0.2', { 'x-aws-ec2-metadata-token': tx })).body).toBe('role-a');
    expect((await get('/latest/meta-data/iam/security-credentials/', '127.0.0.3', { 'x-aws-ec2-metadata-token': ty })).body).toBe('role-b');
    // One container's token is no good for another.
    expect((await get('/latest/meta-data/instance-id', '127.0.0.3', { 'x-aws-ec2-metadata-token': tx })).status).toBe(401);

    const credsY = JSON.parse((await get('/latest/meta-data/iam/security-credentials/role-b', '127.0.0.3', { 'x-aws-ec2-metadata-token': ty })).body);
    expect(
      await callerArn({ accessKeyId: credsY.AccessKeyId, secretAccessKey: credsY.SecretAccessKey, sessionToken: credsY.Token }),
    ).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-b/${y.instanceId}`);

    // An address bound to nothing, with no default instance, finds no metadata service.
    expect((await get('/latest/meta-data/instance-id', '127.0.0.4')).status).toBe(404);
  });

  it('binds by host name too (a compose service name), resolved when an unknown address calls', async () => {
    const e = await startServer();
    try {
      await e.iam.send(new CreateRoleCommand({ RoleName: 'named', AssumeRolePolicyDocument: EC2_TRUST }));
      await e.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'named' }));
      await e.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'named', RoleName: 'named' }));
      const bad = await e.admin('POST', '/_iam/instances', { instanceProfileName: 'named', clientAddresses: ['not a host!'] });
      expect(bad.status).toBe(400);
      const n = (await e.admin('POST', '/_iam/instances', { instanceProfileName: 'named', clientAddresses: ['localhost'] })).json;
      const r = await raw(`${e.url}/latest/meta-data/instance-id`, { localAddress: '127.0.0.1' });
      expect(r).toMatchObject({ status: 200, body: n.instanceId });
      expect((await raw(`${e.url}/latest/meta-data/instance-id`, { localAddress: '127.0.0.5' })).status).toBe(404);
    } finally {
      await e.close();
    }
  });

  it('serves a default instance on the main port with IAM_LOCAL_INSTANCE_PROFILE', async () => {
    // (IAM_LOCAL_INSTANCE_CLIENTS: the default instance answers only the clients it is bound to.)
    const d = await startServer({ instanceProfile: 'web', instanceClients: ['127.0.0.1'] });
    try {
      await d.iam.send(new CreateRoleCommand({ RoleName: 'web-role', AssumeRolePolicyDocument: EC2_TRUST }));
      await d.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
      await d.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }));
      const list = await d.admin('GET', '/_iam/instances');
      expect(list.json.instances).toHaveLength(1);
      expect(list.json.instances[0]).toMatchObject({ default: true, instanceProfileName: 'web', endpoint: d.url });
      const creds = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: d.url }, () => fromNodeProviderChain()());
      const arn = (await d.stsAs(creds).send(new GetCallerIdentityCommand({}))).Arn;
      expect(arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/web-role/${list.json.instances[0].instanceId}`);
    } finally {
      await d.close();
    }
  });
});

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
}

describe('the AWS CLI', () => {
  const haveAws = onPath('aws');
  it.skipIf(!haveAws)('gets the instance identity from aws sts get-caller-identity (test/e2e/imds-awscli.sh)', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile('bash', ['test/e2e/imds-awscli.sh'], { timeout: 90_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
      ),
    );
    expect(out).toMatch(/OK: aws sts get-caller-identity → arn:aws:sts::\d{12}:assumed-role\/e2e-role\/i-[0-9a-f]{17}/);
  }, 120_000);
  if (!haveAws) it('is skipped: `aws` is not on PATH (apt-get install awscli to run test/e2e/imds-awscli.sh)', () => {});
});

// Last: moves the server clock.
describe('credential renewal by the server clock', () => {
  it('hands out the same credentials until five minutes before expiry, then new ones; old ones expire', async () => {
    const get = async () => {
      const tok = await token(a.endpoint, '21600');
      const r = await raw(`${a.endpoint}/latest/meta-data/iam/security-credentials/role-a`, {
        headers: { 'x-aws-ec2-metadata-token': tok },
      });
      expect(r.status).toBe(200);
      return JSON.parse(r.body);
    };
    const first = await get();
    const lifetime = (Date.parse(first.Expiration) - Date.parse(first.LastUpdated)) / 1000;
    expect(lifetime).toBeGreaterThan(600);
    await t.admin('POST', '/_iam/clock', { advanceSeconds: lifetime - 600 });
    expect((await get()).AccessKeyId).toBe(first.AccessKeyId);
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 400 }); // within the last five minutes
    const second = await get();
    expect(second.AccessKeyId).not.toBe(first.AccessKeyId);
    expect(Date.parse(second.Expiration)).toBeGreaterThan(Date.parse(first.Expiration));
    expect(Date.parse(second.LastUpdated)).toBeGreaterThan(Date.parse(first.LastUpdated));

    await t.admin('POST', '/_iam/clock', { advanceSeconds: 300 }); // past the first set's expiry
    // Clients sign by the server's (moved) clock, as an SDK does once it has corrected its skew.
    const offsetMs = (await t.admin('GET', '/_iam/clock')).json.offsetSeconds * 1000;
    const stsWith = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
      new STSClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1, systemClockOffset: offsetMs });
    const old = { accessKeyId: first.AccessKeyId, secretAccessKey: first.SecretAccessKey, sessionToken: first.Token };
    const expired = await sdkError(stsWith(old).send(new GetCallerIdentityCommand({})));
    expect(expired.name).toBe('ExpiredToken');

    // The SDK's own provider, after the clock moved, gets the renewed credentials, and they work.
    const renewed = await withAwsEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: a.endpoint }, () => fromInstanceMetadata()());
    expect(renewed.accessKeyId).toBe(second.AccessKeyId);
    expect((await stsWith(renewed).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/role-a/${a.instanceId}`);

    // IMDSv2 tokens expire by the same clock.
    const tok = await token(a.endpoint, '60');
    await t.admin('POST', '/_iam/clock', { advanceSeconds: 61 });
    expect((await raw(`${a.endpoint}/latest/meta-data/instance-id`, { headers: { 'x-aws-ec2-metadata-token': tok } })).status).toBe(401);
  });
});
