// Key pairs iam-local signs with (its own OIDC issuer, test SAML IdPs, outbound web identity
// tokens). Kept in the store so tokens and assertions it issued still verify after a restart.
import { Repo } from './repo.js';

export interface SigningKeyRow {
  kid: string;
  purpose: string;
  algorithm: string;
  private_pem: string;
  public_pem: string;
  certificate_pem: string | null;
  created_at: string;
}

export class SigningKeyRepo extends Repo {
  /** The newest key for a purpose. */
  current(purpose: string): SigningKeyRow | undefined {
    return this.q<[string], SigningKeyRow>(
      'SELECT * FROM signing_keys WHERE purpose = ? ORDER BY created_at DESC, kid LIMIT 1',
    ).get(purpose);
  }

  all(purpose: string): SigningKeyRow[] {
    return this.q<[string], SigningKeyRow>('SELECT * FROM signing_keys WHERE purpose = ? ORDER BY created_at, kid').all(purpose);
  }

  /** Inserts unless a key for the purpose already exists (two first uses racing keep one). */
  insert(row: SigningKeyRow) {
    this.q(
      `INSERT INTO signing_keys (kid, purpose, algorithm, private_pem, public_pem, certificate_pem, created_at)
       VALUES (@kid, @purpose, @algorithm, @private_pem, @public_pem, @certificate_pem, @created_at)`,
    ).run(row);
  }

  deletePurpose(purpose: string) {
    this.q('DELETE FROM signing_keys WHERE purpose = ?').run(purpose);
  }
}
