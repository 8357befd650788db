// iam-local as an OpenID Connect issuer, so AssumeRoleWithWebIdentity can be exercised offline:
// it publishes a discovery document and a JWKS, and mints RS256 ID tokens with chosen claims
// (e.g. a GitHub Actions-shaped token). Its key pair lives in the store (signing.ts).
//
// One issuer URL per server, whatever name the server is reached by (localhost, 127.0.0.1, a
// container name): IAM_LOCAL_OIDC_ISSUER / --oidc-issuer when set, else https://127.0.0.1:<the port
// the server listens on>. Discovery, minted tokens, ${ISSUER_URL} in seeds and the README all use
// it, so a provider registered for it matches every token. IAM only registers https:// providers,
// so the issuer is spelled with https even though iam-local itself serves plain HTTP (STS never
// fetches it: it verifies against the same keys directly).
import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
// Lazy: jose is loaded on first use (JWTs are rare requests); start-up pays nothing for it.
const jose = () => import('jose');
import type { Services } from '../context.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import { signingKey, signingKeys } from './signing.js';

export const OIDC_PURPOSE = 'oidc-issuer';
export const JWKS_PATH = '/_iam/oidc/jwks.json';
export const TOKEN_PATH = '/_iam/oidc/token';

// The port each server (its frozen Config, shared by its services and every request context)
// actually listens on: with --port 0 only listen() knows it.
const listeningPorts = new WeakMap<Config, number>();

export function recordListeningPort(config: Config, port: number) {
  listeningPorts.set(config, port);
}

/** The server's one OIDC issuer URL (see the header). */
export function serverIssuer(config: Config): string {
  return config.oidcIssuer ?? `https://127.0.0.1:${listeningPorts.get(config) ?? config.port}`;
}

export async function jwks(store: Store): Promise<{ keys: JWK[] }> {
  store.tx(() => signingKey(store, OIDC_PURPOSE)); // make sure one exists
  const keys = await Promise.all(
    signingKeys(store, OIDC_PURPOSE).map(async (k) => ({ ...(await (await jose()).exportJWK(k.publicKey)), kid: k.kid, alg: 'RS256', use: 'sig' })),
  );
  return { keys };
}

export function openidConfiguration(issuer: string, baseUrl: string) {
  return {
    issuer,
    jwks_uri: `${baseUrl}${JWKS_PATH}`,
    token_endpoint: `${baseUrl}${TOKEN_PATH}`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'amr'],
    scopes_supported: ['openid'],
  };
}

export interface MintRequest {
  /** Claims of the token; iss defaults to the issuer URL, iat/exp come from the server clock. */
  claims: Record<string, unknown>;
  /** Lifetime in seconds (default 3600); negative values mint an already expired token. */
  expiresIn?: number;
}

export async function mintToken(services: Services, issuer: string, req: MintRequest): Promise<{ token: string; claims: Record<string, unknown> }> {
  const key = services.store.tx(() => signingKey(services.store, OIDC_PURPOSE));
  const now = Math.floor(services.clock.nowMs() / 1000);
  const claims: Record<string, unknown> = {
    iss: issuer,
    jti: randomUUID(),
    iat: now,
    nbf: now,
    exp: now + (req.expiresIn ?? 3600),
    ...req.claims,
  };
  const token = await new (await jose()).SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  return { token, claims };
}
