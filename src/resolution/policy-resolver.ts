// What the policy engine needs from managed policies, without request context: the default
// version's text of any managed policy by ARN, and the ARNs attached to a user, group or role.
import type { Store } from '../store/store.js';
import type { EntityType } from '../store/attachments.js';
import { awsPolicyDocument, isAwsPolicyArn } from '../aws-managed/catalog.js';

/** The default version's document text (as stored, not URL-encoded), or undefined if no such policy. */
export function getManagedPolicyDocument(store: Store, arn: string): string | undefined {
  if (isAwsPolicyArn(arn)) return awsPolicyDocument(arn);
  const row = store.policies.getByArnAnyAccount(arn);
  if (!row) return undefined;
  return store.policies.version(row.id, row.default_version)?.document;
}

/** The managed policies attached directly to an entity (not through groups), in attachment order. */
export function listAttachedPolicyArns(store: Store, entityType: EntityType, entityId: string): string[] {
  return store.attachments.forEntity(entityType, entityId);
}
