import { overwritePolicies, type OverwritePolicy } from '../../kloset/index';
import { overwriteConfigKey } from '../protocol/constants';
import type { ConnectorInitRequest } from '../protocol/messages';
import type { StoreInit } from './store-service';

/** The host's options of an importer or exporter `Init`. */
export interface ConnectorOptions {
  readonly hostname: string;
  /** Go's names: "linux", "darwin", "windows". */
  readonly os: string;
  /** Go's names: "amd64", "arm64". */
  readonly arch: string;
  readonly cwd: string;
  readonly maxConcurrency: number;
  /** Exclusion patterns of the backup (gitignore syntax). */
  readonly excludes: readonly string[];
  /** True when extended attributes must not be reported. */
  readonly noXattr: boolean;
}

export interface ImporterInit extends StoreInit {
  readonly options: ConnectorOptions;
}

export interface ExporterInit extends ImporterInit {
  /** What to do with files that exist at the destination; `always` when the host did not say. */
  readonly overwrite: OverwritePolicy;
}

export function importerInit(request: ConnectorInitRequest): ImporterInit {
  const options = request.options;
  return {
    proto: request.proto,
    config: request.config,
    options: {
      hostname: options?.hostname ?? '',
      os: options?.os ?? '',
      arch: options?.arch ?? '',
      cwd: options?.cwd ?? '',
      maxConcurrency: Math.max(1, Math.min(Number(options?.maxconcurrency ?? 1), 1024)),
      excludes: options?.excludes ?? [],
      noXattr: options?.noxattr ?? false,
    },
  };
}

function isOverwritePolicy(value: string | undefined): value is OverwritePolicy {
  return (overwritePolicies as readonly (string | undefined)[]).includes(value);
}

/** The exporter's init: the overwrite policy is taken out of the configuration. */
export function exporterInit(request: ConnectorInitRequest): ExporterInit {
  const { [overwriteConfigKey]: overwrite, ...config } = request.config;
  return { ...importerInit({ ...request, config }), overwrite: isOverwritePolicy(overwrite) ? overwrite : 'always' };
}
