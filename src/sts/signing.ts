// The key pairs iam-local signs with, created at first use and kept in the store (signing_keys) so
// that what it signed still verifies after a restart:
//   'oidc-issuer'         RS256 — iam-local's own OIDC issuer (tokens minted by /_iam/oidc/token)
//   'saml-idp'            RSA + self-signed X.509 — the test SAML IdP (/_iam/saml/*)
//   'outbound:<account>:<alg>' RS256 / ES384 — GetWebIdentityToken of one account
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type Forge from 'node-forge';
import { lazy } from '../lazy.js';
// Lazy: only the SAML IdP's certificate needs node-forge; start-up pays nothing for it.
const forgeLib = lazy<typeof Forge>('node-forge');
import type { Store } from '../store/store.js';
import type { SigningKeyRow } from '../store/signing-keys.js';

export interface SigningKey {
  kid: string;
  algorithm: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PEM of the self-signed certificate (SAML IdP keys only). */
  certificatePem?: string;
  row: SigningKeyRow;
}

const cache = new WeakMap<Store, Map<string, SigningKey>>();

function load(row: SigningKeyRow): SigningKey {
  return {
    kid: row.kid,
    algorithm: row.algorithm,
    privateKey: createPrivateKey(row.private_pem),
    publicKey: createPublicKey(row.public_pem),
    certificatePem: row.certificate_pem ?? undefined,
    row,
  };
}

const kidOf = (publicPem: string) =>
  createHash('sha256').update(createPublicKey(publicPem).export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 22);

function generate(algorithm: string): { privatePem: string; publicPem: string } {
  const pair =
    algorithm === 'ES384'
      ? generateKeyPairSync('ec', { namedCurve: 'P-384' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A self-signed certificate for an RSA key (what an IdP's metadata carries). */
function selfSigned(privatePem: string, publicPem: string, commonName: string, now: Date): string {
  const forge = forgeLib();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = '01' + createHash('sha1').update(publicPem).digest('hex').slice(0, 16);
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  const attrs = [{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'iam-local' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(forge.pki.privateKeyFromPem(privatePem) as Forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** The current key for a purpose, created (and stored) when there is none yet. */
export function signingKey(store: Store, purpose: string, algorithm = 'RS256', now = new Date()): SigningKey {
  let byPurpose = cache.get(store);
  if (!byPurpose) cache.set(store, (byPurpose = new Map()));
  const cached = byPurpose.get(purpose);
  if (cached && store.signingKeys.current(purpose)?.kid === cached.kid) return cached;
  let row = store.signingKeys.current(purpose);
  if (!row) {
    const { privatePem, publicPem } = generate(algorithm);
    row = {
      kid: kidOf(publicPem),
      purpose,
      algorithm,
      private_pem: privatePem,
      public_pem: publicPem,
      certificate_pem: purpose.startsWith('saml-idp') ? selfSigned(privatePem, publicPem, 'iam-local test IdP', now) : null,
      created_at: now.toISOString(),
    };
    store.signingKeys.insert(row);
  }
  const key = load(row);
  byPurpose.set(purpose, key);
  return key;
}

/** Every key of a purpose (a JWKS lists them all, so rotated-out keys still verify). */
export function signingKeys(store: Store, purpose: string): SigningKey[] {
  return store.signingKeys.all(purpose).map(load);
}

/** Base64 DER of a PEM certificate (the form metadata documents carry). */
export const certificateBase64 = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
