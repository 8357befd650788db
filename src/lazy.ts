// Packages that only some requests need (SAML, MFA enrolment, the credential report, seed files,
// certificates…) are loaded at their first use, so start-up pays nothing for them (issue 9:
// start-up under 300 ms). Each is loaded through its CommonJS build, so a synchronous caller can
// load it where it stands: the first call pays the load, later calls only a property read.
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

/** A getter of package `id`, required on its first call. */
export function lazy<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= requireFromHere(id) as T);
}
