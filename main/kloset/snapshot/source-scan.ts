import type { Importer, SourceEntry } from './importer';
import { Lookahead } from './lookahead';

/** Entries the walk may read ahead of the encoders (metadata only: about 200 bytes each). */
const maxScanAhead = 200_000;

/**
 * The walk of a backup's source, read ahead of the encoders so that totals, and so the time
 * left, are known early. It can start before the backup itself, so that walking a folder
 * overlaps with opening the store (the passphrase's key derivation runs in a worker thread).
 */
export class SourceScan {
  filesFound = 0;
  bytesFound = 0;
  readonly entries: Lookahead<SourceEntry>;

  constructor(
    readonly importer: Importer,
    signal?: AbortSignal,
  ) {
    this.entries = new Lookahead<SourceEntry>(importer.scan(signal), maxScanAhead, (entry) => {
      if (entry.kind === 'file' && !entry.error) {
        this.filesFound++;
        this.bytesFound += entry.size;
      }
    });
  }

  /** True once the whole source has been walked without error. */
  get isComplete(): boolean {
    return this.entries.isComplete;
  }

  /** Stops walking (the backup is over, or will not happen) and waits for the walk to end. */
  async stop(): Promise<void> {
    this.entries.stop();
    await this.entries.finished;
  }
}
