// What a handler gets: who is calling, the clock, the store, the config — never HTTP or XML.
import type { Config } from './config.js';
import type { Store } from './store/store.js';
import type { Clock } from './clock.js';
import type { Principal } from './principal.js';
import type { Logger } from 'pino';

/** Long-lived services shared by every request. */
export interface Services {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  startedAt: Date;
}

export interface RequestContext extends Services {
  requestId: string;
  service: 'iam' | 'sts' | 'access-analyzer';
  action: string;
  accountId: string;
  principal: Principal;
  sourceIp: string;
  region: string;
  /** The partition of the signing region (`aws`, `aws-cn`, `aws-us-gov` …): see src/partition.ts. */
  partition: string;
  secureTransport: boolean;
  userAgent?: string;
  /** The time of this request, fixed at its start. */
  now(): Date;
}
