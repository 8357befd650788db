// The policies that decide what a principal may do, gathered from the store and parsed:
//   IAM user        its inline policies, its attached managed policies, and those of each group;
//                   its permissions boundary;
//   assumed role    the role's inline and attached policies; the role's boundary; the session
//                   policies (inline text and managed ARNs) passed when the session was made;
//   federated user  (GetFederationToken) the calling user's policies, always intersected with the
//                   session policies — none passed means no permissions, as AWS documents;
//   root            nothing to gather: root is allowed everything in its account.
// Policy sets are cached per principal (and per session for temporary credentials) and dropped as
// soon as anything they depend on is written (src/store/policy-generation.ts).
import type { Principal } from '../principal.js';
import type { Store } from '../store/store.js';
import type { EntityType } from '../store/attachments.js';
import { parsePolicyCached, wildcardMatch, type ParsedStatement, type PolicyRef, type PolicySet, type SourcePolicyType } from '../policy/index.js';
import { getManagedPolicyDocument, listAttachedPolicyArns } from './policy-resolver.js';
import { isAwsPolicyArn } from '../aws-managed/catalog.js';
import { policyGeneration } from '../store/policy-generation.js';

export type PrincipalPolicies = Omit<PolicySet, 'resource' | 'resourceRequired'>;

const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** A managed policy as the simulator names it (its name) and types it (aws-managed / user-managed). */
export function managedPolicyRef(store: Store, arn: string): PolicyRef | undefined {
  const doc = getManagedPolicyDocument(store, arn);
  if (doc === undefined) return undefined;
  const sourceType: SourcePolicyType = isAwsPolicyArn(arn) ? 'aws-managed' : 'user-managed';
  return { id: policyName(arn), sourceType, parsed: parsePolicyCached(doc) };
}

/** The inline and attached managed policies of one user, group or role (not its groups'). */
export function entityPolicies(store: Store, type: EntityType, entityId: string): PolicyRef[] {
  const out: PolicyRef[] = [];
  for (const p of store.inlinePolicies.list(type, entityId))
    out.push({ id: p.name, sourceType: type, parsed: parsePolicyCached(p.document) });
  for (const arn of listAttachedPolicyArns(store, type, entityId)) {
    const ref = managedPolicyRef(store, arn);
    if (ref) out.push(ref);
  }
  return out;
}

/** A user's own policies followed by those of each of its groups. */
export function userPolicies(store: Store, userId: string): PolicyRef[] {
  const out = entityPolicies(store, 'user', userId);
  for (const g of store.groups.listForUser(userId)) out.push(...entityPolicies(store, 'group', g.id));
  return out;
}

export function boundaryPolicies(store: Store, type: 'user' | 'role', entityId: string): PolicyRef[] | undefined {
  const arn = store.attachments.boundaryOf(type, entityId);
  if (!arn) return undefined;
  const ref = managedPolicyRef(store, arn);
  // A boundary whose policy is gone allows nothing (AWS refuses to delete a policy in use as a
  // boundary, so this only guards against inconsistent stores).
  return [ref ?? { id: policyName(arn), sourceType: 'none', parsed: parsePolicyCached(DENY_NOTHING_ALLOWED) }];
}

const DENY_NOTHING_ALLOWED = '{"Version":"2012-10-17","Statement":[]}';
/** Allows everything: the identity side of a root-made federation session (bounded by its session policies). */
const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

function sessionPolicies(store: Store, p: Principal, required: boolean): PolicyRef[] | undefined {
  const s = p.session;
  if (!s) return undefined;
  const out: PolicyRef[] = [];
  s.sessionPolicies.forEach((text, i) =>
    out.push({ id: i === 0 ? 'SessionPolicy' : `SessionPolicy.${i + 1}`, sourceType: 'none', parsed: parsePolicyCached(text) }),
  );
  for (const arn of s.sessionPolicyArns) {
    const ref = managedPolicyRef(store, arn);
    if (ref) out.push(ref);
    // A session policy ARN that no longer resolves grants nothing, but still bounds the session.
    else out.push({ id: policyName(arn), sourceType: 'none', parsed: parsePolicyCached(DENY_NOTHING_ALLOWED) });
  }
  if (!out.length && required) out.push({ id: 'SessionPolicy', sourceType: 'none', parsed: parsePolicyCached(DENY_NOTHING_ALLOWED) });
  return out.length ? out : undefined;
}

