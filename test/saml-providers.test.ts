// IAM SAML providers and AssumeRoleWithSAML with the real SDK, against iam-local's test IdP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetSAMLProviderCommand,
  ListSAMLProvidersCommand,
  ListSAMLProviderTagsCommand,
  TagSAMLProviderCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { generateKeyPairSync } from 'node:crypto';
import { sdkError, startServer, type TestServer } from './helpers/server.js';

const ACCOUNT = '000000000000';
let t: TestServer;
let metadata: string;
let anon: STSClient;
const PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/TestIdP`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/SamlAdmin`;

async function assertion(body: Record<string, unknown>): Promise<string> {
  const r = await t.admin('POST', '/_iam/saml/assertion', { providerArn: PROVIDER, roleArn: ROLE, ...body });
  expect(r.status).toBe(200);
  return r.json.SAMLAssertion;
}

beforeAll(async () => {
  t = await startServer();
  anon = new STSClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
  const res = await fetch(`${t.url}/_iam/saml/metadata`);
  metadata = await res.text();
});
afterAll(() => t.close());

describe('SAML providers', () => {
  it('create → get → list; the metadata is returned as sent', async () => {
    const created = await t.iam.send(new CreateSAMLProviderCommand({ Name: 'TestIdP', SAMLMetadataDocument: metadata, Tags: [{ Key: 'a', Value: 'b' }] }));
    expect(created).toMatchObject({ SAMLProviderArn: PROVIDER, Tags: [{ Key: 'a', Value: 'b' }] });
    const got = await t.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: PROVIDER }));
    expect(got.SAMLMetadataDocument).toBe(metadata);
    expect(got.SAMLProviderUUID).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.ValidUntil!.getUTCFullYear()).toBe(got.CreateDate!.getUTCFullYear() + 100);
    const list = await t.iam.send(new ListSAMLProvidersCommand({}));
    expect(list.SAMLProviderList).toEqual([{ Arn: PROVIDER, ValidUntil: got.ValidUntil, CreateDate: got.CreateDate }]);
  });

  it('metadata that is not an IdP with a signing certificate is InvalidInput', async () => {
    const bad = `<?xml version="1.0"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x">${' '.repeat(1000)}</EntityDescriptor>`;
    const e = await sdkError(t.iam.send(new CreateSAMLProviderCommand({ Name: 'Bad', SAMLMetadataDocument: bad })));
    expect(e).toEqual({ name: 'InvalidInputException', status: 400, message: 'Could not parse metadata' });
    const notXml = await sdkError(t.iam.send(new CreateSAMLProviderCommand({ Name: 'Bad', SAMLMetadataDocument: 'x'.repeat(1000) })));
    expect(notXml.name).toBe('InvalidInputException');
    const short = await sdkError(t.iam.send(new CreateSAMLProviderCommand({ Name: 'Bad', SAMLMetadataDocument: '<a/>' })));
    expect(short.name).toBe('ValidationError');
  });

  it('a name in use is EntityAlreadyExists', async () => {
    const e = await sdkError(t.iam.send(new CreateSAMLProviderCommand({ Name: 'TestIdP', SAMLMetadataDocument: metadata })));
    expect(e).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 });
  });

  it('update: metadata and private keys (at most two)', async () => {
    await t.iam.send(new CreateSAMLProviderCommand({ Name: 'Other', SAMLMetadataDocument: metadata }));
    const arn = `arn:aws:iam::${ACCOUNT}:saml-provider/Other`;
    const key = () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const r = await t.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, AddPrivateKey: key(), AssertionEncryptionMode: 'Allowed' }));
    expect(r.SAMLProviderArn).toBe(arn);
    await t.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, AddPrivateKey: key() }));
    const third = await sdkError(t.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, AddPrivateKey: key() })));
    expect(third).toMatchObject({ name: 'LimitExceededException', status: 409 });
    const got = await t.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    expect(got.AssertionEncryptionMode).toBe('Allowed');
    expect(got.PrivateKeyList).toHaveLength(2);
    await t.iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, RemovePrivateKey: got.PrivateKeyList![0]!.KeyId }));
    expect((await t.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }))).PrivateKeyList).toHaveLength(1);
    await t.iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
  });

  it('tags; an unknown provider is NoSuchEntity', async () => {
    await t.iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: PROVIDER, Tags: [{ Key: 'c', Value: 'd' }] }));
    await t.iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: PROVIDER, TagKeys: ['a'] }));
    expect((await t.iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: PROVIDER }))).Tags).toEqual([{ Key: 'c', Value: 'd' }]);
    const missing = `arn:aws:iam::${ACCOUNT}:saml-provider/Nope`;
    const e = await sdkError(t.iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: missing })));
    expect(e).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
    expect((await sdkError(t.iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: missing })))).status).toBe(404);
  });
});

