// Identifiers that look like AWS's: a 4-letter prefix and 17 base32 characters (21 in all),
// e.g. AIDA… users, AROA… roles, AGPA… groups, ANPA… policies, AIPA… instance profiles.
import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function randomBase32(n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += BASE32[bytes[i]! & 31];
  return s;
}

export const newUniqueId = (prefix: 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'AIPA' | 'ASCA' | 'APKA' | 'ACCA') =>
  prefix + randomBase32(17);
