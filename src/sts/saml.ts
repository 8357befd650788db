// sts:AssumeRoleWithSAML — a SAML 2.0 Response (base64) for role credentials:
//   1. PrincipalArn names a SAML provider of the role's account;
//   2. the assertion's signature verifies (xml-crypto) against a signing certificate of that
//      provider's metadata, and the data used afterwards is read only from the signed assertion;
//   3. its Issuer is the metadata's entityID, its audience AWS's SAML endpoint, and it is still
//      valid by the server clock (Conditions / SubjectConfirmationData NotOnOrAfter);
//   4. its https://aws.amazon.com/SAML/Attributes/Role attribute pairs RoleArn with PrincipalArn,
//      and RoleSessionName is present;
//   5. the role's trust policy allows sts:AssumeRoleWithSAML for the provider, with the saml: keys
//      (saml:aud, saml:iss, saml:sub, saml:sub_type, saml:namequalifier, saml:doc, other attributes).
import { createHash } from 'node:crypto';
import { lazy } from '../lazy.js';
// Lazy: only AssumeRoleWithSAML parses and verifies XML; start-up pays nothing for these packages.
const xmldom = lazy<typeof import('@xmldom/xmldom')>('@xmldom/xmldom');
const fxp = lazy<typeof import('fast-xml-parser')>('fast-xml-parser');
const xmlCrypto = lazy<typeof import('xml-crypto')>('xml-crypto');
import type { RequestContext } from '../context.js';
import type { StsHandlers } from '../protocol/handlers.js';
import { accessDenied } from '../protocol/errors.js';
import type { Tag } from '../protocol/generated/sts-types.js';
import { parseSamlMetadata } from '../iam/saml-providers.js';
import { issueRoleSession } from './assume-role.js';
import { findRole } from '../resolution/roles.js';
import { policyArnsOf } from './session-params.js';
import { decideAssume, federatedTrustRequest } from '../authz/trust.js';
import { expiredTokenException, idpRejectedClaim, invalidIdentityToken } from './web-identity.js';
import { ATTR } from './saml-idp.js';
import { own } from '../own.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithSAML';
const SAML_AUDIENCES = /^https:\/\/([a-z0-9-]+\.)?signin\.aws\.amazon\.com\/saml$/;

let parserMemo: import('fast-xml-parser').XMLParser | undefined;
const parser = () => (parserMemo ??= new (fxp().XMLParser)({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false }));
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v && typeof v === 'object' && '#text' in v ? String((v as { '#text': unknown })['#text']) : undefined;

interface Assertion {
  issuer: string;
  subject: string;
  subjectFormat: string;
  audiences: string[];
  notOnOrAfter?: Date;
  notBefore?: Date;
  recipient?: string;
  attributes: Map<string, string[]>;
}

const pem = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

/** Verifies the signature and returns the signed assertion's content; InvalidIdentityToken otherwise. */
function verifiedAssertion(xml: string, certificates: string[]): Assertion {
  let doc: Document;
  try {
    doc = new (xmldom().DOMParser)({ onError: () => { throw new Error('bad xml'); } }).parseFromString(xml, 'text/xml') as unknown as Document;
  } catch {
    throw invalidIdentityToken('Invalid SAML response');
  }
  const signatures = Array.from(doc.getElementsByTagNameNS(DSIG, 'Signature'));
  if (!signatures.length) throw invalidIdentityToken('Response signature invalid');
  let signedXml: string | undefined;
  for (const cert of certificates) {
    for (const node of signatures) {
      try {
        const sig = new (xmlCrypto().SignedXml)({ publicCert: pem(cert), getCertFromKeyInfo: () => null });
        sig.loadSignature(node as unknown as Node);
        if (sig.checkSignature(xml)) {
          signedXml = sig.getSignedReferences().find((r) => /^<([\w-]+:)?(Assertion|Response)[\s>]/.test(r));
          if (signedXml) break;
        }
      } catch {
        // try the next certificate / signature
      }
    }
    if (signedXml) break;
  }
  if (!signedXml) throw invalidIdentityToken('Response signature invalid');
  const parsed = parser().parse(signedXml) as Record<string, any>;
  const a = parsed.Assertion ?? asList<any>(parsed.Response?.Assertion)[0];
  if (!a) throw invalidIdentityToken('Invalid SAML response');
  const nameId = a.Subject?.NameID;
  const confirmation = asList<any>(a.Subject?.SubjectConfirmation)[0]?.SubjectConfirmationData;
  const attributes = new Map<string, string[]>();
  for (const st of asList<any>(a.AttributeStatement))
    for (const attr of asList<any>(st.Attribute))
      attributes.set(String(attr['@Name']), asList(attr.AttributeValue).map((v) => text(v) ?? '').map((s) => s.trim()));
  const date = (s: unknown) => (typeof s === 'string' && !Number.isNaN(Date.parse(s)) ? new Date(s) : undefined);
  const notOnOrAfter = [date(a.Conditions?.['@NotOnOrAfter']), date(confirmation?.['@NotOnOrAfter'])]
    .filter((d): d is Date => !!d)
    .sort((x, y) => x.getTime() - y.getTime())[0];
  return {
    issuer: (text(a.Issuer) ?? '').trim(),
    subject: (text(nameId) ?? '').trim(),
    subjectFormat: (nameId && typeof nameId === 'object' && nameId['@Format']) || 'urn:oasis:names:tc:SAML:2.0:nameid-format:unspecified',
    audiences: asList<any>(a.Conditions?.AudienceRestriction).flatMap((r) => asList(r.Audience).map((x) => (text(x) ?? '').trim())),
    notOnOrAfter,
    notBefore: date(a.Conditions?.['@NotBefore']),
    recipient: confirmation?.['@Recipient'],
    attributes,
  };
}