/** Gathers (uncached) the policy layers of a principal. */
export function loadPrincipalPolicies(store: Store, p: Principal): PrincipalPolicies {
  switch (p.type) {
    case 'root':
      return { identity: [], session: sessionPolicies(store, p, false) };
    case 'user':
      if (!p.entityId) return { identity: [] };
      return {
        identity: userPolicies(store, p.entityId),
        boundary: boundaryPolicies(store, 'user', p.entityId),
        session: sessionPolicies(store, p, false),
      };
    case 'assumed-role':
      if (!p.entityId) return { identity: [] };
      return {
        identity: entityPolicies(store, 'role', p.entityId),
        boundary: boundaryPolicies(store, 'role', p.entityId),
        session: sessionPolicies(store, p, false),
      };
    case 'federated-user': {
      // The calling IAM user (entityId) or, when root made the session, everything.
      const identity = p.entityId
        ? userPolicies(store, p.entityId)
        : [{ id: 'root', sourceType: 'none' as const, parsed: parsePolicyCached(ALLOW_ALL) }];
      return {
        identity,
        boundary: p.entityId ? boundaryPolicies(store, 'user', p.entityId) : undefined,
        session: sessionPolicies(store, p, true),
      };
    }
  }
}

interface CacheState {
  generation: string;
  entries: Map<string, unknown>;
}
const caches = new WeakMap<Store, CacheState>();
const MAX_CACHED = 10_000;

export const cacheStats = { hits: 0, misses: 0 };

/** fn()'s value for `key`, kept until the next write that could change it (the write generation
 *  moves on every write to users, groups, memberships, roles, policies, attachments, inline
 *  policies, tags and instance profiles). Only for values derived from those tables. */
export function memo<T>(store: Store, key: string, fn: () => T): T {
  const generation = policyGeneration(store.db).current();
  let c = caches.get(store);
  if (!c || c.generation !== generation) {
    c = { generation, entries: new Map() };
    caches.set(store, c);
  }
  if (c.entries.has(key)) {
    cacheStats.hits++;
    return c.entries.get(key) as T;
  }
  cacheStats.misses++;
  const v = fn();
  if (c.entries.size >= MAX_CACHED) c.entries.clear();
  c.entries.set(key, v);
  return v;
}

function cacheKey(p: Principal): string {
  // Temporary credentials carry their own session policies: one entry per session.
  return p.session ? `policies|${p.type}|${p.entityId ?? ''}|${p.accessKeyId}` : `policies|${p.type}|${p.entityId ?? p.arn}`;
}

/** The policy layers of a principal, cached until the next write that could change them. */
export function principalPolicies(store: Store, p: Principal): PrincipalPolicies {
  return memo(store, cacheKey(p), () => loadPrincipalPolicies(store, p));
}

// ---- Per-action views of a policy set ----
// Enforcement decides one action per request, and most statements of a principal's policies name
// other actions. The engine checks the action of every statement first (a statement whose Action /
// NotAction does not match the request cannot apply, add missing context keys or decide anything),
// so dropping those statements beforehand leaves every decision, matched statement and missing
// key unchanged while the engine examines a handful of statements instead of hundreds. The view is
// cached per policy set and action; statement objects (index, Sid, positions) are shared.
/** IAM action matching (case-insensitive; `*` any run, `?` one character; all else literal),
 *  by the engine's linear-time matcher: never a RegExp built from a policy's text. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, true);
}

function mayApply(s: ParsedStatement, action: string): boolean {
  if (s.action) return s.action.some((p) => actionMatches(p, action));
  if (s.notAction) return !s.notAction.some((p) => actionMatches(p, action));
  return false;
}

const narrowRefs = (refs: PolicyRef[] | undefined, action: string) =>
  refs?.map((r) => ({ ...r, parsed: { ...r.parsed, statements: r.parsed.statements.filter((s) => mayApply(s, action)) } }));

const views = new WeakMap<PrincipalPolicies, Map<string, PrincipalPolicies>>();

/** The policy set with only the statements whose Action/NotAction can match `action`. */
export function forAction(set: PrincipalPolicies, action: string): PrincipalPolicies {
  let m = views.get(set);
  if (!m) {
    m = new Map();
    views.set(set, m);
  }
  const key = action.toLowerCase();
  let v = m.get(key);
  if (!v) {
    v = { identity: narrowRefs(set.identity, action)!, boundary: narrowRefs(set.boundary, action), session: narrowRefs(set.session, action) };
    if (m.size > 1000) m.clear();
    m.set(key, v);
  }
  return v;
}
