import fs from 'node:fs';
import path from 'node:path';
import type { LocationKind } from '../../shared/types/stores';
import { ExcludeMatcher, FsExporter, FsImporter, FsStore, KlosetError, PtarStore, type Exporter, type Importer, type OverwritePolicy, type Store } from '../kloset';

/** Everything the app opens by location: stores, sources (importers) and destinations (exporters). */
export interface Locations {
  openStore(location: string): Promise<Store>;
  openImporter(location: string, options: { readonly excludes: readonly string[]; readonly skipPaths: readonly string[] }): Promise<Importer>;
  openExporter(location: string, overwrite: OverwritePolicy): Promise<Exporter>;
  kindOf(location: string): LocationKind;
  /** The local folder of a location on this machine, or null. */
  localPath(location: string): string | null;
}

export function isPtarFile(location: string): boolean {
  return location.toLowerCase().endsWith('.ptar') && fs.statSync(location, { throwIfNoEntry: false })?.isFile() === true;
}

/** Local folders and .ptar files; other locations go to `others` (the connector registry). */
export function createLocations(others: Partial<Pick<Locations, 'openStore' | 'openImporter' | 'openExporter' | 'kindOf'>> = {}): Locations {
  const isLocal = (location: string): boolean => path.isAbsolute(location) && !/^[a-z][a-z0-9+.-]*:\/\//.test(location);
  const refuse = (location: string): never => {
    throw new KlosetError('BAD_INPUT', `"${location}" is not a full path of a local folder, and no connector is set up for it. Give a full path (such as /home/ann/Documents), or connect the cloud account first.`);
  };
  return {
    async openStore(location) {
      if (!isLocal(location)) return others.openStore ? others.openStore(location) : refuse(location);
      return isPtarFile(location) ? PtarStore.open(location) : new FsStore(location);
    },
    async openImporter(location, options) {
      if (!isLocal(location)) return others.openImporter ? others.openImporter(location, options) : refuse(location);
      return new FsImporter(location, { excludes: new ExcludeMatcher(options.excludes), skipPaths: options.skipPaths });
    },
    async openExporter(location, overwrite) {
      if (!isLocal(location)) return others.openExporter ? others.openExporter(location, overwrite) : refuse(location);
      return new FsExporter(location, overwrite);
    },
    kindOf(location) {
      if (isLocal(location)) return 'local';
      return others.kindOf ? others.kindOf(location) : 'plugin';
    },
    localPath: (location) => (isLocal(location) ? path.resolve(location) : null),
  };
}
