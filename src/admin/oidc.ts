// iam-local's own identity providers, for testing federation offline:
//   GET  /.well-known/openid-configuration   OIDC discovery (issuer, jwks_uri)
//   GET  /_iam/oidc/jwks.json                 the issuer's public keys
//   POST /_iam/oidc/token                     mint an ID token: JSON claims, plus "expiresIn" (s)
//        e.g. {"sub":"repo:org/repo:ref:refs/heads/main","aud":"sts.amazonaws.com"}
//        → {"token","issuer","claims","expiresAt"}
//   GET  /_iam/saml/metadata                  metadata of the test SAML IdP (for CreateSAMLProvider)
//   POST /_iam/saml/assertion                 a signed SAML Response for a provider created with it
//   GET  /_iam/outbound/<account>/.well-known/{openid-configuration,jwks.json}
//                                             the account's outbound issuer (sts:GetWebIdentityToken)
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../context.js';
import { serverIssuer, jwks, mintToken, openidConfiguration } from '../sts/oidc-issuer.js';
// Lazy: jose is loaded on first use (JWTs are rare requests); start-up pays nothing for it.
const jose = () => import('jose');
import { outboundKeys } from '../sts/outbound-token.js';
import { samlTestIdpMetadata, signTestAssertion, type TestAssertionRequest } from '../sts/saml-idp.js';

const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.headers.host ?? '127.0.0.1'}`;

export function registerOidcRoutes(app: FastifyInstance, services: Services) {
  app.get('/.well-known/openid-configuration', async (req) => openidConfiguration(serverIssuer(services.config), baseUrl(req)));

  app.get('/_iam/oidc/jwks.json', async () => jwks(services.store));

  app.post<{ Body: Record<string, unknown> | undefined }>('/_iam/oidc/token', async (req, reply) => {
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return reply.code(400).send({ error: 'Give the token claims as a JSON object, e.g. {"sub":"…","aud":"sts.amazonaws.com"}.' });
    const { expiresIn, ...claims } = body;
    if (expiresIn !== undefined && (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)))
      return reply.code(400).send({ error: 'expiresIn must be a number of seconds.' });
    if (claims.sub !== undefined && typeof claims.sub !== 'string') return reply.code(400).send({ error: 'sub must be a string.' });
    const issuer = serverIssuer(services.config);
    const minted = await mintToken(services, issuer, { claims, expiresIn: expiresIn as number | undefined });
    return {
      token: minted.token,
      issuer: minted.claims.iss,
      claims: minted.claims,
      expiresAt: new Date((minted.claims.exp as number) * 1000).toISOString(),
    };
  });

  app.get('/_iam/saml/metadata', async (req, reply) => {
    const xml = samlTestIdpMetadata(services, `${baseUrl(req)}/_iam/saml`);
    return reply.header('content-type', 'application/samlmetadata+xml').send(xml);
  });

  app.post<{ Body: TestAssertionRequest | undefined }>('/_iam/saml/assertion', async (req, reply) => {
    const result = signTestAssertion(services, `${baseUrl(req)}/_iam/saml`, req.body ?? ({} as TestAssertionRequest));
    if ('error' in result) return reply.code(400).send(result);
    return result;
  });

  app.get<{ Params: { account: string } }>('/_iam/outbound/:account/.well-known/openid-configuration', async (req, reply) => {
    const row = services.store.identityProviders.getOutbound(req.params.account);
    if (!row?.enabled) return reply.code(404).send({ error: 'Outbound web identity federation is not enabled for this account.' });
    return {
      issuer: row.issuer_identifier,
      jwks_uri: `${baseUrl(req)}/_iam/outbound/${req.params.account}/.well-known/jwks.json`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256', 'ES384'],
    };
  });

  app.get<{ Params: { account: string } }>('/_iam/outbound/:account/.well-known/jwks.json', async (req) => ({
    keys: await Promise.all(
      outboundKeys(services.store, req.params.account).map(async (k) => ({ ...(await (await jose()).exportJWK(k.publicKey)), kid: k.kid, alg: k.algorithm, use: 'sig' })),
    ),
  }));
}
