// A least-privilege identity policy from recorded activity (Access Analyzer's policy generation),
// pure: the actions a principal used with the resources they were used on → policy documents
// ready to attach. Actions used on the same set of resources share a statement. Resources are
// generalised as far as the activity shows and no further:
//   - each resource ARN used is listed as it was used ("*" for calls that name no resource);
//   - five or more ARNs of one action that differ only after their last "/" become `prefix/*`
//     (one object key, user or role name per call says "this prefix", not "these names");
//   - with placeholders (GetGeneratedPolicy's includeResourcePlaceholders), each ARN becomes its
//     resource type's format from the Service Authorization Reference, with the partition, Region
//     and account kept and the rest left as ${Placeholders} to fill in — as AWS's generator writes them.
// A policy over the identity-policy size quota (6,144 characters, no whitespace) is split into
// several, as AWS returns several generatedPolicies.
import { wildcardMatch } from './match.js';

export interface Usage {
  action: string;
  resource: string;
}

export interface GenerateOptions {
  placeholders?: boolean;
  /** The ARN formats of a service's resource types (`arn:${Partition}:s3:::${BucketName}`). */
  arnFormats?: (service: string) => readonly string[] | undefined;
}

const COLLAPSE_AT = 5;
const QUOTA = 6144;

function collapse(resources: string[]): string[] {
  if (resources.includes('*')) return ['*'];
  const byPrefix = new Map<string, string[]>();
  for (const r of resources) {
    const slash = r.lastIndexOf('/');
    const prefix = slash > r.lastIndexOf(':') ? r.slice(0, slash + 1) : r;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), r]);
  }
  const out: string[] = [];
  for (const [prefix, rs] of byPrefix) out.push(...(rs.length >= COLLAPSE_AT && prefix.endsWith('/') ? [`${prefix}*`] : rs));
  return out;
}

/** The resource type format an ARN is of, with partition/Region/account filled from the ARN. */
function placeholderFor(arn: string, formats: readonly string[] | undefined): string {
  if (!formats || arn === '*') return arn;
  const parts = arn.split(':');
  if (parts.length < 6) return arn;
  const fits = formats
    .filter((f) => {
      const fp = f.split(':');
      return fp.length >= 6 && wildcardMatch(fp.slice(5).join(':').replace(/\$\{[^}]*\}/g, '*'), parts.slice(5).join(':'));
    })
    // The most specific format: the one with the most literal text.
    .sort((a, b) => b.replace(/\$\{[^}]*\}/g, '').length - a.replace(/\$\{[^}]*\}/g, '').length)[0];
  if (!fits) return arn;
  return fits.replace('${Partition}', parts[1]!).replace('${Region}', parts[3]!).replace('${Account}', parts[4]!);
}

/** The generated policy documents (compact JSON), in a stable order. */
export function generatePolicies(usage: Usage[], options: GenerateOptions = {}): string[] {
  const byAction = new Map<string, { action: string; resources: Set<string> }>();
  for (const u of usage) {
    const key = u.action.toLowerCase();
    let e = byAction.get(key);
    if (!e) byAction.set(key, (e = { action: u.action, resources: new Set() }));
    e.resources.add(u.resource || '*');
  }
  const statements = new Map<string, { actions: string[]; resources: string[] }>();
  for (const { action, resources } of byAction.values()) {
    let rs = collapse([...resources].sort());
    if (options.placeholders) {
      const service = action.slice(0, action.indexOf(':')).toLowerCase();
      rs = [...new Set(rs.map((r) => placeholderFor(r, options.arnFormats?.(service))))].sort();
    }
    const key = rs.join('\n');
    const s = statements.get(key);
    if (s) s.actions.push(action);
    else statements.set(key, { actions: [action], resources: rs });
  }
  const list = [...statements.values()]
    .map((s) => ({ Effect: 'Allow', Action: s.actions.length === 1 ? s.actions[0]! : s.actions.sort(), Resource: s.resources.length === 1 ? s.resources[0]! : s.resources }))
    .sort((a, b) => String(a.Action).localeCompare(String(b.Action)));
  if (!list.length) return [];
  const policies: object[][] = [[]];
  const size = (st: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: st }).length;
  // A statement too large for one policy on its own is split by its resources.
  const fitting = list.flatMap((st) => {
    if (size([st]) <= QUOTA || !Array.isArray(st.Resource)) return [st];
    const parts: (typeof st)[] = [];
    let chunk: string[] = [];
    for (const r of st.Resource) {
      if (chunk.length && size([{ ...st, Resource: [...chunk, r] }]) > QUOTA) {
        parts.push({ ...st, Resource: chunk.length === 1 ? chunk[0]! : chunk });
        chunk = [];
      }
      chunk.push(r);
    }
    parts.push({ ...st, Resource: chunk.length === 1 ? chunk[0]! : chunk });
    return parts;
  });
  for (const st of fitting) {
    const current = policies[policies.length - 1]!;
    if (current.length && size([...current, st]) > QUOTA) policies.push([st]);
    else current.push(st);
  }
  return policies.map((st) => JSON.stringify({ Version: '2012-10-17', Statement: st }));
}
