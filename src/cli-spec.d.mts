// Types of src/cli-spec.mjs (plain JavaScript so that `iam-local --help` needs no build).
import type { Command } from 'commander';

export declare const VERSION: string;

export interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly def: string;
  readonly key: 'port' | 'host' | 'dbPath' | 'accountId' | 'enforce' | 'region' | 'logLevel' | 'seedFile' | 'instanceProfile' | 'oidcIssuer' | 'adminToken' | 'allowedHosts' | 'clock' | 'instanceClients' | 'bootstrapKeys' | 'upstream';
  readonly help: string;
}
export declare const SETTINGS: readonly Setting[];
export declare const DEFAULT_URL: () => string;

export type Actions = Partial<Record<'start' | 'gateway' | 'seed' | 'audit' | 'export' | 'import' | 'creds' | 'validate' | 'generate-policy', (...args: any[]) => void | Promise<void>>>;
export declare function buildProgram(actions?: Actions): Command;
