// SSH public keys of IAM users (as CodeCommit uses them): ssh-rsa or PEM, at least 2048 bits,
// returned in SSH or PEM encoding, with the MD5 fingerprint AWS shows.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { RequestContext } from '../context.js';
import type { IamHandlers } from '../protocol/handlers.js';
import type { SSHPublicKey } from '../protocol/generated/iam-types.js';
import { AwsError, limitExceeded, noSuchEntity } from '../protocol/errors.js';
import type { SshKeyRow } from '../store/certificates.js';
import { iso } from '../store/rows.js';
import { newUniqueId } from './ids.js';
import { requireUser } from './users.js';

export const SSH_KEYS_PER_USER = 5;

const invalidKey = () =>
  new AwsError(
    'InvalidPublicKey',
    'The request was rejected because the public key is malformed or otherwise invalid.',
    400,
  );

function sshString(buf: Buffer, offset: number): [Buffer, number] {
  if (offset + 4 > buf.length) throw invalidKey();
  const len = buf.readUInt32BE(offset);
  if (offset + 4 + len > buf.length) throw invalidKey();
  return [buf.subarray(offset + 4, offset + 4 + len), offset + 4 + len];
}

const b64url = (b: Buffer) => b.toString('base64url');
const stripSign = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b);

function encodeString(b: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(b.length);
  return Buffer.concat([len, b]);
}

function mpint(b: Buffer): Buffer {
  return encodeString(b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

/** Parses an ssh-rsa line or an RSA PEM public key into its key object and ssh-rsa blob. */
export function parseSshPublicKey(text: string): { key: KeyObject; blob: Buffer } {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPublicKey(trimmed);
    } catch {
      throw invalidKey();
    }
    if (key.asymmetricKeyType !== 'rsa') throw invalidKey();
    const jwk = key.export({ format: 'jwk' });
    const blob = Buffer.concat([
      encodeString(Buffer.from('ssh-rsa')),
      mpint(Buffer.from(jwk.e!, 'base64url')),
      mpint(Buffer.from(jwk.n!, 'base64url')),
    ]);
    return { key, blob };
  }
  const [type, data] = trimmed.split(/\s+/);
  if (type !== 'ssh-rsa' || !data) throw invalidKey();
  const blob = Buffer.from(data, 'base64');
  const [name, o1] = sshString(blob, 0);
  if (name.toString() !== 'ssh-rsa') throw invalidKey();
  const [e, o2] = sshString(blob, o1);
  const [n] = sshString(blob, o2);
  try {
    const key = createPublicKey({ key: { kty: 'RSA', e: b64url(stripSign(e)), n: b64url(stripSign(n)) }, format: 'jwk' });
    return { key, blob };
  } catch {
    throw invalidKey();
  }
}

function requireKey(ctx: RequestContext, userId: string, id: string): SshKeyRow {
  const row = ctx.store.sshKeys.get(userId, id);
  if (!row) throw noSuchEntity(`The Public Key with id ${id} cannot be found.`);
  return row;
}


export const sshPublicKeyHandlers: IamHandlers = {
  UploadSSHPublicKey(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    const { key, blob } = parseSshPublicKey(input.SSHPublicKeyBody);
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw invalidKey();
    const fingerprint = createHash('md5').update(blob).digest('hex').replace(/(..)(?!$)/g, '$1:');
    const existing = ctx.store.sshKeys.listFor(user.id);
    if (existing.some((k) => k.fingerprint === fingerprint))
      throw new AwsError('DuplicateSSHPublicKey', 'The request was rejected because the SSH public key is already associated with the specified IAM user.', 400);
    if (existing.length >= SSH_KEYS_PER_USER)
      throw limitExceeded(`Cannot exceed quota for SSHPublicKeysPerUser: ${SSH_KEYS_PER_USER}`);
    const row: SshKeyRow = {
      id: newUniqueId('APKA'),
      account_id: ctx.accountId,
      user_id: user.id,
      body: input.SSHPublicKeyBody, // returned byte for byte as uploaded
      fingerprint,
      status: 'Active',
      uploaded_at: iso(ctx.now()),
    };
    ctx.store.sshKeys.insert(row);
    return { SSHPublicKey: shape(row, user.name, 'SSH') };
  },

  GetSSHPublicKey(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    return { SSHPublicKey: shape(requireKey(ctx, user.id, input.SSHPublicKeyId), user.name, input.Encoding) };
  },

  ListSSHPublicKeys(ctx, input) {
    const user = requireUser(ctx, input.UserName ?? callerName(ctx));
    const all = ctx.store.sshKeys.listFor(user.id);
    return {
      SSHPublicKeys: all.map((r) => ({
        UserName: user.name,
        SSHPublicKeyId: r.id,
        Status: r.status as SSHPublicKey['Status'],
        UploadDate: new Date(r.uploaded_at),
      })),
      IsTruncated: false,
    };
  },

  UpdateSSHPublicKey(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    ctx.store.sshKeys.setStatus(requireKey(ctx, user.id, input.SSHPublicKeyId).id, input.Status);
  },

  DeleteSSHPublicKey(ctx, input) {
    const user = requireUser(ctx, input.UserName);
    ctx.store.sshKeys.delete(requireKey(ctx, user.id, input.SSHPublicKeyId).id);
  },
};

function callerName(ctx: RequestContext): string {
  if (ctx.principal.type === 'user' && ctx.principal.name) return ctx.principal.name;
  throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials', 400);
}

function shape(row: SshKeyRow, userName: string, encoding: 'SSH' | 'PEM'): SSHPublicKey {
  let body = row.body;
  if (encoding === 'PEM' && !body.startsWith('-----BEGIN')) {
    body = parseSshPublicKey(body).key.export({ type: 'spki', format: 'pem' }).toString();
  } else if (encoding === 'SSH' && body.startsWith('-----BEGIN')) {
    body = `ssh-rsa ${parseSshPublicKey(body).blob.toString('base64')}`;
  }
  return {
    UserName: userName,
    SSHPublicKeyId: row.id,
    Fingerprint: row.fingerprint,
    SSHPublicKeyBody: body,
    Status: row.status as SSHPublicKey['Status'],
    UploadDate: new Date(row.uploaded_at),
  };
}
