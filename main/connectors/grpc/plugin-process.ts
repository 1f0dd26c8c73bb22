import readline from 'node:readline';
import type { Call, Client } from '@grpc/grpc-js';
import { KlosetError } from '../../kloset/index';
import type { Logger } from '../../platform/logger';
import { linkPlugin, type PluginLink, type StdioLink } from './plugin-link';

export interface StartPluginOptions {
  /** The program; for a script, its interpreter (`process.execPath`). */
  readonly command: string;
  /** Arguments of the interpreter (a script's path); protocol plugins themselves take none. */
  readonly args?: readonly string[];
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Receives the plugin's stderr lines and its lifecycle. */
  readonly log: Logger;
  /** For messages and log lines ("rclone", a plugin's name). */
  readonly name: string;
  /** How long a call may wait for the plugin before it is considered hung (default 5 minutes). */
  readonly callTimeoutMs?: number;
  /** How long the plugin may take to start and accept the connection (default 30 s). */
  readonly startTimeoutMs?: number;
  /** How long `close` waits for the plugin to exit before killing it (default 5 s). */
  readonly closeGraceMs?: number;
  /** See `StdioLink`; `socket` except on Windows. */
  readonly stdio?: StdioLink;
}

export interface PluginExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One running plugin process and the gRPC channel to it. */
export interface PluginProcess {
  readonly name: string;
  readonly pid: number;
  readonly client: Client;
  readonly callTimeoutMs: number;
  /** Resolves when the process has exited, for whatever reason. */
  readonly exited: Promise<PluginExit>;
  /** Null while running. */
  exitStatus(): PluginExit | null;
  /** What the plugin was doing when it was killed as hung, or null. */
  hungDuring(): string | null;
  /** The last lines the plugin wrote to stderr. */
  lastMessages(): readonly string[];
  /** Kills the plugin because `what` got no answer in time; its calls fail with UNAVAILABLE. */
  killHung(what: string): void;
  /** Registers a call, so that `close` can cancel it if it is still running; returns it. */
  track<T extends Call>(call: T): T;
  /**
   * Ends the plugin's stdin, waits for it to exit and kills it after the grace period. Call the
   * service's `Close` first: this only stops the process. Idempotent.
   */
  close(): Promise<void>;
}

const defaultCallTimeoutMs = 5 * 60_000;
const defaultCloseGraceMs = 5_000;
const defaultStartTimeoutMs = 30_000;
const keptStderrLines = 20;
const stderrFlushMs = 200;

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class RunningPlugin implements PluginProcess {
  readonly exited: Promise<PluginExit>;
  private exit: PluginExit | null = null;
  private hung: string | null = null;
  private closing: Promise<void> | null = null;
  private readonly stderrTail: string[] = [];
  private readonly calls = new Set<Call>();

  constructor(
    readonly name: string,
    private readonly link: PluginLink,
    readonly callTimeoutMs: number,
    private readonly closeGraceMs: number,
    private readonly log: Logger,
  ) {
    const { child } = link;
    const stderrDone = new Promise<void>((resolve) => child.stderr.once('close', resolve));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        link.endInput();
        if (!this.closing) this.log.warn(`The ${name} connector program stopped unexpectedly`, { code, signal, pid: child.pid });
        // Its last stderr lines may still be in the pipe; a process it started may also hold the pipe open.
        void Promise.race([stderrDone, delay(stderrFlushMs)]).then(() => {
          this.exit = { code, signal };
          resolve(this.exit);
        });
      });
    });
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > keptStderrLines) this.stderrTail.shift();
      this.log.info(line, { connector: name, pid: child.pid });
    });
  }

  get client(): Client {
    return this.link.client;
  }

  get pid(): number {
    return this.link.child.pid ?? 0;
  }

  exitStatus(): PluginExit | null {
    return this.exit;
  }

  hungDuring(): string | null {
    return this.hung;
  }

  lastMessages(): readonly string[] {
    return this.stderrTail;
  }

  killHung(what: string): void {
    if (this.exit || this.hung) return;
    this.hung = what;
    this.log.warn(`The ${this.name} connector program did not answer in time and is being stopped`, { during: what, pid: this.pid });
    this.link.child.kill('SIGKILL');
  }

  track<T extends Call>(call: T): T {
    this.calls.add(call);
    call.once('status', () => this.calls.delete(call));
    return call;
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    if (this.exit) return;
    // The connection closes only once no call is left on it: a stream nobody reads would hold it.
    for (const call of this.calls) call.cancel();
    this.calls.clear();
    this.link.endInput();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.closeGraceMs);
    });
    if ((await Promise.race([this.exited, grace])) === 'late') {
      this.log.warn(`The ${this.name} connector program did not exit after its input was closed; killing it`, { pid: this.pid });
      this.link.child.kill('SIGKILL');
      await this.exited;
    }
    clearTimeout(timer);
  }
}

/** ' Its last message: "…".' when the plugin wrote anything to stderr. */
export function lastWords(plugin: PluginProcess): string {
  const last = plugin.lastMessages().at(-1);
  return last ? ` Its last message: "${last.slice(0, 300)}".` : '';
}

async function waitForChannel(plugin: RunningPlugin, timeoutMs: number): Promise<void> {
  let started = false;
  const ready = new Promise<void>((resolve, reject) => {
    plugin.client.waitForReady(Date.now() + timeoutMs, (error) => (error ? reject(error) : resolve()));
  });
  const exited = plugin.exited.then((exit) => {
    if (!started) throw new KlosetError('UNAVAILABLE', `The ${plugin.name} connector program stopped as it started (exit code ${exit.code ?? exit.signal}).${lastWords(plugin)}`);
  });
  // Whichever loses the race settles later; observe both so that neither is an unhandled rejection.
  ready.catch(() => undefined);
  exited.catch(() => undefined);
  try {
    await Promise.race([ready, exited]);
  } finally {
    started = true;
  }
}

/**
 * Starts one plugin process (one per connector instance) and connects a gRPC channel to its
 * stdin/stdout through a private local socket. The process is killed if this process exits.
 */
export async function startPlugin(options: StartPluginOptions): Promise<PluginProcess> {
  const callTimeoutMs = options.callTimeoutMs ?? defaultCallTimeoutMs;
  const startTimeoutMs = options.startTimeoutMs ?? defaultStartTimeoutMs;
  const link = await linkPlugin({
    command: options.command,
    args: options.args ?? [],
    env: { ...process.env, ...options.env },
    name: options.name,
    stdio: options.stdio ?? (process.platform === 'win32' ? 'pipes' : 'socket'),
    connectTimeoutMs: startTimeoutMs,
  });
  const plugin = new RunningPlugin(options.name, link, callTimeoutMs, options.closeGraceMs ?? defaultCloseGraceMs, options.log);
  options.log.debug(`Started the ${options.name} connector program`, { pid: plugin.pid });
  try {
    await waitForChannel(plugin, startTimeoutMs);
  } catch (error) {
    await plugin.close();
    throw error instanceof KlosetError ? error : new KlosetError('UNAVAILABLE', `The ${options.name} connector program did not accept a connection.${lastWords(plugin)}`, { cause: error });
  }
  return plugin;
}
