// How AWS words a request that breaks the service model: the one place that turns constraint
// violations into the ValidationError message each service sends. Facts, from answers recorded
// against AWS (localstack/localstack tests/aws/services/{iam,sts}/*.snapshot.json, 2025-2026):
//
// - `N validation error(s) detected: ` then one `Value … at '<path>' failed to satisfy constraint:
//   <constraint>` per violation, joined by "; ".
// - IAM never shows the value: `Value at 'tags.1.member.key' …` (test_iam_roles TestRoleTags,
//   test_iam_policies, test_iam_oidc, test_iam_account_password_policy). STS shows it quoted:
//   `Value 'Session1:2' at 'roleSessionName' …` (test_sts test_sts_invalid_parameters,
//   test_assume_role_session_name_too_long), and `Value null at` for a missing member.
// - Paths are the members' lowerCamel names, list items `<list>.<n>.member.<member>`.
// - A list of strings whose items break their shape is reported once, at the list, naming every
//   constraint of the item shape: `Member must satisfy constraint: [Member must have length less
//   than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy
//   regular expression pattern: …, Member must not be null]` (UntagRole/UntagPolicy tagKeys;
//   clientIDList and thumbprintList on CreateOpenIDConnectProvider carry no pattern and no null).
// - The order of several violations is the iteration order of a java.util.HashMap keyed by the
//   member path (16 buckets, growing at 3/4): both recorded multi-error answers follow it —
//   `minimumPasswordLength; passwordReusePrevention; maxPasswordAge` and
//   `clientIDList; thumbprintList; url` — while neither follows the model's member order.
//
// IAM checks some members in its own code rather than by the model, with messages of their own:
// a name outside `[\w+=,.@-]+` is `The specified value for userName is invalid. It must contain
// only alphanumeric characters and/or the following: +=,.@_-` (roleName: kubecost/docs#36,
// aws-amplify/amplify-cli#9120; userName: hashicorp/terraform#16187, app-sre/qontract-reconcile#2640),
// and a path that does not begin and end with / is `The specified value for path is invalid. It
// must begin and end with / and contain only alphanumeric characters and/or / characters.`
// (aws-cloudformation/cfn-lint#722). Those checks run after the model's, so they answer only when
// the model found nothing else.
import type { ServiceModel } from './model-types.js';

export interface Violation {
  /** The member path as AWS names it (`tags.1.member.key`). */
  path: string;
  /** The offending value as AWS would print it (STS only), or null when the member is missing. */
  value: string | null;
  constraint: string;
}

/** A member IAM checks in its own code: the message replaces the model's pattern violation. */
export interface OwnCheck {
  path: string;
  message: string;
}

// Members whose pattern IAM checks with its own message (the member's name is substituted): entity
// names and paths. Other members of the same shapes (AWSServiceName is a groupNameType) keep the
// model's message.
const NAME_SHAPES = new Set([
  'userNameType',
  'existingUserNameType',
  'groupNameType',
  'roleNameType',
  'instanceProfileNameType',
  'policyNameType',
  'serverCertificateNameType',
  'virtualMFADeviceName',
]);
const NAME_MEMBERS = /^(new)?(userName|UserName|roleName|groupName|GroupName|policyName|instanceProfileName|serverCertificateName|ServerCertificateName|virtualMFADeviceName)$/;
const PATH_SHAPES = new Set(['pathType']);

/** IAM's own message for a pattern violation of this shape, if it has one. */
export function ownPatternMessage(model: ServiceModel, shapeName: string, pathName: string): string | undefined {
  if (model.signingName !== 'iam') return undefined;
  if (NAME_SHAPES.has(shapeName) && NAME_MEMBERS.test(pathName))
    return `The specified value for ${pathName} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`;
  if (PATH_SHAPES.has(shapeName))
    return `The specified value for ${pathName} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`;
  return undefined;
}

// Item shapes of string lists whose items AWS also declares non-null (recorded for tag keys only).
const NON_NULL_ITEMS = new Set(['tagKeyType']);

/** Every constraint of a list's item shape, as AWS lists them when one item breaks any. */
export function itemConstraints(model: ServiceModel, itemShape: string): string {
  const s = model.shapes[itemShape]!;
  const parts: string[] = [];
  if (s.max !== undefined) parts.push(`Member must have length less than or equal to ${s.max}`);
  if (s.min !== undefined) parts.push(`Member must have length greater than or equal to ${s.min}`);
  if (s.pattern) parts.push(`Member must satisfy regular expression pattern: ${s.pattern}`);
  if (s.enum) parts.push(`Member must satisfy enum value set: [${s.enum.join(', ')}]`);
  if (NON_NULL_ITEMS.has(itemShape)) parts.push('Member must not be null');
  return `Member must satisfy constraint: [${parts.join(', ')}]`;
}

// java.lang.String#hashCode and java.util.HashMap's spreading of it.
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h ^ (h >>> 16);
}

/** Keys in the order a java.util.HashMap built by inserting them in this order iterates them. */
export function hashMapOrder(keys: string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const indexed = keys.map((k, i) => ({ k, i, bucket: javaHash(k) & (capacity - 1) }));
  indexed.sort((a, b) => a.bucket - b.bucket || a.i - b.i);
  return indexed.map((e) => e.k);
}

/** The ValidationError message for these violations, as the service answering writes it. */
export function validationMessage(model: Pick<ServiceModel, 'signingName'>, violations: Violation[]): string {
  const quote = model.signingName !== 'iam';
  const byPath = new Map<string, Violation[]>();
  for (const v of violations) {
    const list = byPath.get(v.path);
    if (list) list.push(v);
    else byPath.set(v.path, [v]);
  }
  const parts: string[] = [];
  for (const path of hashMapOrder([...byPath.keys()])) {
    for (const v of byPath.get(path)!) {
      const shown = !quote ? '' : v.value === null ? ' null' : ` '${v.value}'`;
      parts.push(`Value${shown} at '${v.path}' failed to satisfy constraint: ${v.constraint}`);
    }
  }
  const n = violations.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}
