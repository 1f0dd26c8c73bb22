/**
 * The host side of the connector protocol: starts plugin programs (one process per connector
 * instance, never outliving the app) and wraps their services as the engine's Store, Importer and
 * Exporter. Uses the engine only through main/kloset/index.ts.
 */
export { startPlugin, type PluginExit, type PluginProcess, type StartPluginOptions } from './plugin-process';
export type { StdioLink } from './plugin-link';
export { locationScheme, type ConnectorConfig, type ConnectorRunOptions } from './connector-config';
export { GrpcStore, openGrpcStore } from './grpc-store';
export { GrpcImporter, openGrpcImporter } from './grpc-importer';
export { GrpcExporter, openGrpcExporter, type ExporterOpenOptions } from './grpc-exporter';
