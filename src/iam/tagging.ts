// Tagging rules shared by every taggable IAM resource (users, roles, policies, instance profiles,
// MFA devices, providers, certificates): at most 50 tags, keys unique case-insensitively.
import type { RequestContext } from '../context.js';
import { invalidInput, limitExceeded } from '../protocol/errors.js';
import type { Tag } from '../store/tags.js';

export const MAX_TAGS = 50;

function checkDuplicates(tags: Tag[]) {
  const seen = new Set<string>();
  for (const t of tags) {
    const k = t.Key.toLowerCase();
    if (seen.has(k)) throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(k);
  }
}

/** Validates tags given at creation. */
export function checkNewTags(tags: Tag[] | undefined) {
  if (!tags?.length) return;
  checkDuplicates(tags);
  if (tags.length > MAX_TAGS) throw limitExceeded('The number of tags has reached the maximum limit.');
}

/** Adds tags to an existing resource, enforcing the limit over old and new together. */
export function addTags(ctx: RequestContext, resourceType: string, resourceId: string, tags: Tag[]) {
  checkDuplicates(tags);
  const existing = new Set(ctx.store.tags.list(resourceType, resourceId).map((t) => t.Key.toLowerCase()));
  const added = tags.filter((t) => !existing.has(t.Key.toLowerCase())).length;
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
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString()) || 0 : 0;
  const limit = maxItems ?? 100;
  const items = all.slice(start, start + limit);
  const isTruncated = start + limit < all.length;
  return {
    Tags: items,
    IsTruncated: isTruncated,
    Marker: isTruncated ? Buffer.from(String(start + limit)).toString('base64url') : undefined,
  };
}
