/**
 * The rclone connector: our plugin program (plugin-main.ts, built as dist/main/rclone-plugin.js)
 * serving sources, destinations and stores on rclone remotes, and what the rest of main/ needs to
 * run rclone itself (accounts, imports). Uses the engine only through main/kloset/index.ts, and
 * the protocol only through main/connectors/plugin (plugin side) and the registry's types.
 */
export { rclonePluginCommand, type RclonePluginOptions } from './plugin-command';
export { appRcloneConfigFile } from './remote-connection';
export { bundledRcloneFolders, findRclone, minimumRcloneVersion, rcloneInstallAdvice, type FindRcloneOptions } from './rclone-binary';
export { openRcSession, type RcSession } from './rc-session';
export { RcError, type RcAnswer, type RcClient, type RcParams } from './rc-client';
export { failureKind, klosetErrorOf, type FailureKind, type ProviderWords } from './rc-errors';
export { runRcloneCommand, type RcloneRun } from './rclone-command';
export { rcloneEnvironment } from './daemon-process';
export { listAnswer, type RemoteItem } from './remote-items';
export { remoteTypeIn } from './remote-spec';
export { callsPerSecondKey } from './provider-profiles';
