// A request to a JSON, Query or REST-JSON service (DynamoDB, SQS, SNS, Lambda, Secrets Manager,
// KMS, or any other behind a catch-all upstream) → the IAM action(s), resource ARN(s) and condition
// keys it is decided with. The action is the operation the model names (X-Amz-Target, Action=,
// or Lambda's REST path); its resource type and that type's ARN format come from the Service
// Authorization Reference (generated/actions.ts), filled from the request's input. An operation the
// data does not know is decided as the action the request names, on `*`, and says so.
import { GATEWAY_ACTIONS, GATEWAY_RESOURCE_TYPES } from './generated/actions.js';
import type { Check, MappedRequest, WireProtocol } from './request-model.js';

type Input = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export interface Where {
  partition: string;
  region: string;
  /** The account resources without one in their name belong to (the caller's). */
  account: string;
}

/** Fills an ARN format (`arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`). */
function fillArn(format: string, where: Where, names: Record<string, string | undefined>): string {
  return format.replace(/\$\{(\w+)\}/g, (_m, v: string) =>
    v === 'Partition' ? where.partition : v === 'Region' ? where.region : v === 'Account' ? where.account : (names[v] ?? '*'),
  );
}

/** The resource an action is decided on: `*` for actions that take none, else its type's ARN. */
function resourceFor(service: string, action: string, where: Where, names: Record<string, string | undefined>, arn?: string): string {
  const type = GATEWAY_ACTIONS[`${service}:${action}`];
  if (!type) return '*';
  if (arn?.startsWith('arn:')) return arn;
  const format = GATEWAY_RESOURCE_TYPES[`${service}:${type}`];
  return format ? fillArn(format, where, names) : '*';
}

/** The action's name as the authorization data spells it (DescribeTable, not describetable). */
const canonical = new Map<string, string>();
for (const a of Object.keys(GATEWAY_ACTIONS)) canonical.set(a.toLowerCase(), a);
function knownAction(service: string, op: string): string | undefined {
  return canonical.get(`${service}:${op}`.toLowerCase())?.split(':')[1];
}

// ---- per service: the names an ARN format needs, from the operation's input ----

function dynamodbChecks(op: string, input: Input, where: Where): Check[] | undefined {
  const one = (action: string, table: string | undefined, index?: string) => ({
    action: `dynamodb:${action}`,
    resource: index
      ? fillArn(GATEWAY_RESOURCE_TYPES['dynamodb:index']!, where, { TableName: table, IndexName: index })
      : resourceFor('dynamodb', action, where, { TableName: table }, table),
  });
  if (op === 'BatchGetItem' || op === 'BatchWriteItem') {
    const items = input.RequestItems && typeof input.RequestItems === 'object' ? Object.keys(input.RequestItems) : [];
    return items.length ? items.map((t) => one(op, t)) : [one(op, undefined)];
  }
  if (op === 'TransactWriteItems' || op === 'TransactGetItems') {
    const out: Check[] = [];
    const ACTION: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };
    for (const item of Array.isArray(input.TransactItems) ? (input.TransactItems as Input[]) : [])
      for (const [kind, body] of Object.entries(item ?? {})) if (ACTION[kind]) out.push(one(ACTION[kind]!, str((body as Input)?.TableName)));
    return out.length ? out : undefined;
  }
  const action = knownAction('dynamodb', op);
  if (!action) return undefined;
  const table = str(input.TableName) ?? str(input.TableArn) ?? str(input.ResourceArn);
  return [one(action, table, (op === 'Query' || op === 'Scan') && str(input.IndexName) ? str(input.IndexName) : undefined)];
}

/** https://sqs.us-east-1.amazonaws.com/123456789012/name → [account, name]. */
function queueOf(url: string | undefined): [string | undefined, string | undefined] {
  if (!url) return [undefined, undefined];
  const parts = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('/').filter(Boolean);
  const name = parts.at(-1);
  const account = parts.at(-2);
  return [account && /^\d{12}$/.test(account) ? account : undefined, name];
}

