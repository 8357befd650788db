// Test certificates and keys made with the openssl / ssh-keygen command-line tools.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertAndKey {
  cert: string;
  key: string;
}

export function selfSignedCert(cn = 'example.com', days = 365): CertAndKey {
  const dir = mkdtempSync(join(tmpdir(), 'iam-local-pki-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', String(days), '-subj', `/CN=${cn}`,
  ], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
}

export function sshKeyPair(bits = 2048): { publicKey: string; fingerprintMd5: string } {
  const dir = mkdtempSync(join(tmpdir(), 'iam-local-ssh-'));
  execFileSync('ssh-keygen', ['-t', 'rsa', '-b', String(bits), '-N', '', '-q', '-f', join(dir, 'id')], { stdio: 'ignore' });
  const publicKey = readFileSync(join(dir, 'id.pub'), 'utf8').trim();
  const fp = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', join(dir, 'id.pub')], { encoding: 'utf8' });
  return { publicKey, fingerprintMd5: /MD5:([0-9a-f:]+)/.exec(fp)![1]! };
}
