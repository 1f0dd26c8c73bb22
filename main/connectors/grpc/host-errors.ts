import { status as GrpcStatus } from '@grpc/grpc-js';
import { KlosetError, isKlosetError } from '../../kloset/index';
import { hasErrorCodeMetadata, isServiceError, klosetCodeFromStatus } from '../protocol/status';
import { lastWords, type PluginProcess } from './plugin-process';

/** How long to wait for the exit of a plugin whose connection dropped, to say how it ended. */
const exitNoticeMs = 250;

async function exitSoon(plugin: PluginProcess): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), exitNoticeMs);
  });
  const exit = await Promise.race([plugin.exited, late]);
  clearTimeout(timer);
  if (!exit) return null;
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? '?'}`;
}

function hungError(plugin: PluginProcess, hung: string): KlosetError {
  const seconds = Math.round(plugin.callTimeoutMs / 1000);
  return new KlosetError('UNAVAILABLE', `The ${plugin.name} connector did not answer (${hung}) within ${seconds} s, so it was stopped. Try again; if it keeps happening, check the connection to the service.`);
}

/**
 * The engine error for a failed call `what` ("upload of packfile 1a2b…"): the plugin's own error
 * with its code when it sent one; otherwise what happened to the plugin (hung, stopped, cut off),
 * as UNAVAILABLE so that callers may retry with a new plugin.
 */
export async function hostError(plugin: PluginProcess, error: unknown, what: string): Promise<KlosetError> {
  if (plugin.hungDuring()) return hungError(plugin, plugin.hungDuring() ?? what);
  if (isServiceError(error) && hasErrorCodeMetadata(error)) return new KlosetError(klosetCodeFromStatus(error), error.details, { cause: error });
  if (isServiceError(error) && error.code === GrpcStatus.CANCELLED) return new KlosetError('CANCELED', 'The operation was cancelled.', { cause: error });
  if (isKlosetError(error) && error.code !== 'UNAVAILABLE') return error;
  if (isServiceError(error) && error.code !== GrpcStatus.UNAVAILABLE && error.code !== GrpcStatus.INTERNAL) {
    return new KlosetError(klosetCodeFromStatus(error), error.details || `The ${plugin.name} connector failed during ${what}.`, { cause: error });
  }
  // A failure of the transport: say what happened to the plugin, if anything did.
  const exit = await exitSoon(plugin);
  const hung = plugin.hungDuring();
  if (hung) return hungError(plugin, hung);
  if (exit) return new KlosetError('UNAVAILABLE', `The ${plugin.name} connector program stopped unexpectedly (${exit}) during ${what}.${lastWords(plugin)} Try again; if it keeps failing, see the log.`, { cause: error });
  if (isKlosetError(error)) return error;
  if (!isServiceError(error)) return new KlosetError('IO', `The ${plugin.name} connector failed during ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  return new KlosetError('UNAVAILABLE', `The ${plugin.name} connector failed during ${what}: ${error.details}. Try again; if it keeps failing, see the log.`, { cause: error });
}

/** Fails before calling when the plugin is known to be gone, with the reason. */
export function assertRunning(plugin: PluginProcess, what: string): void {
  const hung = plugin.hungDuring();
  if (hung) throw hungError(plugin, hung);
  const exit = plugin.exitStatus();
  if (exit) {
    const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? '?'}`;
    throw new KlosetError('UNAVAILABLE', `The ${plugin.name} connector program is not running (it stopped with ${how}), so ${what} is not possible.${lastWords(plugin)}`);
  }
}
