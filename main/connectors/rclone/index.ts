/**
 * The rclone connector: our plugin program (plugin-main.ts, built as dist/main/rclone-plugin.js)
 * serving sources, destinations and stores on rclone remotes, and what the rest of main/ needs to
 * run rclone itself (accounts, imports). Uses the engine only through main/kloset/index.ts, and
 * the protocol only through main/connectors/plugin (plugin side) and the registry's types.
 */
export { rclonePluginCommand, type RclonePluginOptions } from './plugin-command';
export { appRcloneConfigFile } from './remote-connection';
export { findRclone } from './rclone-binary';
export { openRcSession, type RcSession } from './rc-session';
export { RcError } from './rc-client';
export { failureKind, klosetErrorOf } from './rc-errors';
export { rcloneStatus, runRcloneCommand } from './rclone-command';
export { rcloneEnvironment } from './daemon-process';
export { listAnswer, type RemoteItem } from './remote-items';
export { remoteTypeIn } from './remote-spec';
