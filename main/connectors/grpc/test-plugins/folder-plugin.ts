/**
 * A test plugin serving the importer and exporter roles over local folders:
 * `testfolder:///path` reads or writes /path. The `slow_scan_ms` key pauses before each entry.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Importer, type SourceEntry } from '../../../kloset/index';
import { servePlugin } from '../../plugin/index';
import { FolderExporter, FolderImporter } from './folder-connectors';

const folderOf = (location: string | undefined): string => (location ?? '').replace(/^testfolder:\/\//, '');

class SlowImporter extends FolderImporter {
  constructor(
    root: string,
    private readonly pauseMs: number,
  ) {
    super(root);
  }

  override async *scan(signal?: AbortSignal): AsyncGenerator<SourceEntry> {
    for await (const entry of super.scan(signal)) {
      await sleep(this.pauseMs, undefined, { signal });
      yield entry;
    }
  }
}

servePlugin({
  importer: async ({ config }): Promise<Importer> => {
    const pauseMs = Number(config.slow_scan_ms ?? 0);
    return pauseMs > 0 ? new SlowImporter(folderOf(config.location), pauseMs) : new FolderImporter(folderOf(config.location));
  },
  exporter: async ({ config, overwrite }) => new FolderExporter(folderOf(config.location), overwrite),
});