const SHORT_FORMATS: Record<string, string> = {
  'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent': 'persistent',
  'urn:oasis:names:tc:SAML:2.0:nameid-format:transient': 'transient',
};

export const samlHandlers: StsHandlers = {
  AssumeRoleWithSAML(ctx: RequestContext, input) {
    const role = findRole(ctx, input.RoleArn);
    if (!role) throw accessDenied(NOT_AUTHORIZED);
    const provider = ctx.store.identityProviders.getSaml(input.PrincipalArn);
    if (!provider || provider.account_id !== role.account_id) throw invalidIdentityToken("Specified provider doesn't exist.");
    let xml: string;
    try {
      xml = Buffer.from(input.SAMLAssertion, 'base64').toString('utf8');
    } catch {
      throw invalidIdentityToken('Invalid SAML response');
    }
    if (!xml.trimStart().startsWith('<')) throw invalidIdentityToken('Invalid SAML response');
    const meta = parseSamlMetadata(provider.metadata);
    const a = verifiedAssertion(xml, meta.certificates);
    if (a.issuer !== meta.entityId) throw invalidIdentityToken('Issuer not present in specified provider');
    const audience = a.audiences.find((x) => SAML_AUDIENCES.test(x));
    if (!audience) throw invalidIdentityToken('Audience restriction of the SAML assertion does not name AWS (https://signin.aws.amazon.com/saml).');
    const now = ctx.now();
    if (a.notOnOrAfter && (a.notOnOrAfter.getTime() <= now.getTime() || ctx.clock.artefactEnded(`saml:${createHash('sha256').update(xml).digest('base64url')}`, a.notOnOrAfter.getTime())))
      throw expiredTokenException('Token must be redeemed within 5 minutes of issuance');
    if (a.notBefore && a.notBefore.getTime() > now.getTime() + 5 * 60_000) throw invalidIdentityToken('The SAML assertion is not yet valid.');
    if (new Date(provider.valid_until).getTime() <= now.getTime()) throw invalidIdentityToken('The SAML provider metadata has expired.');

    const pairs = (a.attributes.get(`${ATTR}Role`) ?? []).map((v) => v.split(',').map((s) => s.trim()));
    if (!pairs.some((p) => p.includes(input.RoleArn) && p.includes(input.PrincipalArn)))
      throw idpRejectedClaim(`The SAML assertion does not grant the role ${input.RoleArn} with provider ${input.PrincipalArn}.`);
    const sessionName = a.attributes.get(`${ATTR}RoleSessionName`)?.[0];
    if (!sessionName) throw invalidIdentityToken('RoleSessionName is required in AuthnResponse');
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) throw invalidIdentityToken('RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}');
    const durationAttr = Number(a.attributes.get(`${ATTR}SessionDuration`)?.[0]);
    const durationSeconds = input.DurationSeconds ?? (Number.isInteger(durationAttr) && durationAttr >= 900 ? durationAttr : undefined);
    const sourceIdentity = a.attributes.get(`${ATTR}SourceIdentity`)?.[0];
    const tags: Tag[] = [];
    for (const [name, values] of a.attributes)
      if (name.startsWith(`${ATTR}PrincipalTag:`)) tags.push({ Key: name.slice(`${ATTR}PrincipalTag:`.length), Value: values[0] ?? '' });
    const transitive = a.attributes.get(`${ATTR}TransitiveTagKeys`) ?? [];

    const providerName = provider.name;
    const nameQualifier = createHash('sha1').update(`${a.issuer}${role.account_id}/${providerName}`).digest('base64');
    const subjectType = own(SHORT_FORMATS, a.subjectFormat) ?? a.subjectFormat;
    const claims: Record<string, string | string[]> = {
      'saml:aud': a.recipient ?? audience,
      'saml:iss': a.issuer,
      'saml:sub': a.subject,
      'saml:sub_type': subjectType,
      'saml:namequalifier': nameQualifier,
      'saml:doc': `${role.account_id}/${providerName}`,
      'aws:FederatedProvider': input.PrincipalArn,
    };
    // Other attributes are saml:<name> keys (e.g. urn:oid:… or eduPerson… names as sent).
    for (const [name, values] of a.attributes)
      if (!name.startsWith(ATTR)) claims[`saml:${name}`] = values.length === 1 ? values[0]! : values;
    const { context, actions } = federatedTrustRequest('sts:AssumeRoleWithSAML', claims, sessionName, tags, sourceIdentity);

    const decision = decideAssume(ctx, {
      caller: { kind: 'federated', providerArn: input.PrincipalArn, accountId: role.account_id },
      role,
      actions,
      context,
      mfaPresent: false,
    });
    if (!decision.allowed) throw accessDenied(NOT_AUTHORIZED);
    const result = issueRoleSession(ctx, {
      role,
      sessionName,
      durationSeconds,
      chained: false,
      policy: input.Policy,
      policyArns: policyArnsOf(input.PolicyArns),
      tags,
      transitiveTagKeys: transitive,
      sourceIdentity,
      mfaPresent: false,
      issuedBy: 'AssumeRoleWithSAML',
      context: claims,
    });
    return {
      Credentials: result.Credentials,
      AssumedRoleUser: result.AssumedRoleUser,
      PackedPolicySize: result.PackedPolicySize,
      Subject: a.subject,
      SubjectType: subjectType,
      Issuer: a.issuer,
      Audience: a.recipient ?? audience,
      NameQualifier: nameQualifier,
      SourceIdentity: sourceIdentity,
    };
  },
};
