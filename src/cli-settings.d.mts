// Types of src/cli-settings.mjs (plain JavaScript: src/cli-spec.mjs, which `iam-local --help` loads without a build, reads it).
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
