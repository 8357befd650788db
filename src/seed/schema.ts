// The seed document: what it may contain, and a validator that walks the parsed YAML (or JSON) tree
// so every problem is reported with the file's line and column, e.g.
//   starter.yaml:12:9: users[0].accessKeys[0].id: must be 16-128 letters or digits
import type { LineCounter, Node as YamlNode } from 'yaml';
import { lazy } from '../lazy.js';
import { dict as emptyDict } from '../own.js';
// Lazy: only seed files are YAML; start-up pays nothing for the yaml package.
type Yaml = typeof import('yaml');
const yaml = lazy<Yaml>('yaml');
const isMap = ((node: unknown) => yaml().isMap(node)) as Yaml['isMap'];
const isSeq = ((node: unknown) => yaml().isSeq(node)) as Yaml['isSeq'];
const isScalar = ((node: unknown) => yaml().isScalar(node)) as Yaml['isScalar'];

export interface SeedProblem {
  line: number;
  column: number;
  path: string;
  message: string;
  /** The AWS error code behind the problem, when there is one (internal: to tell repeats apart). */
  code?: string;
}

export class SeedError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: SeedProblem[],
  ) {
    super(problems.map((p) => `${fileName}:${p.line}:${p.column}: ${p.path ? p.path + ': ' : ''}${p.message}`).join('\n'));
  }
}

export type Tags = Record<string, string>;

export interface SeedAccessKey {
  id: string;
  secret: string;
  status: 'Active' | 'Inactive';
}
export interface SeedMfaDevice {
  name: string;
  seed: string;
  path: string;
}
export interface SeedUser {
  name: string;
  path: string;
  tags: Tags;
  groups: string[];
  policies: string[];
  inlinePolicies: Record<string, string>;
  permissionsBoundary?: string;
  accessKeys: SeedAccessKey[];
  mfaDevices: SeedMfaDevice[];
  password?: string;
}
export interface SeedGroup {
  name: string;
  path: string;
  policies: string[];
  inlinePolicies: Record<string, string>;
}
export interface SeedRole {
  name: string;
  path: string;
  description?: string;
  trustPolicy: string;
  maxSessionDuration?: number;
  permissionsBoundary?: string;
  policies: string[];
  inlinePolicies: Record<string, string>;
  tags: Tags;
}
export interface SeedPolicy {
  name: string;
  path: string;
  description?: string;
  document: string;
  tags: Tags;
}
export interface SeedInstanceProfile {
  name: string;
  path: string;
  role?: string;
  tags: Tags;
}
export interface SeedOidcProvider {
  url: string;
  clientIds: string[];
  thumbprints: string[];
}
export interface SeedAccount {
  id?: string;
  alias?: string;
  policies: SeedPolicy[];
  oidcProviders: SeedOidcProvider[];
  groups: SeedGroup[];
  roles: SeedRole[];
  users: SeedUser[];
  instanceProfiles: SeedInstanceProfile[];
}
export interface SeedInstance {
  instanceProfile: string;
  account?: string;
  instanceId?: string;
  port?: number;
  region?: string;
  instanceType?: string;
  httpTokens?: 'optional' | 'required';
  httpEndpoint?: 'enabled' | 'disabled';
  hopLimit?: number;
  instanceMetadataTags?: 'enabled' | 'disabled';
  tags?: Tags;
  clientAddresses?: string[];
  bridgedAddresses?: string[];
  /** Where the instance's own listener binds (default: the server's HOST). */
  listenAddress?: string;
}
export interface SeedTask {
  role: string;
  account?: string;
  taskId?: string;
  /** A fixed token, or null for none (as ECS's relative URIs). */
  authorizationToken?: string | null;
  clientAddresses?: string[];
}
export interface SeedDocument {
  version: 1;
  /** The default account's entities (top-level keys), then any further accounts. */
  accounts: SeedAccount[];
  instances: SeedInstance[];
  tasks: SeedTask[];
}

/** A place in the seed file. */
export interface Place {
  line: number;
  column: number;
  path: string;
}
/** Where each parsed object came from, and each of its fields' values (and their list items). */
export interface Location extends Place {
  fields?: Record<string, Place & { items?: Place[] }>;
}
/** Where each parsed object came from, for error messages during check and apply. */
export type Locations = WeakMap<object, Location>;

