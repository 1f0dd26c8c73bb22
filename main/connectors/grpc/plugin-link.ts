import { spawn, type ChildProcess } from 'node:child_process';
import type net from 'node:net';
import { pipeline, type Readable } from 'node:stream';
import { Client, credentials, type ChannelOptions } from '@grpc/grpc-js';
import { KlosetError } from '../../kloset/index';
import { trackChild } from './child-reaper';
import { listenPrivately } from './local-socket';

/**
 * How the plugin's stdin/stdout reach the gRPC connection:
 * - `socket`: the accepted socket itself becomes the child's stdin and stdout (POSIX). The kernel
 *   carries the bytes; nothing is copied through this process.
 * - `pipes`: the child gets ordinary pipes and this process copies between them and the socket
 *   (Windows, where a named pipe cannot be handed to a child as its stdio; the way Plakar's own
 *   host connects plugins, too).
 */
export type StdioLink = 'socket' | 'pipes';

export interface LinkOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly name: string;
  readonly stdio: StdioLink;
  readonly connectTimeoutMs: number;
}

export interface PluginLink {
  readonly child: ChildProcess & { readonly stderr: Readable };
  readonly client: Client;
  /** Closes the connection, which ends the plugin's stdin: a plugin exits when it reads that end. */
  endInput(): void;
}

/**
 * The channel must never drop its one connection by itself: idle timeout at its maximum (a timer
 * cannot wait longer), no retries (which would also buffer every message), no message size limit
 * (a listing of a large store exceeds grpc-js's 4 MiB default).
 */
const channelOptions: ChannelOptions = {
  'grpc.client_idle_timeout_ms': 2_147_483_647,
  'grpc.enable_retries': 0,
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
  'grpc.enable_channelz': 0,
};

function spawnChild(options: LinkOptions, stdin: net.Socket | 'pipe', stdout: net.Socket | 'pipe'): Promise<ChildProcess & { readonly stderr: Readable }> {
  const child = spawn(options.command, [...options.args], { stdio: [stdin, stdout, 'pipe'], env: options.env, windowsHide: true });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => {
      trackChild(child);
      resolve(child as ChildProcess & { readonly stderr: Readable });
    });
    child.once('error', (error) => {
      reject(new KlosetError('IO', `Could not start the ${options.name} connector program (${options.command}): ${error.message}. Check that it is installed.`, { cause: error }));
    });
  });
}

/** Copies between the socket and the child's pipes; an error on either side tears both down. */
function splice(socket: net.Socket, child: ChildProcess): void {
  const ignore = (): void => undefined;
  if (!child.stdin || !child.stdout) return;
  child.stdin.on('error', ignore);
  pipeline(socket, child.stdin, ignore);
  pipeline(child.stdout, socket, ignore);
}

/** Starts the plugin program and connects a gRPC client to its stdin/stdout. */
export async function linkPlugin(options: LinkOptions): Promise<PluginLink> {
  const listener = await listenPrivately();
  const client = new Client(listener.target, credentials.createInsecure(), channelOptions);
  let socket: net.Socket;
  try {
    client.getChannel().getConnectivityState(true);
    socket = await listener.accept(options.connectTimeoutMs);
  } catch (error) {
    client.close();
    throw error;
  }
  try {
    if (options.stdio === 'socket') {
      const child = await spawnChild(options, socket, socket);
      return { child, client, endInput: () => client.close() };
    }
    const child = await spawnChild(options, 'pipe', 'pipe');
    splice(socket, child);
    const endInput = (): void => {
      client.close();
      socket.destroy();
    };
    return { child, client, endInput };
  } catch (error) {
    client.close();
    throw error;
  } finally {
    // With `socket`, the child holds its own copy of the connection from here on.
    if (options.stdio === 'socket') socket.destroy();
  }
}
