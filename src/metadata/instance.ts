// A simulated EC2 instance: its identity, its metadata options (as EC2's
// ModifyInstanceMetadataOptions names them), the addresses bound to it, and its credential cache.
import { randomBytes, randomInt } from 'node:crypto';
import type { Server } from 'node:http';
import type { Services } from '../context.js';
import type { Tag } from '../store/tags.js';
import { AddressSet, isValidBinding } from './addresses.js';
import { TokenStore } from './tokens.js';
import { RoleCredentialCache } from './role-credentials.js';

export type HttpTokens = 'optional' | 'required';
export type OnOff = 'enabled' | 'disabled';

export interface InstanceOptions {
  instanceProfileName: string;
  accountId?: string;
  instanceId?: string;
  region?: string;
  availabilityZone?: string;
  instanceType?: string;
  amiId?: string;
  privateIp?: string;
  httpTokens?: HttpTokens;
  httpEndpoint?: OnOff;
  /** HttpPutResponseHopLimit, 1–64 (EC2's default is 1). */
  hopLimit?: number;
  instanceMetadataTags?: OnOff;
  tags?: Tag[] | Record<string, string>;
  /** Clients at these addresses are this instance itself (one hop away). */
  clientAddresses?: string[];
  /** Clients at these addresses are containers on this instance, behind its bridge (two hops away). */
  bridgedAddresses?: string[];
  userData?: string;
  port?: number;
  /** The address the instance's own listener binds (default: the server's HOST). */
  listenAddress?: string;
}

export class InstanceOptionsError extends Error {}

const hex = (n: number) => randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);