// ---- a small schema language over YAML nodes ----

interface Ctx {
  lc: LineCounter;
  problems: SeedProblem[];
  locations: Locations;
}
type Check<T> = (node: YamlNode | null | undefined, path: string, ctx: Ctx) => T | undefined;

function fail(ctx: Ctx, node: YamlNode | null | undefined, path: string, message: string): undefined {
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = ctx.lc.linePos(offset);
  ctx.problems.push({ line, column: col, path, message });
  return undefined;
}

const typeName = (node: YamlNode | null | undefined) =>
  node == null ? 'nothing' : isMap(node) ? 'a mapping' : isSeq(node) ? 'a list' : isScalar(node) ? `${JSON.stringify(node.value)}` : 'something else';

function str(opts: { pattern?: RegExp; patternText?: string; min?: number; max?: number; oneOf?: readonly string[] } = {}): Check<string> {
  return (node, path, ctx) => {
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number'))
      return fail(ctx, node, path, `must be a string, not ${typeName(node)}`);
    // Numbers that were meant as strings (account ids, key ids) keep their written digits.
    const v = typeof node.value === 'number' ? (node.source ?? String(node.value)) : node.value;
    if (opts.oneOf && !opts.oneOf.includes(v)) return fail(ctx, node, path, `must be one of ${opts.oneOf.join(', ')}`);
    if (opts.min !== undefined && v.length < opts.min) return fail(ctx, node, path, `must be at least ${opts.min} characters`);
    if (opts.max !== undefined && v.length > opts.max) return fail(ctx, node, path, `must be at most ${opts.max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) return fail(ctx, node, path, `must be ${opts.patternText ?? `like ${opts.pattern}`}`);
    return v;
  };
}

/** A value of `check`, or YAML null (kept as null, e.g. "no token"). */
function nullable<T>(check: Check<T>): Check<T | null> {
  return (node, path, ctx) => (isScalar(node) && node.value === null ? null : check(node, path, ctx));
}

function int(min: number, max: number): Check<number> {
  return (node, path, ctx) => {
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value))
      return fail(ctx, node, path, `must be a whole number, not ${typeName(node)}`);
    if (node.value < min || node.value > max) return fail(ctx, node, path, `must be between ${min} and ${max}`);
    return node.value;
  };
}

function list<T>(item: Check<T>): Check<T[]> {
  return (node, path, ctx) => {
    if (!isSeq(node)) return fail(ctx, node, path, `must be a list, not ${typeName(node)}`);
    const out: T[] = [];
    node.items.forEach((n, i) => {
      const v = item(n as YamlNode, `${path}[${i}]`, ctx);
      if (v !== undefined) out.push(v);
    });
    return out;
  };
}

function dict<T>(value: Check<T>, key: Check<string> = str({ min: 1 })): Check<Record<string, T>> {
  return (node, path, ctx) => {
    if (!isMap(node)) return fail(ctx, node, path, `must be a mapping, not ${typeName(node)}`);
    const out = emptyDict<T>();
    for (const pair of node.items) {
      const k = key(pair.key as YamlNode, path, ctx);
      if (k === undefined) continue;
      const v = value(pair.value as YamlNode, `${path}.${k}`, ctx);
      if (v !== undefined) out[k] = v;
    }
    return out;
  };
}

type Fields = Record<string, { check: Check<unknown>; required?: boolean; default?: unknown }>;

function obj<T>(fields: Fields, what: string): Check<T> {
  return (node, path, ctx) => {
    if (!isMap(node)) return fail(ctx, node, path, `${what} must be a mapping, not ${typeName(node)}`);
    const out: Record<string, unknown> = {};
    const seen = new Set<string>();
    const places: NonNullable<Location['fields']> = {};
    const at = (n: YamlNode | null | undefined, p: string): Place => {
      const { line, col } = ctx.lc.linePos(n?.range?.[0] ?? node.range?.[0] ?? 0);
      return { line, column: col, path: p };
    };
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode;
      const k = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (k === undefined || !Object.hasOwn(fields, k)) {
        fail(ctx, keyNode, path, `unknown key ${JSON.stringify(k)} in ${what} (allowed: ${Object.keys(fields).join(', ')})`);
        continue;
      }
      seen.add(k);
      const fieldPath = path ? `${path}.${k}` : k;
      const valueNode = pair.value as YamlNode;
      places[k] = { ...at(valueNode, fieldPath), ...(isSeq(valueNode) ? { items: valueNode.items.map((n, i) => at(n as YamlNode, `${fieldPath}[${i}]`)) } : {}) };
      const v = fields[k]!.check(valueNode, fieldPath, ctx);
      if (v !== undefined) out[k] = v;
    }
    for (const [k, f] of Object.entries(fields)) {
      if (seen.has(k)) continue;
      if (f.required) fail(ctx, node, path, `${what} needs "${k}"`);
      else if (f.default !== undefined) out[k] = structuredClone(f.default);
    }
    const { line, col } = ctx.lc.linePos(node.range?.[0] ?? 0);
    ctx.locations.set(out, { line, column: col, path, fields: places });
    return out as T;
  };
}

/** A policy document: written as YAML/JSON structure (stored as JSON text) or as a JSON string. */
const policyDocument: Check<string> = (node, path, ctx) => {
  if (isScalar(node) && typeof node.value === 'string') {
    try {
      JSON.parse(node.value);
    } catch {
      return fail(ctx, node, path, 'policy document text is not valid JSON');
    }
    return node.value;
  }
  if (!isMap(node)) return fail(ctx, node, path, `policy document must be a mapping or JSON text, not ${typeName(node)}`);
  return JSON.stringify(node.toJSON());
};

const NAME = str({ pattern: /^[\w+=,.@-]+$/, patternText: 'letters, digits and +=,.@_-', min: 1, max: 128 });
const PATH = str({ pattern: /^\/(?:[\x21-\x7e]*\/)?$/, patternText: 'a path that begins and ends with /', max: 512 });
const ACCOUNT_ID = str({ pattern: /^\d{12}$/, patternText: '12 digits (quote it in YAML)' });
const TAGS = dict(str({ max: 256 }), str({ min: 1, max: 128 }));
const POLICY_REFS = list(str({ min: 1, max: 2048 }));
const INLINE = dict(policyDocument, NAME);
const BASE32 = /^[A-Z2-7]+=*$/;

const accessKey = obj<SeedAccessKey>(
  {
    id: { check: str({ pattern: /^\w{16,128}$/, patternText: '16-128 letters or digits (AKIA…)' }), required: true },
    secret: { check: str({ min: 1, max: 128 }), required: true },
    status: { check: str({ oneOf: ['Active', 'Inactive'] }), default: 'Active' },
  },
  'an access key',
);

const mfaDevice = obj<SeedMfaDevice>(
  {
    name: { check: NAME, required: true },
    seed: { check: str({ pattern: BASE32, patternText: 'a base32 TOTP seed (A-Z, 2-7)', min: 16 }), required: true },
    path: { check: PATH, default: '/' },
  },
  'an MFA device',
);

const user = obj<SeedUser>(
  {
    name: { check: NAME, required: true },
    path: { check: PATH, default: '/' },
    tags: { check: TAGS, default: {} },
    groups: { check: list(NAME), default: [] },
    policies: { check: POLICY_REFS, default: [] },
    inlinePolicies: { check: INLINE, default: {} },
    permissionsBoundary: { check: str({ min: 1 }) },
    accessKeys: { check: list(accessKey), default: [] },
    mfaDevices: { check: list(mfaDevice), default: [] },
    password: { check: str({ min: 1, max: 128 }) },
  },
  'a user',
);

const group = obj<SeedGroup>(
  {
    name: { check: NAME, required: true },
    path: { check: PATH, default: '/' },
    policies: { check: POLICY_REFS, default: [] },
    inlinePolicies: { check: INLINE, default: {} },
  },
  'a group',
);

const role = obj<SeedRole>(
  {
    name: { check: NAME, required: true },
    path: { check: PATH, default: '/' },
    description: { check: str({ max: 1000 }) },
    trustPolicy: { check: policyDocument, required: true },
    maxSessionDuration: { check: int(3600, 43200) },
    permissionsBoundary: { check: str({ min: 1 }) },
    policies: { check: POLICY_REFS, default: [] },
    inlinePolicies: { check: INLINE, default: {} },
    tags: { check: TAGS, default: {} },
  },
  'a role',
);

const policy = obj<SeedPolicy>(
  {
    name: { check: NAME, required: true },
    path: { check: PATH, default: '/' },
    description: { check: str({ max: 1000 }) },
    document: { check: policyDocument, required: true },
    tags: { check: TAGS, default: {} },
  },
  'a policy',
);

const instanceProfile = obj<SeedInstanceProfile>(
  {
    name: { check: NAME, required: true },
    path: { check: PATH, default: '/' },
    role: { check: NAME },
    tags: { check: TAGS, default: {} },
  },
  'an instance profile',
);

const oidcProvider = obj<SeedOidcProvider>(
  {
    url: { check: str({ pattern: /^https?:\/\/\S+$/, patternText: 'an http(s) URL' }), required: true },
    clientIds: { check: list(str({ min: 1, max: 255 })), default: ['sts.amazonaws.com'] },
    thumbprints: { check: list(str({ pattern: /^[0-9a-fA-F]{40}$/, patternText: '40 hex digits' })), default: [] },
  },
  'an OIDC provider',
);

const accountFields: Fields = {
  alias: { check: str({ pattern: /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/, patternText: 'a lower-case account alias' }) },
  policies: { check: list(policy), default: [] },
  oidcProviders: { check: list(oidcProvider), default: [] },
  groups: { check: list(group), default: [] },
  roles: { check: list(role), default: [] },
  users: { check: list(user), default: [] },
  instanceProfiles: { check: list(instanceProfile), default: [] },
};

const account = obj<SeedAccount>({ id: { check: ACCOUNT_ID, required: true }, ...accountFields }, 'an account');

const instance = obj<SeedInstance>(
  {
    instanceProfile: { check: NAME, required: true },
    account: { check: ACCOUNT_ID },
    instanceId: { check: str({ pattern: /^i-[0-9a-f]{8,17}$/, patternText: 'i- and 8-17 hex digits' }) },
    port: { check: int(0, 65535) },
    region: { check: str({ min: 1 }) },
    instanceType: { check: str({ min: 1 }) },
    httpTokens: { check: str({ oneOf: ['optional', 'required'] }) },
    httpEndpoint: { check: str({ oneOf: ['enabled', 'disabled'] }) },
    hopLimit: { check: int(1, 64) },
    instanceMetadataTags: { check: str({ oneOf: ['enabled', 'disabled'] }) },
    tags: { check: TAGS },
    clientAddresses: { check: list(str({ min: 1 })) },
    bridgedAddresses: { check: list(str({ min: 1 })) },
    listenAddress: { check: str({ min: 1 }) },
  },
  'an instance',
);

const task = obj<SeedTask>(
  {
    role: { check: NAME, required: true },
    account: { check: ACCOUNT_ID },
    taskId: { check: str({ pattern: /^[\w.-]{1,128}$/, patternText: 'letters, digits, . _ and -' }) },
    authorizationToken: { check: nullable(str({ min: 1 })) },
    clientAddresses: { check: list(str({ min: 1 })) },
  },
  'a task',
);

const document = obj<Record<string, unknown>>(
  {
    version: { check: int(1, 1), default: 1 },
    accountId: { check: ACCOUNT_ID },
    ...accountFields,
    accounts: { check: list(account), default: [] },
    instances: { check: list(instance), default: [] },
    tasks: { check: list(task), default: [] },
  },
  'the seed document',
);

export interface ParsedSeed {
  seed: SeedDocument;
  locations: Locations;
}

/** Parses and validates seed text (YAML or JSON); throws SeedError listing every problem with its line. */
export function parseSeed(text: string, fileName = 'seed'): ParsedSeed {
  const parsed = parseSeedLeniently(text);
  if (parsed.problems.length || !parsed.seed) throw new SeedError(fileName, parsed.problems);
  return { seed: parsed.seed, locations: parsed.locations };
}

// What each entity needs to be looked at further when the document has shape problems.
const REQUIRED: [keyof SeedAccount, string[]][] = [
  ['policies', ['name', 'document']],
  ['oidcProviders', ['url']],
  ['groups', ['name']],
  ['roles', ['name', 'trustPolicy']],
  ['users', ['name']],
  ['instanceProfiles', ['name']],
];

/**
 * Parses seed text, returning its shape problems (not throwing) and, unless the text is not YAML
 * at all, the document: where there are problems, only the entities that have what they need, so
 * that their references can still be checked in the same pass.
 */
export function parseSeedLeniently(text: string): { seed?: SeedDocument; locations: Locations; problems: SeedProblem[] } {
  const lc = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const ctx: Ctx = { lc, problems: [], locations: new WeakMap() };
  for (const e of doc.errors) {
    const { line, col } = lc.linePos(e.pos[0]);
    ctx.problems.push({ line, column: col, path: '', message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') });
  }
  if (ctx.problems.length) return { locations: ctx.locations, problems: ctx.problems };
  if (doc.contents == null) return { locations: ctx.locations, problems: [{ line: 1, column: 1, path: '', message: 'the seed document is empty' }] };
  const top = document(doc.contents as YamlNode, '', ctx);
  if (!top) return { locations: ctx.locations, problems: ctx.problems };
  const shapeProblems = ctx.problems.length > 0;

  const { version: _v, accountId, accounts, instances, tasks, ...defaultBody } = top as Record<string, any>;
  const defaultAccount: SeedAccount = { ...(defaultBody as SeedAccount), ...(accountId ? { id: accountId } : {}) };
  ctx.locations.set(defaultAccount, ctx.locations.get(top)!);
  const seed: SeedDocument = {
    version: 1,
    accounts: [defaultAccount, ...((accounts as SeedAccount[] | undefined) ?? [])],
    instances: ((instances as SeedInstance[] | undefined) ?? []).filter((i) => i.instanceProfile !== undefined),
    tasks: ((tasks as SeedTask[] | undefined) ?? []).filter((t) => t.role !== undefined),
  };
  if (shapeProblems)
    for (const a of seed.accounts)
      for (const [family, keys] of REQUIRED) {
        const items = (a[family] as unknown as Record<string, unknown>[] | undefined) ?? [];
        (a as unknown as Record<string, unknown>)[family] = items.filter((item) => keys.every((k) => item[k] !== undefined));
      }
  checkUniqueness(seed, ctx);
  return { seed, locations: ctx.locations, problems: ctx.problems };
}

/** Names that must not repeat: the same user twice in one account, one access key id twice anywhere. */
function checkUniqueness(seed: SeedDocument, ctx: Ctx) {
  const dup = (o: object, message: string) => {
    const loc = ctx.locations.get(o) ?? { line: 1, column: 1, path: '' };
    ctx.problems.push({ line: loc.line, column: loc.column, path: loc.path, message });
  };
  const keyIds = new Set<string>();
  const accountIds = new Set<string>();
  for (const a of seed.accounts) {
    if (a.id) {
      if (accountIds.has(a.id)) dup(a, `account ${a.id} appears twice`);
      accountIds.add(a.id);
    }
    const families: [string, { name: string }[]][] = [
      ['user', a.users],
      ['group', a.groups],
      ['role', a.roles],
      ['policy', a.policies],
      ['instance profile', a.instanceProfiles],
    ];
    for (const [kind, items] of families) {
      const names = new Set<string>();
      for (const item of items ?? []) {
        const n = item.name.toLowerCase();
        if (names.has(n)) dup(item, `${kind} ${item.name} appears twice in this account`);
        names.add(n);
      }
    }
    for (const u of a.users) {
      const keys = u.accessKeys ?? [];
      if (keys.length > 2) dup(u, `user ${u.name} has ${keys.length} access keys; IAM allows at most 2`);
      for (const k of keys) {
        if (keyIds.has(k.id)) dup(k, `access key ${k.id} appears twice`);
        keyIds.add(k.id);
      }
    }
  }
}
