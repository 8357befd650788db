// The instance metadata service of one simulated instance, as EC2 serves it at 169.254.169.254:
// IMDSv2 session tokens (PUT /latest/api/token), IMDSv1 where HttpTokens allows it, the
// meta-data tree with directory listings, iam/info and iam/security-credentials/ROLE with real
// STS credentials for the role in the instance profile, and the instance identity document.
//
// Metadata options, decided as follows:
// - HttpEndpoint "disabled": every request is answered 403 Forbidden (what IMDS answers when it
//   is turned off for the instance).
// - HttpPutResponseHopLimit: EC2 sends the token response with that IP TTL, so a client further
//   away never receives it. Here a client is 1 hop away, or 2 when its address is one of the
//   instance's bridgedAddresses (a container behind the instance's docker bridge). A token PUT
//   from a client more hops away than the limit gets no answer at all: the connection is held
//   open without a response until the client gives up (as the lost packet makes it), after
//   which SDKs fall back to IMDSv1 where that is allowed.
// - InstanceMetadataTags "enabled": the instance's tags under meta-data/tags/instance/.
import { partitionOf } from '../partition.js';
import type { Services } from '../context.js';
import type { RoleRow } from '../store/roles.js';
import { header, type MetaRequest, type MetaResponse } from './http.js';
import { imdsErrorPage, imdsJson, imdsTime } from './html.js';
import { MAX_TOKEN_TTL, MIN_TOKEN_TTL } from './tokens.js';
import type { SimulatedInstance } from './instance.js';
import { EC2_SERVICE, serviceMayAssume } from './service-trust.js';

const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const BASE_HEADERS = { server: 'EC2ws' };

/** The API versions IMDS lists at its root. */
const VERSIONS = [
  '1.0', '2007-01-19', '2007-03-01', '2007-08-29', '2007-10-10', '2007-12-15', '2008-02-01', '2008-09-01',
  '2009-04-04', '2011-01-01', '2011-05-01', '2012-01-12', '2014-02-25', '2014-11-05', '2015-10-20',
  '2016-04-19', '2016-06-30', '2016-09-02', '2018-03-28', '2018-08-17', '2018-09-24', '2019-10-01',
  '2020-10-27', '2021-01-03', '2021-03-23', '2021-07-15', '2022-09-24', '2024-04-11', 'latest',
];

const error = (status: number, extra: Record<string, string> = {}): MetaResponse => ({
  status,
  headers: { ...BASE_HEADERS, 'content-type': 'text/html', ...extra },
  body: imdsErrorPage(status),
});
const text = (body: string, extra: Record<string, string> = {}): MetaResponse => ({
  status: 200,
  headers: { ...BASE_HEADERS, 'content-type': 'text/plain', ...extra },
  body,
});

/** A directory maps names to subtrees; a leaf is a function giving its text (undefined = absent). */
type Leaf = () => string | undefined;
interface Dir {
  [name: string]: Node | undefined;
}
type Node = Leaf | Dir;

export interface ImdsContext {
  services: Services;
  instance: SimulatedInstance;
  /** How many network hops away the client is (see the header comment). */
  hops: number;
  /** Whether "/" lists the API versions (the instance's own port) or belongs to something else. */
  servesRoot: boolean;
}