function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (typeof v !== 'string' || !allowed.includes(v as T))
    throw new InstanceOptionsError(`${name} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  return v as T;
}

function addressList(name: string, v: unknown): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((e) => typeof e !== 'string' || !isValidBinding(e)))
    throw new InstanceOptionsError(`${name} must be a list of IP addresses, CIDR blocks or host names.`);
  return v as string[];
}

function tagList(v: unknown): Tag[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) {
    if (v.some((t) => typeof t?.Key !== 'string' || typeof (t.Value ?? '') !== 'string'))
      throw new InstanceOptionsError('tags must be [{"Key": …, "Value": …}] or {"key": "value"}.');
    return v.map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
  }
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v);
    if (entries.some(([, val]) => typeof val !== 'string'))
      throw new InstanceOptionsError('tags must be [{"Key": …, "Value": …}] or {"key": "value"}.');
    return entries.map(([Key, Value]) => ({ Key, Value: Value as string }));
  }
  throw new InstanceOptionsError('tags must be [{"Key": …, "Value": …}] or {"key": "value"}.');
}

function str(name: string, v: unknown, pattern?: RegExp): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || (pattern && !pattern.test(v))) throw new InstanceOptionsError(`${name} is not valid.`);
  return v;
}

export class SimulatedInstance {
  readonly instanceId: string;
  readonly accountId: string;
  readonly instanceProfileName: string;
  readonly region: string;
  readonly availabilityZone: string;
  readonly instanceType: string;
  readonly amiId: string;
  readonly privateIp: string;
  readonly mac: string;
  readonly reservationId: string;
  readonly launchedAt: Date;
  httpTokens: HttpTokens;
  httpEndpoint: OnOff;
  hopLimit: number;
  instanceMetadataTags: OnOff;
  readonly tags: Tag[];
  readonly clientAddresses: AddressSet;
  readonly bridgedAddresses: AddressSet;
  readonly userData: string | undefined;
  readonly requestedPort: number | undefined;
  readonly listenAddress: string | undefined;
  readonly tokens: TokenStore;
  readonly credentials: RoleCredentialCache;
  /** The profile's unique id at launch: EC2 associates that profile, not whatever later bears its
   *  name. Unset for the default instance, which follows IAM_LOCAL_INSTANCE_PROFILE by name. */
  instanceProfileId: string | undefined;
  /** The instance's own listener (absent for the main port's default instance). */
  server: Server | undefined;
  endpoint: string | undefined;

  constructor(services: Services, body: unknown, readonly isDefault = false) {
    if (typeof body !== 'object' || body === null) throw new InstanceOptionsError('Give a JSON object.');
    const o = body as Record<string, unknown>;
    const profile = str('instanceProfileName', o.instanceProfileName, /^[\w+=,.@-]{1,128}$/);
    if (!profile) throw new InstanceOptionsError('instanceProfileName is required.');
    this.instanceProfileName = profile;
    this.accountId = str('accountId', o.accountId, /^\d{12}$/) ?? services.config.accountId;
    this.instanceId = str('instanceId', o.instanceId, /^i-[0-9a-f]{8,17}$/) ?? `i-${hex(17)}`;
    this.region = str('region', o.region, /^[a-z]{2}(-[a-z]+)+-\d$/) ?? services.config.region;
    this.availabilityZone = str('availabilityZone', o.availabilityZone, /^[a-z0-9-]+$/) ?? `${this.region}a`;
    this.instanceType = str('instanceType', o.instanceType, /^[a-z0-9-]+\.[a-z0-9]+$/) ?? 't3.micro';
    this.amiId = str('amiId', o.amiId, /^ami-[0-9a-f]{8,17}$/) ?? `ami-${hex(17)}`;
    this.privateIp =
      str('privateIp', o.privateIp, /^\d+\.\d+\.\d+\.\d+$/) ?? `172.31.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    this.mac = ['0e', ...Array.from({ length: 5 }, () => hex(2))].join(':');
    this.reservationId = `r-${hex(17)}`;
    this.launchedAt = services.clock.now();
    this.httpTokens = oneOf('httpTokens', o.httpTokens, ['optional', 'required'] as const, 'optional');
    this.httpEndpoint = oneOf('httpEndpoint', o.httpEndpoint, ['enabled', 'disabled'] as const, 'enabled');
    this.instanceMetadataTags = oneOf('instanceMetadataTags', o.instanceMetadataTags, ['enabled', 'disabled'] as const, 'disabled');
    const hop = o.hopLimit ?? o.httpPutResponseHopLimit;
    if (hop !== undefined && (!Number.isInteger(hop) || (hop as number) < 1 || (hop as number) > 64))
      throw new InstanceOptionsError('hopLimit must be an integer from 1 to 64.');
    this.hopLimit = (hop as number | undefined) ?? 1;
    this.tags = tagList(o.tags);
    this.clientAddresses = new AddressSet(addressList('clientAddresses', o.clientAddresses));
    this.bridgedAddresses = new AddressSet(addressList('bridgedAddresses', o.bridgedAddresses));
    this.userData = str('userData', o.userData);
    if (o.port !== undefined && (!Number.isInteger(o.port) || (o.port as number) < 0 || (o.port as number) > 65535))
      throw new InstanceOptionsError('port must be a port number (0 = any free port).');
    this.requestedPort = o.port as number | undefined;
    this.listenAddress = str('listenAddress', o.listenAddress, /^[0-9A-Fa-f.:]{2,45}$|^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/);
    this.tokens = new TokenStore(services.clock);
    this.credentials = new RoleCredentialCache(services);
  }

  /** EC2's ModifyInstanceMetadataOptions: changes the metadata options of a running instance. */
  modifyMetadataOptions(body: unknown) {
    if (typeof body !== 'object' || body === null) throw new InstanceOptionsError('Give a JSON object.');
    const o = body as Record<string, unknown>;
    const known = ['httpTokens', 'httpEndpoint', 'hopLimit', 'httpPutResponseHopLimit', 'instanceMetadataTags'];
    const unknown = Object.keys(o).filter((k) => !known.includes(k));
    if (unknown.length) throw new InstanceOptionsError(`Only the metadata options can change: ${known.join(', ')} (not ${unknown.join(', ')}).`);
    const httpTokens = oneOf('httpTokens', o.httpTokens, ['optional', 'required'] as const, this.httpTokens);
    const httpEndpoint = oneOf('httpEndpoint', o.httpEndpoint, ['enabled', 'disabled'] as const, this.httpEndpoint);
    const tags = oneOf('instanceMetadataTags', o.instanceMetadataTags, ['enabled', 'disabled'] as const, this.instanceMetadataTags);
    const hop = o.hopLimit ?? o.httpPutResponseHopLimit;
    if (hop !== undefined && (!Number.isInteger(hop) || (hop as number) < 1 || (hop as number) > 64))
      throw new InstanceOptionsError('hopLimit must be an integer from 1 to 64.');
    this.httpTokens = httpTokens;
    this.httpEndpoint = httpEndpoint;
    this.instanceMetadataTags = tags;
    if (hop !== undefined) this.hopLimit = hop as number;
  }

  get hostname(): string {
    const ip = this.privateIp.replace(/\./g, '-');
    return this.region === 'us-east-1' ? `ip-${ip}.ec2.internal` : `ip-${ip}.${this.region}.compute.internal`;
  }

  describe() {
    return {
      instanceId: this.instanceId,
      instanceProfileName: this.instanceProfileName,
      instanceProfileId: this.instanceProfileId ?? null,
      accountId: this.accountId,
      endpoint: this.endpoint ?? null,
      default: this.isDefault,
      region: this.region,
      availabilityZone: this.availabilityZone,
      instanceType: this.instanceType,
      amiId: this.amiId,
      privateIp: this.privateIp,
      launchTime: this.launchedAt.toISOString(),
      httpTokens: this.httpTokens,
      httpEndpoint: this.httpEndpoint,
      hopLimit: this.hopLimit,
      instanceMetadataTags: this.instanceMetadataTags,
      tags: this.tags,
      clientAddresses: this.clientAddresses.entries,
      bridgedAddresses: this.bridgedAddresses.entries,
      ...(this.listenAddress ? { listenAddress: this.listenAddress } : {}),
    };
  }
}
