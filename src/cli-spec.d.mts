// Types of src/cli-spec.mjs (plain JavaScript so that `iam-local --help` needs no build).
import type { Command } from 'commander';

export { VERSION, SETTINGS, DEFAULT_URL, type Setting } from './cli-settings.mjs';

export type Actions = Partial<Record<'start' | 'gateway' | 'seed' | 'audit' | 'export' | 'import' | 'creds' | 'validate' | 'generate-policy', (...args: any[]) => void | Promise<void>>>;
export declare function buildProgram(actions?: Actions): Command;
