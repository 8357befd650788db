// Access Analyzer's policy checks: each issue code, its finding type and its findingDetails text,
// from AWS's "IAM policy validation check reference" (IAM User Guide,
// access-analyzer-reference-policy-checks; awsdocs/iam-user-guide doc_source/
// access-analyzer-reference-policy-checks.md, 2023, and the current page's issue codes). The
// reference prints each text with its values left out; `{{name}}` marks where a value goes.
// Texts marked `unconfirmed` are not in that reference's text (only their code is listed there);
// their wording is iam-local's own. docs/access-analyzer.md lists what is implemented.
import { dict } from '../own.js';

export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';

interface Code {
  type: FindingType;
  text: string;
  unconfirmed?: true;
}

const E = (text: string, unconfirmed?: true): Code => ({ type: 'ERROR', text, ...(unconfirmed ? { unconfirmed } : {}) });
const W = (text: string): Code => ({ type: 'WARNING', text });
const S = (text: string): Code => ({ type: 'SECURITY_WARNING', text });
const G = (text: string): Code => ({ type: 'SUGGESTION', text });

const PASS_ROLE_TAIL = 'We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.';

export const CHECK_CODES = {
  // Errors
  ARN_ACCOUNT_NOT_ALLOWED: E('The service {{service}} does not support specifying an account ID in the resource ARN.'),
  ARN_REGION_NOT_ALLOWED: E('The service {{service}} does not support specifying a Region in the resource ARN.'),
  DATA_TYPE_MISMATCH: E('The text does not match the expected JSON data type {{dataType}}.'),
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: E('The condition key appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.'),
  INVALID_ACTION: E('The action {{action}} does not exist.{{suggestion}}'),
  INVALID_ARN_ACCOUNT: E('The resource ARN account ID is not valid. Provide a 12-digit account ID.'),
  INVALID_ARN_PREFIX: E('Add the required prefix (arn) to the resource ARN.'),
  INVALID_ARN_REGION: E('The Region is not valid for this resource. Update the resource ARN to include a supported Region.'),
  INVALID_ARN_RESOURCE: E('Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.'),
  INVALID_ARN_SERVICE_CASE: E('Update the service name in the resource ARN to use all lowercase letters.'),
  INVALID_CONDITION_DATA_TYPE: E('The condition value data types do not match. Use condition values of the same JSON data type.'),
  INVALID_CONDITION_KEY_FORMAT: E('The condition key format is not valid. Use the format service:keyname.'),
  INVALID_CONDITION_MULTIPLE_BOOLEAN: E('The condition key does not support multiple Boolean values. Use a single Boolean value.'),
  INVALID_CONDITION_OPERATOR: E('The condition operator {{operator}} is not valid. Use a valid condition operator.'),
  INVALID_EFFECT: E('The effect {{effect}} is not valid. Use Allow or Deny.'),
  INVALID_GLOBAL_CONDITION_KEY: E('The condition key {{key}} does not exist. Use a valid condition key.'),
  INVALID_PARTITION: E('The resource ARN for the service {{service}} does not support the partition {{partition}}. Use the supported values: {{partitions}}'),
  INVALID_POLICY_ELEMENT: E('The policy element {{element}} is not valid.'),
  INVALID_PRINCIPAL_FORMAT: E('The Principal element contents are not valid. Specify a key-value pair in the Principal element.'),
  INVALID_PRINCIPAL_KEY: E('The principal key {{key}} is not valid.'),
  INVALID_REGION: E('The Region {{region}} is not valid. Update the condition value to a suported Region.'),
  INVALID_SERVICE: E('The service {{service}} does not exist. Use a valid service name.'),
  INVALID_SERVICE_CONDITION_KEY: E('The condition key {{key}} does not exist in the service {{service}}. Use a valid condition key.'),
  INVALID_SERVICE_IN_ACTION: E('The service {{service}} specified in the action does not exist.{{suggestion}}'),
  INVALID_VARIABLE_FOR_OPERATOR: E('Policy variables can only be used with String and ARN operators.'),
  INVALID_VERSION: E('The version {{version}} is not valid. Use one of the following versions: {{versions}}'),
  JSON_SYNTAX_ERROR: E('Fix the JSON syntax error at index {{index}} line {{line}} column {{column}}.'),
  MISSING_ACTION: E('Add an Action or NotAction element to the policy statement.'),
  MISSING_ARN_FIELD: E('Resource ARNs must include at least {{fields}} fields in the following structure: arn:partition:service:region:account:resource'),
  MISSING_ARN_REGION: E('Add a Region to the {{service}} resource ARN.'),
  MISSING_EFFECT: E('Add an Effect element to the policy statement with a value of Allow or Deny.'),
  MISSING_PRINCIPAL: E('Add a Principal element to the policy statement.'),
  MISSING_QUALIFIER: E('The request context key {{key}} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.'),
  MISSING_RESOURCE: E('Add a Resource or NotResource element to the policy statement.'),
  MISSING_STATEMENT: E('Add a statement to the policy'),
  MISSING_TAG_KEY_IN_CONDITION: E('The condition key {{key}} must include a tag key to control access based on tags. Use the format {{key}}/tag-key and specify a key name for tag-key.', true),
  NULL_WITH_IF_EXISTS: E('The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.'),
  SCP_SYNTAX_ERROR_ACTION_WILDCARD: E('SCP actions can include wildcards (*) only at the end of a string. Update {{action}}.'),
  SCP_SYNTAX_ERROR_ALLOW_CONDITION: E('SCPs do not support the Condition element with effect Allow. Update the element Condition or the effect.'),
  SCP_SYNTAX_ERROR_ALLOW_NOTACTION: E('SCPs do not support NotAction with effect Allow. Update the element NotAction or the effect.'),
  SCP_SYNTAX_ERROR_ALLOW_RESOURCE: E('SCPs do not support Resource with effect Allow. Update the element Resource or the effect.'),
  SCP_SYNTAX_ERROR_NOTRESOURCE: E('SCPs do not support the NotResource element. Update the policy to use Resource instead.'),
  SCP_SYNTAX_ERROR_PRINCIPAL: E('SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.'),
  UNIQUE_SIDS_REQUIRED: E('Duplicate statement IDs are not supported for this policy type. Update the Sid value.'),
  UNSUPPORTED_ACTION_IN_POLICY: E('The action {{action}} is not supported for the resource-based policy attached to the resource type {{resourceType}}.', true),
  UNSUPPORTED_ELEMENT_COMBINATION: E('The policy elements {{a}} and {{b}} can not be used in the same statement. Remove one of these elements.'),
  UNSUPPORTED_PRINCIPAL: E('The policy type {{policyType}} does not support the Principal element. Remove the Principal element.'),
  UNSUPPORTED_RESOURCE_ARN_IN_POLICY: E('The resource ARN is not supported for the resource-based policy attached to the resource type {{resourceType}}.', true),
  UNSUPPORTED_SID: E('Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]'),
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: E('Wildcards (*, ?) are not supported with the principal key {{key}}. Replace the wildcard with a valid principal value.'),
  MISSING_BRACE_IN_VARIABLE: E('The policy variable is missing a closing curly brace. Add } after the variable text.'),
  UNSUPPORTED_SYMBOL_IN_VARIABLE: E('The symbol {{symbol}} is not supported within the policy variable text. Remove the symbol.'),
  MISSING_QUOTE_IN_VARIABLE: E('The policy variable default value must begin and end with a single quote. Add the missing quote.'),
  UNSUPPORTED_SPACE_IN_VARIABLE: E('A space is not supported within the policy variable text. Remove the space.'),
  EMPTY_VARIABLE: E('Empty policy variable. Remove the ${} variable structure or provide a variable within the structure.'),
  VARIABLE_UNSUPPORTED_IN_ELEMENT: E('Policy variables are supported in the Resource and Condition elements. Remove the policy variable {{variable}} from this element.'),
  VARIABLE_UNSUPPORTED_IN_VERSION: E('To include variables in your policy, use the policy version 2012-10-17 or later.'),
  PRIVATE_IP_ADDRESS: E('aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.'),
  PRIVATE_NOT_IP_ADDRESS: E('The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.'),
  POLICY_SIZE_EXCEEDS_SCP_QUOTA: E('The {{size}} characters in the service control policy (SCP) exceed the {{quota}} character maximum for SCPs. We recommend that you use multiple granular policies.'),

  // General warnings
  CREATE_SLR_WITH_NOT_RESOURCE: W('Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.'),
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: W('Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.'),
  CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE: W('Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.'),
  CREATE_SLR_WITH_STAR_IN_RESOURCE: W('Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.'),
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: W('Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.'),
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: W('Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.'),
  DEPRECATED_GLOBAL_CONDITION_KEY: W('We recommend that you update aws:ARN to use the newer condition keys aws:PrincipalArn or aws:SourceArn.'),
  INVALID_DATE_VALUE: W('The date {{date}} might not resolve as expected. We recommend that you use the YYYY-MM-DD format.'),
  INVALID_ROLE_REFERENCE: W('The Principal element includes the IAM role ID {{id}}. We recommend that you use a role ARN instead.'),
  INVALID_USER_REFERENCE: W('The Principal element includes the IAM user ID {{id}}. We recommend that you use a user ARN instead.'),
  MISSING_VERSION: W('We recommend that you specify the Version element to help you with debugging permission issues.'),
  UNIQUE_SIDS_RECOMMENDED: W('We recommend that you use statement IDs that are unique to your policy. Update the Sid value.'),
  WILDCARD_WITHOUT_LIKE_OPERATOR: W('Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.'),
  POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: W('The {{size}} characters in the identity policy, excluding whitespace, exceed the {{quota}} character maximum for inline and managed policies. We recommend that you use multiple granular policies.'),
  TYPE_MISMATCH: W('Use the operator type {{type}} instead of operator {{operator}} for the condition key {{key}}.'),
  TYPE_MISMATCH_BOOLEAN: W('Add a valid Boolean value (true or false) for the condition operator {{operator}}.'),
  TYPE_MISMATCH_DATE: W('The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.'),
  TYPE_MISMATCH_IP_RANGE: W('The condition operator {{operator}} is used with an invalid IP range value. Specify the IP range in standard CIDR format.'),
  TYPE_MISMATCH_NUMBER: W('Add a valid numeric value for the condition operator {{operator}}.'),
  TYPE_MISMATCH_STRING: W('Add a valid base64-encoded string value for the condition operator {{operator}}.'),

  // Security warnings
  ALLOW_WITH_NOT_PRINCIPAL: S('Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.'),
  FORALLVALUES_WITH_SINGLE_VALUED_KEY: S('Using ForAllValues qualifier with the single-valued condition key {{key}} can be overly permissive. We recommend that you remove ForAllValues:.'),
  PASS_ROLE_WITH_NOT_RESOURCE: S('Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.'),
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: S('Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.'),
  PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE: S('Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead.'),
  PASS_ROLE_WITH_STAR_IN_RESOURCE: S(`Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. ${PASS_ROLE_TAIL}`),
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: S(`Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. ${PASS_ROLE_TAIL}`),
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: S(`Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. ${PASS_ROLE_TAIL}`),

  // Suggestions
  EMPTY_ARRAY_ACTION: G('This statement includes no actions and does not affect the policy. Specify actions.'),
  EMPTY_ARRAY_CONDITION: G('There are no values for the condition key {{key}} and it does not affect the policy. Specify conditions.'),
  EMPTY_ARRAY_CONDITION_FORALLVALUES: G('The ForAllValues prefix with an empty condition key matches only if the key {{key}} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.'),
  EMPTY_ARRAY_CONDITION_FORANYVALUE: G('The ForAnyValue prefix with an empty condition key {{key}} never matches the request context and it does not affect the policy. Specify conditions.'),
  EMPTY_ARRAY_CONDITION_IFEXISTS: G('The IfExists suffix with an empty condition key matches only if the key {{key}} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.'),
  EMPTY_ARRAY_PRINCIPAL: G('This statement includes no principals and does not affect the policy. Specify principals.'),
  EMPTY_ARRAY_RESOURCE: G('This statement includes no resources and does not affect the policy. Specify resources.'),
  EMPTY_OBJECT_CONDITION: G('This condition block is empty and it does not affect the policy. Specify conditions.'),
  EMPTY_OBJECT_PRINCIPAL: G('This statement includes no principals and does not affect the policy. Specify principals.'),
  EMPTY_SID_VALUE: G('Add a value to the empty string in the Sid element.'),
  IMPROVE_IP_RANGE: G('The non-zero bits in the IP address after the masked bits are ignored. Replace address with {{address}}.'),
  NULL_WITH_QUALIFIER: G('Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.'),
  PRIVATE_IP_ADDRESS_SUBSET: G('The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.'),
  PRIVATE_NOT_IP_ADDRESS_SUBSET: G('The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.'),
  REDUNDANT_ACTION: G('The {{count}} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: {{action}}.'),
  REDUNDANT_CONDITION_VALUE_NUM: G('Multiple values in {{operator}} are redundant. Replace with the greatest/least single value for {{key}}.'),
  REDUNDANT_RESOURCE: G('The {{count}} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)'),
  REDUNDANT_STATEMENT: G('The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.'),
  WILDCARD_IN_SERVICE_NAME: G('Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.'),
} as const satisfies Record<string, Code>;

export type IssueCode = keyof typeof CHECK_CODES;

const TYPE_SLUG: Record<FindingType, string> = { ERROR: 'error', SECURITY_WARNING: 'security-warning', WARNING: 'general-warning', SUGGESTION: 'suggestion' };

export const LEARN_MORE_BASE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

/** The learnMoreLink of a code: the reference's anchor for it. */
export function learnMoreLink(code: IssueCode): string {
  const c: Code = CHECK_CODES[code];
  return `${LEARN_MORE_BASE}#access-analyzer-reference-policy-checks-${TYPE_SLUG[c.type]}-${code.toLowerCase().replace(/_/g, '-')}`;
}

/** The findingDetails of a code with its values filled in. */
export function findingDetails(code: IssueCode, values: Record<string, string | number> = {}): string {
  const v = dict<string | number>();
  Object.assign(v, values);
  return CHECK_CODES[code].text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(Object.hasOwn(v, k) ? v[k] : ''));
}

export const findingTypeOf = (code: IssueCode): FindingType => CHECK_CODES[code].type;
