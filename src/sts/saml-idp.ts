// iam-local's test SAML identity provider: a key pair with a self-signed certificate (kept in the
// store), the IdP metadata to pass to CreateSAMLProvider, and SAML Responses signed with xml-crypto
// for providers created from that metadata — so AssumeRoleWithSAML can be exercised offline.
import { randomUUID } from 'node:crypto';
import { lazy } from '../lazy.js';
// Lazy: only the test IdP signs with xml-crypto; start-up pays nothing for it.
const xmlCrypto = lazy<typeof import('xml-crypto')>('xml-crypto');
import type { Services } from '../context.js';
import { parseSamlMetadata } from '../iam/saml-providers.js';
import { certificateBase64, signingKey } from './signing.js';
import { xmlLegal } from '../protocol/serialize.js';

export const SAML_IDP_PURPOSE = 'saml-idp';
/** A stable entity id, so metadata taken from one run still matches after a restart. */
export const TEST_IDP_ENTITY_ID = 'urn:iam-local:test-idp';
export const AWS_SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';
export const ATTR = 'https://aws.amazon.com/SAML/Attributes/';

const esc = (s: string) => xmlLegal(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function samlTestIdpMetadata(services: Services, baseUrl: string): string {
  const key = services.store.tx(() => signingKey(services.store, SAML_IDP_PURPOSE));
  const cert = certificateBase64(key.certificatePem!);
  // Padded with an Organization element: IAM wants metadata of at least 1,000 characters.
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${TEST_IDP_ENTITY_ID}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${esc(baseUrl)}/sso"/>
  </md:IDPSSODescriptor>
  <md:Organization>
    <md:OrganizationName xml:lang="en">iam-local</md:OrganizationName>
    <md:OrganizationDisplayName xml:lang="en">iam-local test identity provider</md:OrganizationDisplayName>
    <md:OrganizationURL xml:lang="en">${esc(baseUrl)}</md:OrganizationURL>
  </md:Organization>
</md:EntityDescriptor>
`;
}

export interface TestAssertionRequest {
  /** The IAM SAML provider (created from /_iam/saml/metadata). */
  providerArn: string;
  /** Role ARN(s) the assertion grants (each paired with providerArn in the Role attribute). */
  roleArn?: string;
  roleArns?: string[];
  /** NameID (default "user@example.com") and its format (default persistent). */
  subject?: string;
  subjectFormat?: string;
  /** RoleSessionName attribute (default = subject); null leaves it out. */
  sessionName?: string | null;
  sessionDuration?: number;
  sourceIdentity?: string;
  principalTags?: Record<string, string>;
  transitiveTagKeys?: string[];
  /** Further attributes: name → value(s). */
  attributes?: Record<string, string | string[]>;
  audience?: string;
  issuer?: string;
  /** Validity from now, seconds (default 300); negative gives an already expired assertion. */
  expiresIn?: number;
}

function attribute(name: string, values: string[]): string {
  return `<saml:Attribute Name="${esc(name)}">${values
    .map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`)
    .join('')}</saml:Attribute>`;
}

export function signTestAssertion(services: Services, _baseUrl: string, req: TestAssertionRequest): { SAMLAssertion: string; xml: string } | { error: string } {
  const { store, clock } = services;
  if (!req || typeof req.providerArn !== 'string') return { error: 'providerArn is required.' };
  const provider = store.identityProviders.getSaml(req.providerArn);
  if (!provider) return { error: `No SAML provider ${req.providerArn}.` };
  const key = store.tx(() => signingKey(store, SAML_IDP_PURPOSE));
  const cert = certificateBase64(key.certificatePem!);
  if (!parseSamlMetadata(provider.metadata).certificates.includes(cert))
    return { error: 'That provider was not created from the metadata of iam-local\'s test IdP (GET /_iam/saml/metadata).' };
  const roles = req.roleArns ?? (req.roleArn ? [req.roleArn] : []);
  if (!roles.length) return { error: 'roleArn (or roleArns) is required.' };

  const now = clock.now();
  const until = new Date(now.getTime() + (req.expiresIn ?? 300) * 1000);
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const subject = req.subject ?? 'user@example.com';
  const audience = req.audience ?? AWS_SAML_AUDIENCE;
  const issuer = req.issuer ?? TEST_IDP_ENTITY_ID;
  const attrs: string[] = [attribute(`${ATTR}Role`, roles.map((r) => `${r},${req.providerArn}`))];
  const sessionName = req.sessionName === undefined ? subject : req.sessionName;
  if (sessionName !== null) attrs.push(attribute(`${ATTR}RoleSessionName`, [sessionName]));
  if (req.sessionDuration !== undefined) attrs.push(attribute(`${ATTR}SessionDuration`, [String(req.sessionDuration)]));
  if (req.sourceIdentity !== undefined) attrs.push(attribute(`${ATTR}SourceIdentity`, [req.sourceIdentity]));
  for (const [k, v] of Object.entries(req.principalTags ?? {})) attrs.push(attribute(`${ATTR}PrincipalTag:${k}`, [v]));
  if (req.transitiveTagKeys?.length) attrs.push(attribute(`${ATTR}TransitiveTagKeys`, req.transitiveTagKeys));
  for (const [k, v] of Object.entries(req.attributes ?? {})) attrs.push(attribute(k, Array.isArray(v) ? v : [v]));

  const assertionId = `_${randomUUID()}`;
  const xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${iso(now)}" Destination="${esc(audience)}">` +
    `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${esc(req.subjectFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent')}">${esc(subject)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(until)}" Recipient="${esc(audience)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(new Date(now.getTime() - 5000))}" NotOnOrAfter="${iso(until)}"><saml:AudienceRestriction><saml:Audience>${esc(audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${assertionId}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attrs.join('')}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`;

  const sig = new (xmlCrypto().SignedXml)({
    privateKey: key.row.private_pem,
    publicCert: key.certificatePem!,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
  sig.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  sig.computeSignature(xml, {
    location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' },
  });
  const signed = sig.getSignedXml();
  return { SAMLAssertion: Buffer.from(signed, 'utf8').toString('base64'), xml: signed };
}