function namesOf(service: string, input: Input, where: Where): { names: Record<string, string | undefined>; arn?: string; where: Where } {
  switch (service) {
    case 'sqs': {
      const [account, name] = queueOf(str(input.QueueUrl));
      return { names: { QueueName: name ?? str(input.QueueName) }, where: account ? { ...where, account } : where };
    }
    case 'sns':
      return { names: { TopicName: str(input.Name) }, arn: str(input.TopicArn) ?? str(input.TargetArn) ?? str(input.ResourceArn), where };
    case 'secretsmanager': {
      const id = str(input.SecretId) ?? str(input.Name) ?? str(input.ResourceArn);
      return { names: { SecretId: id }, arn: id, where };
    }
    case 'kms': {
      const id = str(input.KeyId) ?? str(input.TargetKeyId);
      if (id?.startsWith('alias/')) return { names: {}, arn: `arn:${where.partition}:kms:${where.region}:${where.account}:${id}`, where };
      return { names: { KeyId: id, AliasName: str(input.AliasName)?.replace(/^alias\//, '') }, arn: id, where };
    }
    case 'lambda':
      return { names: { FunctionName: str(input.FunctionName) }, arn: str(input.FunctionName), where };
    default: {
      // Any other service: fill each ${Var} from the input member of the same name.
      const names: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(input)) if (typeof v === 'string') names[k] = v;
      return { names, where };
    }
  }
}

// Lambda (REST-JSON): the operation from the method and the path under /2015-03-31/functions.
const LAMBDA_ROUTES: [string, RegExp, string][] = [
  ['GET', /^\/20\d\d-\d\d-\d\d\/functions\/?$/, 'ListFunctions'],
  ['POST', /^\/20\d\d-\d\d-\d\d\/functions\/?$/, 'CreateFunction'],
  ['POST', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/invocations$/, 'InvokeFunction'],
  ['POST', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/invoke-async\/?$/, 'InvokeAsync'],
  ['GET', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/configuration$/, 'GetFunctionConfiguration'],
  ['PUT', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/configuration$/, 'UpdateFunctionConfiguration'],
  ['PUT', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/code$/, 'UpdateFunctionCode'],
  ['GET', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/policy$/, 'GetPolicy'],
  ['POST', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/policy$/, 'AddPermission'],
  ['DELETE', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/policy\/[^/]+$/, 'RemovePermission'],
  ['GET', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/versions$/, 'ListVersionsByFunction'],
  ['POST', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/versions$/, 'PublishVersion'],
  ['GET', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/aliases$/, 'ListAliases'],
  ['POST', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/aliases$/, 'CreateAlias'],
  ['GET', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/?$/, 'GetFunction'],
  ['DELETE', /^\/20\d\d-\d\d-\d\d\/functions\/([^/]+)\/?$/, 'DeleteFunction'],
  ['GET', /^\/20\d\d-\d\d-\d\d\/event-source-mappings\/?$/, 'ListEventSourceMappings'],
  ['POST', /^\/20\d\d-\d\d-\d\d\/event-source-mappings\/?$/, 'CreateEventSourceMapping'],
];

function lambdaOperation(method: string, path: string): { op: string; functionName?: string } | undefined {
  for (const [m, re, op] of LAMBDA_ROUTES) {
    if (m !== method) continue;
    const match = re.exec(path);
    if (match) {
      let name: string | undefined;
      try {
        name = match[1] ? decodeURIComponent(match[1]) : undefined;
      } catch {
        name = match[1];
      }
      // name:qualifier is decided on the function's ARN with the qualifier, as AWS does.
      return { op, functionName: name };
    }
  }
  return undefined;
}

export interface ServiceRequestInput {
  service: string;
  protocol: WireProtocol;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  where: Where;
}

/** The input of a JSON / Query request: its JSON body, or its form (or query) parameters. */
function inputOf(r: ServiceRequestInput): { op?: string; input: Input } {
  if (r.protocol === 'json') {
    const target = r.headers['x-amz-target'];
    const op = typeof target === 'string' ? target.slice(target.lastIndexOf('.') + 1) : undefined;
    let input: Input = {};
    try {
      const parsed = r.body.length ? JSON.parse(r.body.toString('utf8')) : {};
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) input = parsed as Input;
    } catch {
      // The upstream answers a body that is not JSON; the decision has nothing to read from it.
    }
    return { op, input };
  }
  const form = r.method === 'POST' && r.body.length ? new URLSearchParams(r.body.toString('utf8')) : r.query;
  const input: Input = {};
  for (const [k, v] of form) if (!(k in input)) input[k] = v;
  return { op: str(input.Action), input };
}

export function serviceRequest(r: ServiceRequestInput): MappedRequest {
  const { service, where } = r;
  let op: string | undefined;
  let input: Input;
  if (r.protocol === 'rest-json') {
    const route = service === 'lambda' ? lambdaOperation(r.method, r.path) : undefined;
    op = route?.op;
    input = route?.functionName ? { FunctionName: route.functionName } : {};
    if (op === 'CreateFunction') {
      try {
        const body = JSON.parse(r.body.toString('utf8')) as Input;
        if (body && typeof body === 'object') input = { FunctionName: body.FunctionName };
      } catch {
        // the upstream answers a malformed body
      }
    }
  } else ({ op, input } = inputOf(r));

  const context: Record<string, string | string[]> = {};
  if (!op) {
    return { operation: `${r.method} ${r.path}`, checks: [{ action: `${service}:*`, resource: '*' }], context, unknown: true };
  }
  if (service === 'dynamodb') {
    const checks = dynamodbChecks(op, input, where);
    if (checks) return { operation: op, checks, context, input };
  } else {
    const action = knownAction(service, op);
    if (action) {
      const n = namesOf(service, input, where);
      return { operation: op, checks: [{ action: `${service}:${action}`, resource: resourceFor(service, action, n.where, n.names, n.arn) }], context };
    }
  }
  return { operation: op, checks: [{ action: `${service}:${op}`, resource: '*' }], context, unknown: true };
}
