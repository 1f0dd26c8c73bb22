import type { Client, ClientDuplexStream } from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protocolFolder, protoFiles } from '../protocol/load-protocol';

/*
 * For tests: a client written from the protocol's facts alone. It loads the .proto files with its
 * own loader options (enums as names, 64-bit integers as numbers) and speaks raw messages through
 * grpc-js's generic calls, without any of our host-side wrappers, as another implementation of
 * the protocol (Plakar's host) would.
 */

const definition = protoLoader.loadSync([...protoFiles], { includeDirs: [protocolFolder()], keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true });

export type Message = Record<string, unknown>;

function rpc(service: string, name: string): protoLoader.MethodDefinition<object, object> {
  const found = (definition[service] as protoLoader.ServiceDefinition | undefined)?.[name];
  if (!found) throw new Error(`No ${service}/${name} in the .proto files.`);
  return found;
}

export interface RawClient {
  unary(service: string, name: string, request: object): Promise<Message>;
  serverStream(service: string, name: string, request: object): Promise<Message[]>;
  /** A client stream: every message written, then the single answer. */
  clientStream(service: string, name: string, requests: readonly object[]): Promise<Message>;
  bidi(service: string, name: string): ClientDuplexStream<object, object>;
}

export function rawClient(client: Client): RawClient {
  return {
    unary: (service, name, request) => {
      const method = rpc(service, name);
      return new Promise((resolve, reject) => {
        client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, (error, value) => (error ? reject(error) : resolve(value as Message)));
      });
    },
    serverStream: async (service, name, request) => {
      const method = rpc(service, name);
      const messages: Message[] = [];
      for await (const message of client.makeServerStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, request)) messages.push(message as Message);
      return messages;
    },
    clientStream: (service, name, requests) => {
      const method = rpc(service, name);
      return new Promise((resolve, reject) => {
        const call = client.makeClientStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, (error, value) => (error ? reject(error) : resolve(value as Message)));
        for (const request of requests) call.write(request);
        call.end();
      });
    },
    bidi: (service, name) => {
      const method = rpc(service, name);
      return client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize);
    },
  };
}

/** One record to export, with the content of a regular file. */
export interface ExportItem {
  readonly record: object;
  readonly content?: Buffer;
}

/**
 * Runs one `Export` stream by the protocol's framing (a record, then a file's content in chunks
 * of at most 1 MiB and an empty chunk to end it) and returns each result as "pathname error".
 */
export async function exportItems(raw: RawClient, items: readonly ExportItem[]): Promise<string[]> {
  const call = raw.bidi('plakar.exporter.Exporter', 'Export');
  for (const item of items) {
    call.write({ record: item.record });
    if (!item.content) continue;
    for (let offset = 0; offset < item.content.length; offset += 1024 * 1024) call.write({ chunk: item.content.subarray(offset, offset + 1024 * 1024) });
    call.write({ chunk: Buffer.alloc(0) });
  }
  call.end();
  const results: string[] = [];
  for await (const response of call as AsyncIterable<Message>) {
    const result = response.result as { header: { pathname: string }; error?: string };
    results.push(`${result.header.pathname} ${result.error ?? ''}`.trim());
  }
  return results;
}
