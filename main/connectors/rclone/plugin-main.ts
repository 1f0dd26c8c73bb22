/**
 * The rclone connector program: a plugin of the connector protocol (no arguments; gRPC on
 * stdin/stdout) serving sources, destinations and stores on any rclone remote. Each `Init` starts
 * its own `rclone rcd`; closing the instance (or the host going away) stops it.
 */
import { servePlugin } from '../plugin/index';
import { RcloneExporter } from './rclone-exporter';
import { RcloneImporter } from './rclone-importer';
import { RcloneStore } from './rclone-store';
import { openRemoteConnection } from './remote-connection';

const log = (line: string): void => {
  process.stderr.write(`rclone: ${line}\n`);
};

servePlugin({
  store: async ({ config }) => new RcloneStore(config.location ?? '', await openRemoteConnection({ config, log })),
  importer: async ({ config, options }) => new RcloneImporter(await openRemoteConnection({ config, log }), options.excludes),
  exporter: async ({ config, overwrite }) => new RcloneExporter(await openRemoteConnection({ config, log }), overwrite),
});
