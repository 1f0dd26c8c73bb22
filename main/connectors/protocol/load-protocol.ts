import fs from 'node:fs';
import path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';

export const protoFiles = ['connectors.proto', 'importer.proto', 'exporter.proto', 'store.proto'] as const;

/**
 * Where the .proto files are: beside this module when running from source (tests, tsx), and in
 * `protocol/` beside the bundle when running from `dist/main/` (the build copies them to
 * `dist/main/protocol/`). Files rather than text embedded in code, so that the protocol has one
 * readable definition that other implementations can take as is.
 */
export function protocolFolder(): string {
  const candidates = [import.meta.dirname, path.join(import.meta.dirname, 'protocol')];
  const found = candidates.find((folder) => fs.existsSync(path.join(folder, protoFiles[0])));
  if (!found) throw new Error(`The connector protocol files (${protoFiles.join(', ')}) are missing from ${candidates.join(' and ')}: the installation is incomplete.`);
  return found;
}

/** proto-loader's options; the message schemas in `messages.ts` depend on them. */
export const loaderOptions: protoLoader.Options = { keepCase: true, longs: String, enums: Number, defaults: true, oneofs: true };

export type MethodDefinition = protoLoader.MethodDefinition<object, object>;
export type ServiceDefinition = protoLoader.ServiceDefinition;

export interface ProtocolServices {
  readonly importer: ServiceDefinition;
  readonly exporter: ServiceDefinition;
  readonly store: ServiceDefinition;
}

function service(definition: protoLoader.PackageDefinition, name: string): ServiceDefinition {
  const found = definition[name];
  if (found === undefined || 'format' in found) throw new Error(`The connector protocol files define no service ${name}.`);
  return found as ServiceDefinition;
}

let loaded: ProtocolServices | undefined;

/** The protocol's three services, loaded once from the .proto files. */
export function protocolServices(): ProtocolServices {
  if (!loaded) {
    const definition = protoLoader.loadSync([...protoFiles], { ...loaderOptions, includeDirs: [protocolFolder()] });
    loaded = {
      importer: service(definition, 'importer.Importer'),
      exporter: service(definition, 'plakar.exporter.Exporter'),
      store: service(definition, 'store.Store'),
    };
  }
  return loaded;
}

/** One method of a service; throws when the .proto files lack it. */
export function method(definition: ServiceDefinition, name: string): MethodDefinition {
  const found = definition[name];
  if (!found) throw new Error(`The connector protocol files define no method ${name}.`);
  return found;
}
