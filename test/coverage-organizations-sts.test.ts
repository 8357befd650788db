// Coverage of the Organizations root-access operations (a standalone account) and of the STS errors
// session policies and session tags can produce on every session-issuing call, through the real SDK.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  ListOrganizationsFeaturesCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleWithSAMLCommand,
  AssumeRoleWithWebIdentityCommand,
  GetFederationTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { sdkError, startServer, userWithKey, type TestServer } from './helpers/server.js';

const ACCOUNT = '000000000000';
const NO_ORGANIZATION = {
  name: 'OrganizationNotFoundException',
  status: 400,
  message: 'The request was rejected because no organization is associated with your account.',
};
const MALFORMED_JSON = { name: 'MalformedPolicyDocumentException', status: 400, message: 'This policy contains invalid Json' };
const PACKED = /^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/;
/** Random values do not compress: 50 of them overflow the packed session budget. */
const bigTags = () => Array.from({ length: 50 }, (_, i) => ({ Key: `key-${i}`, Value: randomBytes(96).toString('base64') }));

let t: TestServer;
let anon: STSClient;
const OIDC_ROLE = `arn:aws:iam::${ACCOUNT}:role/CovWebIdentity`;
const SAML_ROLE = `arn:aws:iam::${ACCOUNT}:role/CovSaml`;
const SAML_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/CovIdP`;

beforeAll(async () => {
  t = await startServer();
  anon = new STSClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
  const issuer: string = (await t.admin('GET', '/.well-known/openid-configuration')).json.issuer;
  const host = issuer.replace('https://', '');
  await t.iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer, ClientIDList: ['sts.amazonaws.com'] }));
  await t.iam.send(
    new CreateRoleCommand({
      RoleName: 'CovWebIdentity',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` },
            Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
          },
        ],
      }),
    }),
  );
  const metadata = await (await fetch(`${t.url}/_iam/saml/metadata`)).text();
  await t.iam.send(new CreateSAMLProviderCommand({ Name: 'CovIdP', SAMLMetadataDocument: metadata }));
  await t.iam.send(
    new CreateRoleCommand({
      RoleName: 'CovSaml',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: SAML_PROVIDER }, Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'] }],
      }),
    }),
  );
});
afterAll(() => t.close());

async function webToken(claims: Record<string, unknown> = {}): Promise<string> {
  const r = await t.admin('POST', '/_iam/oidc/token', { sub: 'cov', aud: 'sts.amazonaws.com', ...claims });
  expect(r.status).toBe(200);
  return r.json.token;
}

async function samlAssertion(body: Record<string, unknown> = {}): Promise<string> {
  const r = await t.admin('POST', '/_iam/saml/assertion', { providerArn: SAML_PROVIDER, roleArn: SAML_ROLE, ...body });
  expect(r.status).toBe(200);
  return r.json.SAMLAssertion;
}

describe('Organizations root access: a standalone account has no organization', () => {
  it('EnableOrganizationsRootCredentialsManagement', async () => {
    expect(await sdkError(t.iam.send(new EnableOrganizationsRootCredentialsManagementCommand({})))).toEqual(NO_ORGANIZATION);
  });
  it('DisableOrganizationsRootCredentialsManagement', async () => {
    expect(await sdkError(t.iam.send(new DisableOrganizationsRootCredentialsManagementCommand({})))).toEqual(NO_ORGANIZATION);
  });
  it('EnableOrganizationsRootSessions', async () => {
    expect(await sdkError(t.iam.send(new EnableOrganizationsRootSessionsCommand({})))).toEqual(NO_ORGANIZATION);
  });
  it('DisableOrganizationsRootSessions', async () => {
    expect(await sdkError(t.iam.send(new DisableOrganizationsRootSessionsCommand({})))).toEqual(NO_ORGANIZATION);
  });
  it('ListOrganizationsFeatures', async () => {
    expect(await sdkError(t.iam.send(new ListOrganizationsFeaturesCommand({})))).toEqual(NO_ORGANIZATION);
  });
});

describe('AssumeRoleWithWebIdentity: session policy and size errors', () => {
  it('succeeds with a session policy', async () => {
    const r = await anon.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: OIDC_ROLE,
        RoleSessionName: 'cov',
        WebIdentityToken: await webToken(),
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      }),
    );
    expect(r.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/CovWebIdentity/cov`);
    expect(r.PackedPolicySize).toBeGreaterThanOrEqual(1);
  });

  it('a session policy that is not JSON is MalformedPolicyDocument', async () => {
    const e = await sdkError(
      anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: OIDC_ROLE, RoleSessionName: 'cov', WebIdentityToken: await webToken(), Policy: '{not json' })),
    );
    expect(e).toEqual(MALFORMED_JSON);
  });

  it('session tags from the token that overflow the packed budget are PackedPolicyTooLarge', async () => {
    const principal_tags = Object.fromEntries(bigTags().map((tag) => [tag.Key, [tag.Value]]));
    const token = await webToken({ 'https://aws.amazon.com/tags': { principal_tags } });
    const e = await sdkError(anon.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: OIDC_ROLE, RoleSessionName: 'cov', WebIdentityToken: token })));
    expect(e).toMatchObject({ name: 'PackedPolicyTooLargeException', status: 400 });
    expect(e.message).toMatch(PACKED);
  });
});

describe('AssumeRoleWithSAML: session policy and size errors', () => {
  it('a session policy that is not JSON is MalformedPolicyDocument', async () => {
    const e = await sdkError(
      anon.send(
        new AssumeRoleWithSAMLCommand({ RoleArn: SAML_ROLE, PrincipalArn: SAML_PROVIDER, SAMLAssertion: await samlAssertion(), Policy: '{not json' }),
      ),
    );
    expect(e).toEqual(MALFORMED_JSON);
  });

  it('session tags from the assertion that overflow the packed budget are PackedPolicyTooLarge', async () => {
    const attributes = Object.fromEntries(
      bigTags().map((tag) => [`https://aws.amazon.com/SAML/Attributes/PrincipalTag:${tag.Key}`, tag.Value]),
    );
    const e = await sdkError(
      anon.send(
        new AssumeRoleWithSAMLCommand({ RoleArn: SAML_ROLE, PrincipalArn: SAML_PROVIDER, SAMLAssertion: await samlAssertion({ attributes }) }),
      ),
    );
    expect(e).toMatchObject({ name: 'PackedPolicyTooLargeException', status: 400 });
    expect(e.message).toMatch(PACKED);
  });
});

describe('GetFederationToken: size errors', () => {
  it('tags that overflow the packed budget are PackedPolicyTooLarge', async () => {
    const u = await userWithKey(t, 'cov-federator');
    const e = await sdkError(u.sts.send(new GetFederationTokenCommand({ Name: 'guest', Tags: bigTags() })));
    expect(e).toMatchObject({ name: 'PackedPolicyTooLargeException', status: 400 });
    expect(e.message).toMatch(PACKED);
  });
});
