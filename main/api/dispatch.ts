import { ApiError, type Envelope } from '../../shared/api-errors';
import { isMethodName, methods, type MethodName, type Result, type ValidParams } from '../../shared/api';
import type { Logger } from '../platform/logger';

export type TransportName = 'ipc' | 'http' | 'ws' | 'direct';

export interface CallContext {
  readonly transport: TransportName;
  /** In Electron, the window that called: it can start dragging files out of itself. */
  readonly dragSource?: { startDrag(files: readonly string[]): void };
}

/** One handler per method: a method without a handler is a compile error. */
export type Handlers = {
  readonly [M in MethodName]: (params: ValidParams<M>, context: CallContext) => Promise<Result<M>> | Result<M>;
};

export type Dispatch = (method: string, params: unknown, context: CallContext) => Promise<Envelope<unknown>>;

/**
 * Maps errors from lower layers (engine, connectors, catalog) to API errors. Returns null for an
 * unexpected error, which is logged and reported as INTERNAL without its details.
 */
export type ErrorMapper = (error: unknown) => ApiError | null;

/**
 * The single entry point of every transport: checks the method against the allow-list, validates
 * the params, runs the handler and wraps the outcome in an envelope. Never throws, never returns
 * a stack trace.
 */
/** Field names whose values are secrets: they are registered with the log redactor on arrival. */
const secretField = /passphrase|password|token|secret/i;

function collectSecrets(value: unknown, found: string[], key = ''): void {
  if (typeof value === 'string') {
    if (secretField.test(key)) found.push(value);
  } else if (value !== null && typeof value === 'object') {
    for (const [childKey, child] of Object.entries(value)) collectSecrets(child, found, childKey);
  }
}

export function createDispatch(handlers: Handlers, log: Logger, mapError: ErrorMapper = () => null, onSecret: (secret: string) => void = () => undefined): Dispatch {
  return async (method, params, context) => {
    if (!isMethodName(method)) {
      return failure(new ApiError('UNKNOWN_METHOD', `There is no API method called "${method.slice(0, 100)}".`));
    }
    const secrets: string[] = [];
    collectSecrets(params, secrets);
    secrets.forEach(onSecret);
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) {
      const details = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.length ? issue.path.join('.') : 'params'}: ${issue.message}`)
        .join('; ');
      return failure(new ApiError('BAD_REQUEST', `Invalid parameters for ${method}: ${details}.`));
    }
    try {
      const handler = handlers[method] as (p: unknown, c: CallContext) => Promise<unknown> | unknown;
      return { ok: true, result: await handler(parsed.data, context) };
    } catch (error) {
      const apiError = error instanceof ApiError ? error : mapError(error);
      if (apiError) return failure(apiError);
      log.error('unexpected error in API handler', {
        method,
        transport: context.transport,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return failure(
        new ApiError('INTERNAL', 'Something went wrong inside Kloset Desktop. The details are in the app log; please try again.'),
      );
    }
  };
}

function failure(error: ApiError): Envelope<never> {
  return { ok: false, error: error.toBody() };
}
