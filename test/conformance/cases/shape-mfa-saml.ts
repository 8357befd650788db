// Response shapes of virtual MFA devices and SAML providers, key for key as recorded against AWS.
import type { ConformanceCase } from '../types.js';
import { ls } from '../fixtures-shapes.js';
import { selfSignedCert } from '../../helpers/pki.js';

const mfa = (test: string) => ls('iam/test_iam_mfa', `test_iam_mfa.py::${test}`, '17-02-2026');
const saml = (test: string) => ls('iam/test_iam_saml_providers', `test_iam_saml_providers.py::${test}`, '13-02-2026');
const SERIAL = (name: string, path = '/') => `arn:aws:iam::{{account}}:mfa${path}${name}`;

const certBase64 = selfSignedCert('idp.conformance.example.com', 3650)
  .cert.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
  .replace(/\s+/g, '');
const METADATA =
  '<?xml version="1.0" encoding="UTF-8"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.conformance.example.com">' +
  '<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor use="signing">' +
  `<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${certBase64}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>` +
  '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.conformance.example.com/sso"/>' +
  '</IDPSSODescriptor></EntityDescriptor>';
const PROVIDER = 'arn:aws:iam::{{account}}:saml-provider/ConformanceIdP';
const GOT = {
  AssertionEncryptionMode: 'Allowed',
  CreateDate: '<datetime>',
  PrivateKeyList: [],
  SAMLMetadataDocument: METADATA,
  SAMLProviderUUID: '<any>',
  Tags: [],
  ValidUntil: '<datetime>',
};

export const cases: ConformanceCase[] = [
  {
    id: 'shape/mfa/virtual-device-lifecycle',
    source: mfa('TestVirtualMfaDevice::test_virtual_mfa_device_lifecycle[/test-path/]'),
    steps: [
      {
        action: 'CreateVirtualMFADevice',
        params: { VirtualMFADeviceName: 'dev1', Path: '/test-path/' },
        expect: { result: { VirtualMFADevice: { Base32StringSeed: '<any>', QRCodePNG: '<any>', SerialNumber: SERIAL('dev1', '/test-path/') } } },
      },
      { action: 'ListVirtualMFADevices', expect: { result: { IsTruncated: false, VirtualMFADevices: [{ SerialNumber: SERIAL('dev1', '/test-path/') }] } } },
      { action: 'DeleteVirtualMFADevice', params: { SerialNumber: SERIAL('dev1', '/test-path/') }, expect: { result: {} } },
    ],
  },
  {
    id: 'shape/mfa/double-slash-path',
    source: mfa('TestVirtualMfaDevice::test_virtual_mfa_device_lifecycle[/test//double/]'),
    steps: [
      {
        action: 'CreateVirtualMFADevice',
        params: { VirtualMFADeviceName: 'dev1', Path: '/test//double/' },
        expect: { result: { VirtualMFADevice: { Base32StringSeed: '<any>', QRCodePNG: '<any>', SerialNumber: SERIAL('dev1', '/test//double/') } } },
      },
    ],
  },
  {
    id: 'shape/mfa/list-by-assignment',
    source: mfa('TestVirtualMfaDevice::test_list_virtual_mfa_devices'),
    steps: [
      { action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'dev0' } },
      { action: 'CreateVirtualMFADevice', params: { VirtualMFADeviceName: 'dev1' } },
      {
        action: 'ListVirtualMFADevices',
        params: { AssignmentStatus: 'Unassigned' },
        expect: { result: { IsTruncated: false, VirtualMFADevices: [{ SerialNumber: SERIAL('dev0') }, { SerialNumber: SERIAL('dev1') }] } },
      },
      { action: 'ListVirtualMFADevices', params: { AssignmentStatus: 'Assigned' }, expect: { result: { IsTruncated: false, VirtualMFADevices: [] } } },
      {
        action: 'ListVirtualMFADevices',
        params: { AssignmentStatus: 'Any' },
        expect: { result: { IsTruncated: false, VirtualMFADevices: [{ SerialNumber: SERIAL('dev0') }, { SerialNumber: SERIAL('dev1') }] } },
      },
    ],
  },
  {
    id: 'shape/mfa/user-devices-empty',
    source: mfa('TestVirtualMfaDevice::test_enable_virtual_mfa_device') + ' list-mfa-devices-before',
    steps: [
      { action: 'CreateUser', params: { UserName: 'u1' } },
      { action: 'ListMFADevices', params: { UserName: 'u1' }, expect: { result: { IsTruncated: false, MFADevices: [] } } },
    ],
  },
  {
    id: 'shape/saml/create-get-list',
    source: saml('TestSAMLProviders::test_get_saml_provider') + '; test_create_saml_provider; test_list_saml_providers',
    steps: [
      { action: 'CreateSAMLProvider', params: { Name: 'ConformanceIdP', SAMLMetadataDocument: METADATA }, expect: { result: { SAMLProviderArn: PROVIDER } } },
      { action: 'GetSAMLProvider', params: { SAMLProviderArn: PROVIDER }, expect: { result: GOT } },
      { action: 'ListSAMLProviders', expect: { result: { SAMLProviderList: [{ Arn: PROVIDER, CreateDate: '<datetime>', ValidUntil: '<datetime>' }] } } },
    ],
  },
  {
    id: 'shape/saml/update-delete',
    source: saml('TestSAMLProviders::test_update_saml_provider') + '; test_delete_saml_provider',
    steps: [
      { action: 'CreateSAMLProvider', params: { Name: 'ConformanceIdP', SAMLMetadataDocument: METADATA } },
      { action: 'UpdateSAMLProvider', params: { SAMLProviderArn: PROVIDER, SAMLMetadataDocument: METADATA }, expect: { result: { SAMLProviderArn: PROVIDER } } },
      { action: 'GetSAMLProvider', params: { SAMLProviderArn: PROVIDER }, expect: { result: GOT } },
      { action: 'DeleteSAMLProvider', params: { SAMLProviderArn: PROVIDER }, expect: { result: {} } },
    ],
  },
];