export function handleImds(c: ImdsContext, req: MetaRequest): MetaResponse {
  const { instance } = c;
  if (instance.httpEndpoint === 'disabled') return error(403);

  if (req.path === '/latest/api/token') {
    if (req.method !== 'PUT') return error(405, { allow: 'OPTIONS, PUT' });
    if (header(req, 'x-forwarded-for') !== undefined) return error(403);
    const ttlText = header(req, TTL_HEADER);
    const ttl = ttlText !== undefined && /^\d+$/.test(ttlText.trim()) ? Number(ttlText.trim()) : NaN;
    if (!(ttl >= MIN_TOKEN_TTL && ttl <= MAX_TOKEN_TTL)) return error(400);
    if (c.hops > instance.hopLimit) return { drop: true };
    return text(instance.tokens.issue(ttl), { [TTL_HEADER]: String(ttl) });
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') return error(405, { allow: 'OPTIONS, GET, HEAD' });

  // Every other request: a token, if sent, must be valid; without one only IMDSv1 may answer.
  const token = header(req, TOKEN_HEADER);
  let ttlLeft: number | undefined;
  if (token !== undefined) {
    ttlLeft = instance.tokens.remaining(token);
    if (ttlLeft === undefined) return error(401);
  } else if (instance.httpTokens === 'required') {
    return error(401);
  }
  const extra: Record<string, string> = ttlLeft !== undefined ? { [TTL_HEADER]: String(ttlLeft) } : {};

  if (req.path === '/' && c.servesRoot) return text(VERSIONS.join('\n'), extra);
  const m = /^\/(latest|\d{4}-\d{2}-\d{2}|1\.0)(\/.*)?$/.exec(req.path);
  if (!m || !VERSIONS.includes(m[1]!)) return error(404);
  const segments = (m[2] ?? '/').split('/').slice(1);
  const trailingSlash = segments.length > 0 && segments[segments.length - 1] === '';
  if (trailingSlash) segments.pop();

  let node: Node | undefined = tree(c);
  for (const s of segments) {
    if (node === undefined || typeof node === 'function' || s === '') return error(404);
    node = Object.prototype.hasOwnProperty.call(node, s) ? node[s] : undefined;
  }
  if (node === undefined) return error(404);
  if (typeof node === 'function') {
    if (trailingSlash) return error(404);
    const value = node();
    return value === undefined ? error(404) : text(value, extra);
  }
  // A version's own listing names its trees without slashes (dynamic, meta-data, user-data);
  // every listing below marks directories with a trailing slash.
  const atVersion = segments.length === 0;
  const names = Object.entries(node)
    .filter(([, child]) => child !== undefined)
    .map(([name, child]) => (typeof child === 'function' || atVersion ? name : `${name}/`));
  return text(names.join('\n'), extra);
}

/** The role in the instance's profile right now, if the profile exists and has one. */
export function profileAndRole(services: Services, instance: SimulatedInstance) {
  const named = services.store.instanceProfiles.get(instance.accountId, instance.instanceProfileName);
  const profile = named && (instance.instanceProfileId === undefined || named.id === instance.instanceProfileId) ? named : undefined;
  const role: RoleRow | undefined = profile ? services.store.instanceProfiles.roles(profile.id)[0] : undefined;
  return { profile, role };
}

function tree(c: ImdsContext): Dir {
  const { services, instance: i } = c;
  const { profile, role } = profileAndRole(services, i);
  const v = (s: string) => () => s;

  // A role whose trust policy does not let EC2 assume it: EC2 says so where the credentials
  // would be, and SDKs reject the document.
  const trusted = role ? serviceMayAssume(role, EC2_SERVICE, services.clock.now()) : false;
  const unauthorized = (r: RoleRow) => () =>
    imdsJson({
      Code: 'AssumeRoleUnauthorizedAccess',
      Message: `EC2 cannot assume the role ${r.name}.  Please see documentation at http://docs.amazonwebservices.com/IAM/latest/UserGuide/RolesTroubleshooting.html.`,
      LastUpdated: imdsTime(services.clock.now()),
    });

  const credentialsOf = (r: RoleRow) => () => {
    const issued = i.credentials.get(i.accountId, r, i.instanceId);
    return imdsJson({
      Code: 'Success',
      LastUpdated: imdsTime(issued.lastUpdated),
      Type: 'AWS-HMAC',
      AccessKeyId: issued.credentials.AccessKeyId,
      SecretAccessKey: issued.credentials.SecretAccessKey,
      Token: issued.credentials.SessionToken,
      Expiration: imdsTime(issued.credentials.Expiration),
    });
  };

  const iam: Dir | undefined = profile && {
    info: role && !trusted ? unauthorized(role) : () =>
      imdsJson({
        Code: 'Success',
        LastUpdated: imdsTime(i.credentials.lastUpdated ?? new Date(profile.created_at)),
        InstanceProfileArn: `arn:${partitionOf(i.region).name}:iam::${profile.account_id}:instance-profile${profile.path}${profile.name}`,
        InstanceProfileId: profile.id,
      }),
    'security-credentials': role ? { [role.name]: trusted ? credentialsOf(role) : unauthorized(role) } : undefined,
  };

  const tags: Dir | undefined =
    i.instanceMetadataTags === 'enabled'
      ? { instance: Object.fromEntries(i.tags.map((t) => [t.Key, v(t.Value)])) }
      : undefined;

  const { name: partition, dnsSuffix } = partitionOf(i.region);
  const metaData: Dir = {
    'ami-id': v(i.amiId),
    'ami-launch-index': v('0'),
    'ami-manifest-path': v('(unknown)'),
    'block-device-mapping': { ami: v('/dev/xvda'), root: v('/dev/xvda') },
    hostname: v(i.hostname),
    iam,
    'instance-action': v('none'),
    'instance-id': v(i.instanceId),
    'instance-life-cycle': v('on-demand'),
    'instance-type': v(i.instanceType),
    'local-hostname': v(i.hostname),
    'local-ipv4': v(i.privateIp),
    mac: v(i.mac),
    placement: {
      'availability-zone': v(i.availabilityZone),
      region: v(i.region),
    },
    profile: v('default-hvm'),
    'reservation-id': v(i.reservationId),
    'security-groups': v('default'),
    services: { domain: v(dnsSuffix), partition: v(partition) },
    tags,
  };

  const document = () =>
    imdsJson({
      accountId: i.accountId,
      architecture: 'x86_64',
      availabilityZone: i.availabilityZone,
      billingProducts: null,
      devpayProductCodes: null,
      marketplaceProductCodes: null,
      imageId: i.amiId,
      instanceId: i.instanceId,
      instanceType: i.instanceType,
      kernelId: null,
      pendingTime: imdsTime(i.launchedAt),
      privateIp: i.privateIp,
      ramdiskId: null,
      region: i.region,
      version: '2017-09-30',
    });

  return {
    dynamic: { 'instance-identity': { document } },
    'meta-data': metaData,
    'user-data': i.userData === undefined ? undefined : v(i.userData),
  };
}
