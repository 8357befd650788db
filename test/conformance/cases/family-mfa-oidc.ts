// MFA devices and OpenID Connect providers: messages and edge semantics as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { createUser, err, exists, invalid, limit, notFound, noUser, recorded, validation } from '../fid-common.js';

const MFA = (test: string, date = '17-02-2026') => recorded('test_iam_mfa', `TestVirtualMfaDevice::${test}`, date);
const O = (cls: string, test: string, date = '17-02-2026') => recorded('test_iam_oidc', `${cls}::${test}`, date);
const TP = (c: string) => c.repeat(40);
const createOidc = (host: string, extra: Record<string, string> = {}) => ({
  action: 'CreateOpenIDConnectProvider',
  params: { Url: `https://${host}`, 'ThumbprintList.member.1': TP('a'), ...extra },
  save: { oidcArn: 'OpenIDConnectProviderArn' },
});

export const cases: ConformanceCase[] = [
  {
    id: 'family/mfa/invalid-marker',
    source: MFA('test_list_virtual_mfa_devices'),
    steps: [
      { action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'mfa-list-0' } },
      { action: 'ListVirtualMFADevices', params: { Marker: 'invalid-marker-value' }, expect: validation('Invalid Marker.') },
    ],
  },
  {
    id: 'family/mfa/unassigned-entries-carry-only-the-serial',
    source: MFA('test_list_virtual_mfa_devices'),
    steps: [
      { action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'mfa-list-0' } },
      {
        action: 'ListVirtualMFADevices',
        params: { AssignmentStatus: 'Unassigned' },
        expect: { result: { IsTruncated: false, VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::{{account}}:mfa/mfa-list-0' }] } },
      },
      { action: 'ListVirtualMFADevices', params: { AssignmentStatus: 'Assigned' }, expect: { result: { IsTruncated: false, VirtualMFADevices: [] } } },
    ],
  },
  {
    id: 'family/mfa/create-duplicate',
    source: MFA('test_virtual_mfa_device_errors'),
    steps: [
      { action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'mfa-1' } },
      { action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'mfa-1' }, expect: exists('MFA device already exists.') },
    ],
  },
  {
    id: 'family/mfa/delete-unknown',
    source: MFA('test_virtual_mfa_device_errors'),
    steps: [
      {
        action: 'DeleteVirtualMFADevice',
        params: { SerialNumber: 'arn:aws:iam::{{account}}:mfa/nonexistent-device' },
        expect: notFound('MFA Device with serial number arn:aws:iam::{{account}}:mfa/nonexistent-device does not exist.'),
      },
    ],
  },
  {
    id: 'family/mfa/path-with-double-slash',
    source: MFA('test_virtual_mfa_device_lifecycle[/test//double/]'),
    steps: [
      {
        action: 'CreateVirtualMFADevice',
        params: { VirtualMFADeviceName: 'mfa-1', Path: '/test//double/' },
        expect: { result: { VirtualMFADevice: { Base32StringSeed: '<any>', QRCodePNG: '<any>', SerialNumber: 'arn:aws:iam::{{account}}:mfa/test//double/mfa-1' } } },
      },
      { action: 'DeleteVirtualMFADevice', params: { SerialNumber: 'arn:aws:iam::{{account}}:mfa/test//double/mfa-1' }, expect: { result: {} } },
    ],
  },
  {
    id: 'family/mfa/enable-and-deactivate-unknown-user',
    source: MFA('test_enable_mfa_device_errors'),
    steps: [
      { action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'mfa-1' } },
      {
        action: 'EnableMFADevice',
        params: { UserName: 'nonexistent-user', SerialNumber: 'arn:aws:iam::{{account}}:mfa/mfa-1', AuthenticationCode1: '123456', AuthenticationCode2: '654321' },
        expect: noUser('nonexistent-user'),
      },
      { action: 'DeactivateMFADevice', params: { UserName: 'nonexistent-user', SerialNumber: 'arn:aws:iam::{{account}}:mfa/mfa-1' }, expect: noUser('nonexistent-user') },
    ],
  },
  {
    id: 'family/mfa/deactivate-unknown-device',
    source: MFA('test_enable_mfa_device_errors'),
    steps: [
      createUser('u1'),
      {
        action: 'DeactivateMFADevice',
        params: { UserName: 'u1', SerialNumber: 'arn:aws:iam::{{account}}:mfa/nonexistent-mfa' },
        expect: notFound('MFA Device with serial number arn:aws:iam::{{account}}:mfa/nonexistent-mfa does not exist.'),
      },
    ],
  },
  {
    id: 'family/mfa/list-for-user-empty',
    source: MFA('test_enable_virtual_mfa_device'),
    steps: [createUser('u1'), { action: 'ListMFADevices', params: { UserName: 'u1' }, expect: { result: { IsTruncated: false, MFADevices: [] } } }],
  },
  // OpenID Connect providers
  {
    id: 'family/oidc/create-duplicate',
    source: O('TestOIDCProviderCreateErrors', 'test_create_open_id_connect_provider_duplicate_error'),
    steps: [createOidc('oidc-dup.example.com'), { ...createOidc('oidc-dup.example.com'), save: undefined, expect: exists('Provider with url https://oidc-dup.example.com already exists.') }],
  },
  {
    id: 'family/oidc/six-thumbprints',
    source: O('TestOIDCProviderCreateErrors', 'test_create_open_id_connect_provider_too_many_thumbprints'),
    steps: [
      {
        action: 'CreateOpenIDConnectProvider',
        params: { Url: 'https://oidc-thumbs.example.com', ...Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((c, i) => [`ThumbprintList.member.${i + 1}`, TP(c)])) },
        expect: invalid('Thumbprint list must contain fewer than 5 entries.'),
      },
    ],
  },
  {
    id: 'family/oidc/101-client-ids',
    source: O('TestOIDCProviderCreateErrors', 'test_create_open_id_connect_provider_quota_error'),
    steps: [
      {
        action: 'CreateOpenIDConnectProvider',
        params: {
          Url: 'https://oidc-clients.example.com',
          'ThumbprintList.member.1': TP('a'),
          ...Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`ClientIDList.member.${i + 1}`, String(i)])),
        },
        expect: limit('Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100'),
      },
    ],
  },
  {
    id: 'family/oidc/url-without-scheme',
    source: O('TestOIDCProviderCreateErrors', 'test_create_open_id_connect_provider_invalid_url', '18-02-2026'),
    steps: [
      {
        action: 'CreateOpenIDConnectProvider',
        params: { Url: 'example.org', 'ThumbprintList.member.1': TP('a') },
        expect: validation('Invalid Open ID Connect Provider URL'),
      },
    ],
  },
  {
    id: 'family/oidc/get-unknown',
    source: O('TestOIDCProviderOperations', 'test_get_open_id_connect_provider_not_found', '18-02-2026'),
    steps: [
      {
        action: 'GetOpenIDConnectProvider',
        params: { OpenIDConnectProviderArn: 'arn:aws:iam::{{account}}:oidc-provider/non-existent.example.com' },
        expect: notFound('OpenIDConnect Provider not found for arn arn:aws:iam::{{account}}:oidc-provider/non-existent.example.com'),
      },
    ],
  },
  {
    id: 'family/oidc/delete-twice',
    source: O('TestOIDCProviderOperations', 'test_delete_open_id_connect_provider', '18-02-2026'),
    steps: [
      createOidc('oidc-delete.example.com'),
      { action: 'DeleteOpenIDConnectProvider', params: { OpenIDConnectProviderArn: '{{oidcArn}}' }, expect: { result: {} } },
      {
        action: 'GetOpenIDConnectProvider',
        params: { OpenIDConnectProviderArn: '{{oidcArn}}' },
        expect: notFound('OpenIDConnect Provider not found for arn arn:aws:iam::{{account}}:oidc-provider/oidc-delete.example.com'),
      },
      {
        action: 'DeleteOpenIDConnectProvider',
        params: { OpenIDConnectProviderArn: '{{oidcArn}}' },
        expect: notFound('OpenId connect Provider arn:aws:iam::{{account}}:oidc-provider/oidc-delete.example.com cannot be found.'),
      },
    ],
  },
  {
    id: 'family/oidc/fifty-first-tag',
    source: O('TestOIDCProviderTags', 'test_open_id_connect_provider_tags_limit', '18-02-2026'),
    steps: [
      createOidc(
        'oidc-tagsmax.example.com',
        Object.fromEntries(
          Array.from({ length: 50 }, (_, i) => [
            [`Tags.member.${i + 1}.Key`, `k${String(i).padStart(2, '0')}`],
            [`Tags.member.${i + 1}.Value`, `v${i}`],
          ]).flat(),
        ),
      ),
      {
        action: 'TagOpenIDConnectProvider',
        params: { OpenIDConnectProviderArn: '{{oidcArn}}', 'Tags.member.1.Key': 'string', 'Tags.member.1.Value': 'string' },
        expect: limit('The number of tags has reached the maximum limit.'),
      },
    ],
  },
  {
    id: 'family/oidc/list-tags-pages',
    source: O('TestOIDCProviderTags', 'test_list_open_id_connect_provider_tags_max_items'),
    steps: [
      createOidc(
        'oidc-tagspages.example.com',
        Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [
            [`Tags.member.${i + 1}.Key`, `k${String(i).padStart(2, '0')}`],
            [`Tags.member.${i + 1}.Value`, `v${i}`],
          ]).flat(),
        ),
      ),
      { action: 'ListOpenIDConnectProviderTags', params: { OpenIDConnectProviderArn: '{{oidcArn}}', MaxItems: 4 }, save: { m1: 'Marker' } },
      { action: 'ListOpenIDConnectProviderTags', params: { OpenIDConnectProviderArn: '{{oidcArn}}', MaxItems: 4, Marker: '{{m1}}' }, save: { m2: 'Marker' } },
      {
        action: 'ListOpenIDConnectProviderTags',
        params: { OpenIDConnectProviderArn: '{{oidcArn}}', Marker: '{{m2}}' },
        expect: { result: { IsTruncated: false, Tags: [{ Key: 'k08', Value: 'v8' }, { Key: 'k09', Value: 'v9' }] } },
      },
    ],
  },
  {
    id: 'family/oidc/list-tags-invalid-marker',
    source: `unconfirmed: "Invalid Marker." is recorded for ListVirtualMFADevices (${MFA('test_list_virtual_mfa_devices')}); the same marker check is assumed for other paged lists`,
    steps: [
      createOidc('oidc-marker.example.com'),
      { action: 'ListOpenIDConnectProviderTags', params: { OpenIDConnectProviderArn: '{{oidcArn}}', Marker: 'invalid-marker-value' }, expect: validation('Invalid Marker.') },
    ],
  },
  {
    id: 'family/marker/list-users-invalid',
    source: `unconfirmed: "Invalid Marker." is recorded for ListVirtualMFADevices (${MFA('test_list_virtual_mfa_devices')}); the same marker check is assumed for other paged lists`,
    steps: [createUser('u1'), { action: 'ListUsers', params: { Marker: 'invalid-marker-value' }, expect: validation('Invalid Marker.') }],
  },
  {
    id: 'family/marker/list-policies-invalid',
    source: `unconfirmed: "Invalid Marker." is recorded for ListVirtualMFADevices (${MFA('test_list_virtual_mfa_devices')}); the same marker check is assumed for other paged lists`,
    steps: [{ action: 'ListPolicies', params: { Scope: 'Local', Marker: 'invalid-marker-value' }, expect: validation('Invalid Marker.') }],
  },
  {
    id: 'family/mfa/already-in-use',
    source: 'unconfirmed: needs two valid TOTP codes of the device, which a data-driven case cannot compute; recorded message "MFA Device is already in use." (test_iam_mfa.snapshot.json test_enable_mfa_device_already_attached, 24-02-2026) is asserted in test/mfa.test.ts',
    steps: [
      createUser('u1'),
      {
        action: 'EnableMFADevice',
        params: { UserName: 'u1', SerialNumber: 'arn:aws:iam::{{account}}:mfa/never-created', AuthenticationCode1: '123456', AuthenticationCode2: '654321' },
        expect: notFound('MFA Device with serial number arn:aws:iam::{{account}}:mfa/never-created does not exist.'),
      },
    ],
  },
];
void err;
