/**
 * The plugin side of the connector protocol: `servePlugin` turns engine implementations (store,
 * importer, exporter) into a plugin program speaking gRPC on stdin/stdout. Uses the engine only
 * through main/kloset/index.ts; knows nothing of the host side (main/connectors/grpc).
 */
export { servePlugin, serveConnection, type PluginFactories } from './serve-plugin';
export type { StoreFactory, StoreInit } from './store-service';
export type { ImporterFactory } from './importer-service';
export type { ExporterFactory } from './exporter-service';
export type { ConnectorOptions, ExporterInit, ImporterInit } from './connector-init';
