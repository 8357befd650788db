// Response shapes of OpenID Connect providers, key for key as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { ls } from '../fixtures-shapes.js';

const src = (test: string, date = '17-02-2026') => ls('iam/test_iam_oidc', `test_iam_oidc.py::${test}`, date);
const OIDC = 'arn:aws:iam::{{account}}:oidc-provider/oidc.example.com';
const B40 = 'b'.repeat(40);

export const cases: ConformanceCase[] = [
  {
    id: 'shape/oidc/create-returns-only-arn',
    source: src('TestOIDCProviderCreate::test_create_open_id_connect_provider'),
    steps: [
      {
        action: 'CreateOpenIDConnectProvider',
        params: { Url: 'https://oidc.example.com', 'ThumbprintList.member.1': B40 },
        expect: { result: { OpenIDConnectProviderArn: OIDC } },
      },
    ],
  },
  {
    id: 'shape/oidc/get-always-has-tags',
    source: src('TestOIDCProviderOperations::test_get_open_id_connect_provider'),
    steps: [
      { action: 'CreateOpenIDConnectProvider', params: { Url: 'https://oidc.example.com', 'ClientIDList.member.1': 'client-id-1', 'ThumbprintList.member.1': B40 } },
      {
        action: 'GetOpenIDConnectProvider',
        params: { OpenIDConnectProviderArn: OIDC },
        expect: { result: { ClientIDList: ['client-id-1'], CreateDate: '<datetime>', Tags: [], ThumbprintList: [B40], Url: 'oidc.example.com' } },
      },
    ],
  },
  {
    id: 'shape/oidc/update-thumbprint',
    source: src('TestOIDCProviderOperations::test_update_open_id_connect_provider_thumbprint'),
    steps: [
      { action: 'CreateOpenIDConnectProvider', params: { Url: 'https://oidc.example.com', 'ThumbprintList.member.1': B40 } },
      {
        action: 'UpdateOpenIDConnectProviderThumbprint',
        params: { OpenIDConnectProviderArn: OIDC, 'ThumbprintList.member.1': 'c'.repeat(40), 'ThumbprintList.member.2': 'd'.repeat(40) },
        expect: { result: {} },
      },
      {
        action: 'GetOpenIDConnectProvider',
        params: { OpenIDConnectProviderArn: OIDC },
        expect: { result: { ClientIDList: [], CreateDate: '<datetime>', Tags: [], ThumbprintList: ['c'.repeat(40), 'd'.repeat(40)], Url: 'oidc.example.com' } },
      },
    ],
  },
  {
    id: 'shape/oidc/tags',
    source: src('TestOIDCProviderTags::test_list_open_id_connect_provider_tags'),
    steps: [
      {
        action: 'CreateOpenIDConnectProvider',
        params: { Url: 'https://oidc.example.com', 'ThumbprintList.member.1': B40, 'Tags.member.1.Key': 'k1', 'Tags.member.1.Value': 'v1' },
      },
      { action: 'TagOpenIDConnectProvider', params: { OpenIDConnectProviderArn: OIDC, 'Tags.member.1.Key': 'k2', 'Tags.member.1.Value': 'v2' }, expect: { result: {} } },
      {
        action: 'ListOpenIDConnectProviderTags',
        params: { OpenIDConnectProviderArn: OIDC },
        expect: { result: { IsTruncated: false, Tags: [{ Key: 'k1', Value: 'v1' }, { Key: 'k2', Value: 'v2' }] } },
      },
      { action: 'UntagOpenIDConnectProvider', params: { OpenIDConnectProviderArn: OIDC, 'TagKeys.member.1': 'k2' }, expect: { result: {} } },
      {
        action: 'GetOpenIDConnectProvider',
        params: { OpenIDConnectProviderArn: OIDC },
        expect: { result: { ClientIDList: [], CreateDate: '<datetime>', Tags: [{ Key: 'k1', Value: 'v1' }], ThumbprintList: [B40], Url: 'oidc.example.com' } },
      },
    ],
  },
  {
    id: 'shape/oidc/list',
    source: src('TestOIDCProviderList::test_list_open_id_connect_providers', '17-02-2026'),
    steps: [
      { action: 'CreateOpenIDConnectProvider', params: { Url: 'https://oidc.example.com', 'ThumbprintList.member.1': B40 } },
      { action: 'ListOpenIDConnectProviders', expect: { result: { OpenIDConnectProviderList: [{ Arn: OIDC }] } } },
      { action: 'DeleteOpenIDConnectProvider', params: { OpenIDConnectProviderArn: OIDC }, expect: { result: {} } },
    ],
  },
];