describe('AssumeRoleWithSAML', () => {
  beforeAll(async () => {
    await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'SamlAdmin',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: PROVIDER },
              Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
              Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' }, StringLike: { 'saml:sub': '*@example.com' } },
            },
          ],
        }),
      }),
    );
  });

  it('a signed assertion naming the role gets credentials', async () => {
    const r = await anon.send(
      new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ subject: 'alice@example.com' }) }),
    );
    expect(r.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/SamlAdmin/alice@example.com`);
    expect(r).toMatchObject({
      Subject: 'alice@example.com',
      SubjectType: 'persistent',
      Issuer: 'urn:iam-local:test-idp',
      Audience: 'https://signin.aws.amazon.com/saml',
    });
    expect(r.NameQualifier).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    const sts = new STSClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: { accessKeyId: r.Credentials!.AccessKeyId!, secretAccessKey: r.Credentials!.SecretAccessKey!, sessionToken: r.Credentials!.SessionToken! },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(r.AssumedRoleUser!.Arn);
  });

  it('SessionDuration attribute sets the duration; principal tags are session tags', async () => {
    const r = await anon.send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: ROLE,
        PrincipalArn: PROVIDER,
        SAMLAssertion: await assertion({ subject: 'bob@example.com', sessionDuration: 1800, principalTags: { team: 'blue' } }),
      }),
    );
    expect(r.Credentials!.Expiration!.getTime() - Date.now()).toBeLessThanOrEqual(1800_000 + 1000);
    expect(r.PackedPolicySize).toBeGreaterThan(0);
  });

  it('the trust policy conditions on saml: keys decide', async () => {
    const e = await sdkError(
      anon.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ subject: 'eve@evil.com' }) })),
    );
    expect(e).toEqual({ name: 'AccessDenied', status: 403, message: 'Not authorized to perform sts:AssumeRoleWithSAML' });
  });

  it('a tampered assertion fails signature verification', async () => {
    const xml = Buffer.from(await assertion({ subject: 'alice@example.com' }), 'base64').toString('utf8');
    const forged = Buffer.from(xml.replace(/alice@example\.com/g, 'mallory@example.com')).toString('base64');
    const e = await sdkError(anon.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: forged })));
    expect(e).toEqual({ name: 'InvalidIdentityTokenException', status: 400, message: 'Response signature invalid' });
  });

  it('an expired assertion is ExpiredTokenException', async () => {
    const e = await sdkError(
      anon.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ subject: 'a@example.com', expiresIn: -1 }) })),
    );
    expect(e).toMatchObject({ name: 'ExpiredTokenException', status: 400 });
  });

  it('an assertion without the role, or without RoleSessionName, is refused', async () => {
    const other = await sdkError(
      anon.send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: ROLE,
          PrincipalArn: PROVIDER,
          SAMLAssertion: await assertion({ subject: 'a@example.com', roleArn: `arn:aws:iam::${ACCOUNT}:role/Other` }),
        }),
      ),
    );
    expect(other).toMatchObject({ name: 'IDPRejectedClaimException', status: 403 });
    const noName = await sdkError(
      anon.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ subject: 'a@example.com', sessionName: null }) })),
    );
    expect(noName).toEqual({ name: 'InvalidIdentityTokenException', status: 400, message: 'RoleSessionName is required in AuthnResponse' });
  });

  it('an issuer other than the metadata entity, or a bad RoleSessionName, is InvalidIdentityToken', async () => {
    const issuer = await sdkError(
      anon.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ subject: 'a@example.com', issuer: 'urn:someone-else' }) })),
    );
    expect(issuer).toEqual({ name: 'InvalidIdentityTokenException', status: 400, message: 'Issuer not present in specified provider' });
    const name = await sdkError(
      anon.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: await assertion({ subject: 'a@example.com', sessionName: 'has space' }) })),
    );
    expect(name).toEqual({
      name: 'InvalidIdentityTokenException',
      status: 400,
      message: 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}',
    });
  });

  it('an unknown provider is InvalidIdentityToken; garbage is refused', async () => {
    const e = await sdkError(
      anon.send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: ROLE,
          PrincipalArn: `arn:aws:iam::${ACCOUNT}:saml-provider/Nope`,
          SAMLAssertion: await assertion({ subject: 'a@example.com' }),
        }),
      ),
    );
    expect(e).toEqual({ name: 'InvalidIdentityTokenException', status: 400, message: "Specified provider doesn't exist." });
    const junk = await sdkError(
      anon.send(new AssumeRoleWithSAMLCommand({ RoleArn: ROLE, PrincipalArn: PROVIDER, SAMLAssertion: Buffer.from('<x>'.repeat(2)).toString('base64') })),
    );
    expect(junk.name).toBe('InvalidIdentityTokenException');
  });
});
