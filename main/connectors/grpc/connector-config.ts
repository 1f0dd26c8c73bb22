import os from 'node:os';
import { method, type ServiceDefinition } from '../protocol/load-protocol';
import { emptySchema, initResponseSchema } from '../protocol/messages';
import { callUnary } from './calls';
import type { PluginProcess } from './plugin-process';

/**
 * A connector's configuration: the whole entry, `location` ("rclone://Photos") included, with the
 * connector's own keys ("rclone_type", …). It is sent to the plugin as is.
 */
export type ConnectorConfig = Readonly<Record<string, string>> & { readonly location: string };

/** The scheme of a location ("rclone" for "rclone://Photos"); "fs" when it has none. */
export function locationScheme(location: string): string {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase() ?? 'fs';
}

/** What the host tells an importer or exporter about the run at `Init`. */
export interface ConnectorRunOptions {
  readonly maxConcurrency?: number;
  /** Exclusion patterns (gitignore syntax) that an importer may apply itself. */
  readonly excludes?: readonly string[];
}

const goOs: Readonly<Record<string, string>> = { win32: 'windows' };
const goArch: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386' };

/** `Options` of an importer or exporter `Init`: extended attributes are not asked for (the engine does not keep them). */
export function initOptions(options: ConnectorRunOptions): object {
  return {
    hostname: os.hostname(),
    os: goOs[process.platform] ?? process.platform,
    arch: goArch[process.arch] ?? process.arch,
    cwd: process.cwd(),
    maxconcurrency: String(options.maxConcurrency ?? Math.max(1, os.availableParallelism())),
    excludes: [...(options.excludes ?? [])],
    noxattr: true,
  };
}

export interface InitAnswer {
  readonly origin: string;
  readonly type: string;
  readonly root: string;
}

/**
 * Calls `Init` on one of the plugin's services. On failure the plugin is stopped: a wrapper owns
 * its plugin from its creation on.
 */
export async function initService(plugin: PluginProcess, service: ServiceDefinition, request: object): Promise<InitAnswer> {
  try {
    return await callUnary(plugin, method(service, 'Init'), request, initResponseSchema, 'Init');
  } catch (error) {
    await plugin.close();
    throw error;
  }
}

/**
 * Calls the service's `Close` while the plugin runs, then stops the process in every case. A
 * plugin that is already gone has nothing left to close: that is not an error here.
 */
export async function closeService(plugin: PluginProcess, service: ServiceDefinition): Promise<void> {
  try {
    if (!plugin.exitStatus()) await callUnary(plugin, method(service, 'Close'), {}, emptySchema, 'Close');
  } catch (error) {
    if (!plugin.exitStatus()) throw error;
  } finally {
    await plugin.close();
  }
}
