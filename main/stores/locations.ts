import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocationKind } from '../../shared/types/stores';
import type { Entries, ResolvedLocation } from '../connectors/entries/index';
import type { ConnectorRegistry } from '../connectors/registry';
import { ExcludeMatcher, FsExporter, FsImporter, FsStore, KlosetError, PtarStore, type Exporter, type Importer, type OverwritePolicy, type Store } from '../kloset';

export interface ImporterOptions {
  readonly excludes: readonly string[];
  /** Folders inside the source to leave out (a store kept inside it). */
  readonly skipPaths: readonly string[];
}

/** Everything the app opens by location: stores, sources (importers) and destinations (exporters). */
export interface Locations {
  openStore(location: string): Promise<Store>;
  openImporter(location: string, options: ImporterOptions): Promise<Importer>;
  openExporter(location: string, overwrite: OverwritePolicy): Promise<Exporter>;
  kindOf(location: string): LocationKind;
  /** The local folder of a location on this machine, or null. */
  localPath(location: string): string | null;
}

export function isPtarFile(location: string): boolean {
  return location.toLowerCase().endsWith('.ptar') && fs.statSync(location, { throwIfNoEntry: false })?.isFile() === true;
}

/** Locations other than full local paths: `@entry`, `@account:folder`, `scheme://…`. */
export interface LocationConnectors {
  readonly entries: Pick<Entries, 'resolve' | 'kindOf'>;
  registry(): ConnectorRegistry;
}

const roleOf = { store: 'store', importer: 'source', exporter: 'destination' } as const;

/** Local folders and .ptar files in this process; other locations through `connectors`. */
export function createLocations(connectors: LocationConnectors | null = null): Locations {
  const isLocal = (location: string): boolean => path.isAbsolute(location) && !/^[a-z][a-z0-9+.-]*:\/\//.test(location);
  /** The location as a connector takes it (a local folder when an entry names one), and the registry that opens it. */
  const resolve = (location: string, role: keyof typeof roleOf): { where: ResolvedLocation; registry: () => ConnectorRegistry } => {
    if (!connectors) {
      throw new KlosetError('BAD_INPUT', `"${location}" is not a full path of a local folder, and no connector is set up for it. Give a full path (such as /home/ann/Documents), or connect the cloud account first.`);
    }
    return { where: connectors.entries.resolve(location, roleOf[role], os.homedir()), registry: () => connectors.registry() };
  };
  const openLocalStore = async (folder: string): Promise<Store> => (isPtarFile(folder) ? PtarStore.open(folder) : new FsStore(folder));
  const localImporter = (folder: string, options: ImporterOptions): Importer => new FsImporter(folder, { excludes: new ExcludeMatcher(options.excludes), skipPaths: options.skipPaths });
  return {
    async openStore(location) {
      if (isLocal(location)) return openLocalStore(location);
      const { where, registry } = resolve(location, 'store');
      return where.localFolder !== null ? openLocalStore(where.localFolder) : registry().openStore(where.location, where.options);
    },
    async openImporter(location, options) {
      if (isLocal(location)) return localImporter(location, options);
      const { where, registry } = resolve(location, 'importer');
      return where.localFolder !== null ? localImporter(where.localFolder, options) : registry().openImporter(where.location, where.options, { excludes: options.excludes });
    },
    async openExporter(location, overwrite) {
      if (isLocal(location)) return new FsExporter(location, overwrite);
      const { where, registry } = resolve(location, 'exporter');
      return where.localFolder !== null ? new FsExporter(where.localFolder, overwrite) : registry().openExporter(where.location, where.options, { overwrite });
    },
    kindOf(location) {
      if (isLocal(location)) return 'local';
      return connectors ? connectors.entries.kindOf(location, 'store') : 'plugin';
    },
    localPath: (location) => (isLocal(location) ? path.resolve(location) : null),
  };
}
