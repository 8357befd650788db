// Encoded authorization failure messages. Enforcement calls encodeAuthorizationMessage() when it
// denies a request AWS would answer with an encoded message; sts:DecodeAuthorizationMessage
// (src/sts/authorization-message.ts) turns it back into AWS's JSON shape. The message is
// encrypted (AES-256-GCM) so that only a holder of sts:DecodeAuthorizationMessage can read it, as
// in AWS; the key is kept in the store.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { DecisionRecord } from './decisions.js';

export interface AuthorizationDetails {
  allowed: boolean;
  explicitDeny: boolean;
  /** Statements that matched (policy id/ARN, statement index or Sid, effect). */
  matchedStatements?: { statementId?: string; effect: 'Allow' | 'Deny'; principals?: string[]; actions?: string[]; resources?: string[]; conditions?: unknown; policyId?: string }[];
  failures?: { message: string }[];
  principal: { id: string; name?: string; arn: string };
  action: string;
  resource: string;
  /** Request context keys and values. */
  conditions?: Record<string, string | string[]>;
}

const PURPOSE = 'authorization-message';
let processKey: Buffer | undefined;

function keyOf(store: Store | undefined): Buffer {
  if (!store) return (processKey ??= randomBytes(32));
  const row = store.signingKeys.current(PURPOSE);
  if (row) return Buffer.from(row.private_pem, 'base64');
  const key = randomBytes(32);
  store.signingKeys.insert({
    kid: `authz-${randomBytes(6).toString('hex')}`,
    purpose: PURPOSE,
    algorithm: 'A256GCM',
    private_pem: key.toString('base64'),
    public_pem: '',
    certificate_pem: null,
    created_at: new Date().toISOString(),
  });
  return key;
}

/** AWS's decoded form. */
export function decodedShape(d: AuthorizationDetails) {
  const items = <T>(xs: T[] | undefined) => ({ items: xs ?? [] });
  return {
    allowed: d.allowed,
    explicitDeny: d.explicitDeny,
    matchedStatements: items(d.matchedStatements),
    failures: items(d.failures),
    context: {
      principal: d.principal,
      action: d.action,
      resource: d.resource,
      conditions: items(
        Object.entries(d.conditions ?? {}).map(([key, v]) => ({
          key,
          values: items((Array.isArray(v) ? v : [v]).map((value) => ({ value }))),
        })),
      ),
    },
  };
}

/** The opaque string AWS puts after "Encoded authorization failure message: ". */
export function encodeAuthorizationMessage(details: AuthorizationDetails, store?: Store): string {
  const key = keyOf(store);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(decodedShape(details)), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]).toString('base64url');
}

function tryDecode(encoded: string, key: Buffer): string | undefined {
  try {
    const raw = Buffer.from(encoded, 'base64url');
    if (raw.length < 30 || raw[0] !== 1) return undefined;
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 13));
    d.setAuthTag(raw.subarray(13, 29));
    return Buffer.concat([d.update(raw.subarray(29)), d.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The JSON text of a message this server encoded (with the store's key, or this process's when
 *  it was encoded without a store), or undefined for anything else. */
export function decodeAuthorizationMessage(encoded: string, store: Store): string | undefined {
  return tryDecode(encoded, keyOf(store)) ?? (processKey && tryDecode(encoded, processKey));
}

/**
 * The encoded message of a refused decision (the AccessDenied's "Encoded authorization failure
 * message"), for the Query API's and the gateway's refusals alike; undefined when it cannot be made.
 */
export function encodedDenial(p: { userId: string; name?: string; arn: string }, r: DecisionRecord, store?: Store): string | undefined {
  try {
    return encodeAuthorizationMessage(
      {
        allowed: false,
        explicitDeny: r.decision === 'explicitDeny',
        matchedStatements: r.statements.map((s) => ({ statementId: s.sid, effect: s.effect, policyId: s.policyId })),
        failures: [],
        principal: { id: p.userId, name: p.name, arn: p.arn },
        action: r.action,
        resource: r.resource,
        conditions: r.context,
      },
      store,
    );
  } catch {
    return undefined;
  }
}
