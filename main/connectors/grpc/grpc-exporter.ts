import type { ClientDuplexStream } from '@grpc/grpc-js';
import { KlosetError, type Exporter, type OverwritePolicy, type RestoreEntry, type WriteOutcome } from '../../kloset/index';
import { overwriteConfigKey, skippedResultError } from '../protocol/constants';
import { method, protocolServices } from '../protocol/load-protocol';
import { exportResponseSchema } from '../protocol/messages';
import { recordFromRestoreEntry } from '../protocol/records';
import { messagesOf, rechunk, writeMessage } from '../protocol/streams';
import { onAbort, openBidiStream, parseAnswer } from './calls';
import { closeService, initOptions, initService, locationScheme, type ConnectorConfig, type ConnectorRunOptions } from './connector-config';
import { hostError } from './host-errors';
import type { PluginProcess } from './plugin-process';

/** The one Export stream of an exporter; replaced by a new one after a failure or a cancellation. */
class ExportStream {
  readonly call: ClientDuplexStream<object, unknown>;
  private readonly messages: AsyncIterator<unknown>;
  broken = false;

  constructor(private readonly plugin: PluginProcess) {
    this.call = openBidiStream(plugin, method(protocolServices().exporter, 'Export'), 'restoring');
    this.messages = messagesOf(this.call);
  }

  /** Sends a record and, for a regular file, its content in chunks and the empty chunk that ends it. */
  async send(record: object, content: AsyncIterable<Uint8Array> | null): Promise<void> {
    await writeMessage(this.call, { record });
    if (!content) return;
    for await (const chunk of rechunk(content)) await writeMessage(this.call, { chunk });
    await writeMessage(this.call, { chunk: Buffer.alloc(0) });
  }

  /** The error of the result for `pathname` ('' for success). */
  async result(pathname: string, what: string): Promise<string> {
    try {
      const next = await this.messages.next();
      if (next.done === true) throw new KlosetError('IO', `The ${this.plugin.name} connector ended the restore stream without a result for ${pathname}.`);
      const header = parseAnswer(exportResponseSchema, next.value, 'Export').result;
      if (header?.header?.pathname !== pathname) {
        throw new KlosetError('IO', `The ${this.plugin.name} connector answered for ${header?.header?.pathname ?? 'nothing'} instead of ${pathname}.`);
      }
      return header.error;
    } catch (error) {
      throw await hostError(this.plugin, error, what);
    }
  }

  async end(): Promise<void> {
    this.call.end();
    try {
      for (let next = await this.messages.next(); next.done !== true; next = await this.messages.next()) parseAnswer(exportResponseSchema, next.value, 'Export');
    } catch (error) {
      throw await hostError(this.plugin, error, 'ending the restore');
    }
  }
}

/**
 * A destination served by a plugin over the connector protocol (`plakar.exporter.Exporter`). All
 * operations go one at a time over one Export stream, each awaiting the result of its record:
 * a directory's record is sent twice, before its children (create) and after them
 * (`finishDirectory`: mode and times). A result whose error is exactly `skippedResultError` means
 * the plugin kept an existing file (`'skipped'`); any other error fails that entry with IO.
 * Aborting a write cancels the stream; the next operation opens a new one. The exporter owns its
 * plugin process: `close` stops it.
 */
export class GrpcExporter implements Exporter {
  private stream: ExportStream | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly plugin: PluginProcess,
    readonly root: string,
  ) {}

  async createDirectory(entry: RestoreEntry): Promise<void> {
    await this.apply(entry, null);
  }

  writeFile(entry: RestoreEntry, content: AsyncIterable<Uint8Array>, signal?: AbortSignal): Promise<WriteOutcome> {
    return this.apply(entry, content, signal);
  }

  createSymlink(entry: RestoreEntry): Promise<WriteOutcome> {
    return this.apply(entry, null);
  }

  async finishDirectory(entry: RestoreEntry): Promise<void> {
    await this.apply(entry, null);
  }

  /** Runs `task` after the ones before it. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private apply(entry: RestoreEntry, content: AsyncIterable<Uint8Array> | null, signal?: AbortSignal): Promise<WriteOutcome> {
    return this.exclusive(async () => {
      if (signal?.aborted) throw new KlosetError('CANCELED', 'The operation was cancelled.');
      const record = recordFromRestoreEntry(entry, this.root);
      const what = `restoring /${entry.pathname}`;
      const stream = this.stream && !this.stream.broken ? this.stream : new ExportStream(this.plugin);
      this.stream = stream;
      const stopListening = onAbort(signal, () => stream.call.cancel());
      let error: string;
      try {
        await stream.send(record, entry.kind === 'file' ? content : null);
        error = await stream.result(record.pathname, what);
      } catch (caught) {
        stream.broken = true;
        stream.call.cancel();
        throw signal?.aborted ? new KlosetError('CANCELED', 'The operation was cancelled.') : await hostError(this.plugin, caught, what);
      } finally {
        stopListening();
      }
      return outcome(error, entry);
    });
  }

  close(): Promise<void> {
    this.closing ??= this.exclusive(async () => {
      try {
        if (this.stream && !this.stream.broken) await this.stream.end();
      } finally {
        await closeService(this.plugin, protocolServices().exporter);
      }
    });
    return this.closing;
  }
}

function outcome(error: string, entry: RestoreEntry): WriteOutcome {
  if (error === '') return 'written';
  if (error === skippedResultError) return 'skipped';
  throw new KlosetError('IO', `Could not restore /${entry.pathname}: ${error}`);
}

export interface ExporterOpenOptions extends ConnectorRunOptions {
  /** Passed to the plugin as `kloset_overwrite`; plugins that do not know it overwrite. */
  readonly overwrite?: OverwritePolicy;
}

/**
 * Opens the destination of `config` in a started plugin: calls `Init` with the location's scheme,
 * the whole configuration (plus the overwrite policy) and the run's options. The exporter owns the
 * plugin from here on.
 */
export async function openGrpcExporter(plugin: PluginProcess, config: ConnectorConfig, options: ExporterOpenOptions = {}): Promise<GrpcExporter> {
  const fullConfig = options.overwrite ? { ...config, [overwriteConfigKey]: options.overwrite } : config;
  const answer = await initService(plugin, protocolServices().exporter, { options: initOptions(options), proto: locationScheme(config.location), config: fullConfig });
  return new GrpcExporter(plugin, answer.root);
}
