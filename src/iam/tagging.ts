// Tagging rules shared by every taggable IAM resource (users, roles, policies, instance profiles,
// MFA devices, providers, certificates): at most 50 tags, keys unique case-insensitively.
import type { RequestContext } from '../context.js';
import { invalidInput, limitExceeded } from '../protocol/errors.js';
import { caseSensitive, type Tag } from '../store/tags.js';
import { decodeOffset, encodeOffset } from '../store/rows.js';

export const MAX_TAGS = 50;

/**
 * Keys must be unique: case-insensitively, with AWS's note saying so, on most resources (roles,
 * recorded 11-02-2026); exactly, with the bare message, on managed policies (recorded 10-02-2026).
 */
function checkDuplicates(tags: Tag[], resourceType?: string) {
  const exact = resourceType !== undefined && caseSensitive(resourceType);
  const seen = new Set<string>();
  for (const t of tags) {
    const k = exact ? t.Key : t.Key.toLowerCase();
    if (seen.has(k))
      throw invalidInput(exact ? 'Duplicate tag keys found.' : 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(k);
  }
}

/** Validates tags given at creation. */
export function checkNewTags(tags: Tag[] | undefined, resourceType?: string) {
  if (!tags?.length) return;
  checkDuplicates(tags, resourceType);
  if (tags.length > MAX_TAGS) throw limitExceeded('The number of tags has reached the maximum limit.');
}

/** Adds tags to an existing resource, enforcing the limit over old and new together. */
export function addTags(ctx: RequestContext, resourceType: string, resourceId: string, tags: Tag[]) {
  checkDuplicates(tags, resourceType);
  const fold = (k: string) => (caseSensitive(resourceType) ? k : k.toLowerCase());
  const existing = new Set(ctx.store.tags.list(resourceType, resourceId).map((t) => fold(t.Key)));
  const added = tags.filter((t) => !existing.has(fold(t.Key))).length;
  if (existing.size + added > MAX_TAGS) throw limitExceeded('The number of tags has reached the maximum limit.');
  ctx.store.tags.put(ctx.accountId, resourceType, resourceId, tags);
}

export function listTagsPage(
  ctx: RequestContext,
  resourceType: string,
  resourceId: string,
  marker: string | undefined,
  maxItems: number | undefined,
) {
  const all = ctx.store.tags.list(resourceType, resourceId);
  // ListPolicyTags answers shorter keys first, then by code point (abc, b, z, a -> a, b, z, abc; A before a:
  // test_iam_policies.snapshot.json TestPolicyTags::test_policy_tag_order, recorded 18-02-2026).
  if (resourceType === 'policy')
    all.sort((x, y) => x.Key.length - y.Key.length || (x.Key < y.Key ? -1 : x.Key > y.Key ? 1 : 0));
  const start = decodeOffset(marker);
  const limit = maxItems ?? 100;
  const items = all.slice(start, start + limit);
  const isTruncated = start + limit < all.length;
  return {
    Tags: items,
    IsTruncated: isTruncated,
    Marker: isTruncated ? encodeOffset(start + limit) : undefined,
  };
}
