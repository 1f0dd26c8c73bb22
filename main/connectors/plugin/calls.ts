import type { sendUnaryData, ServerDuplexStream, ServerUnaryCall, ServerWritableStream } from '@grpc/grpc-js';
import type { z } from 'zod';
import { KlosetError } from '../../kloset/index';
import { parseMessage } from '../protocol/messages';
import { statusFromError } from '../protocol/status';

/*
 * Plumbing between grpc-js's server calls and async engine code: every failure becomes a status
 * (with the engine code in metadata), every cancellation an aborted signal.
 */

type StreamingCall = ServerWritableStream<unknown, object> | ServerDuplexStream<unknown, object>;

/** A grpc-js error object for `error`, in the shape grpc-js turns into a status. */
export function serviceError(error: unknown): Error {
  const status = statusFromError(error);
  return Object.assign(new Error(status.details), status);
}

/** A unary handler running `run` on the request; its result is the response. */
export function unary(run: (request: unknown) => Promise<object>): (call: ServerUnaryCall<unknown, object>, callback: sendUnaryData<object>) => void {
  return (call, callback) => {
    run(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback(serviceError(error)),
    );
  };
}

/** Ends a streaming call with the status of `error`, unless the host already went away. */
export function failStream(call: StreamingCall, error: unknown): void {
  if (call.cancelled || call.destroyed) return;
  call.emit('error', serviceError(error));
}

/** A signal aborted when the host cancels the call. */
export function cancelSignal(call: StreamingCall): AbortSignal {
  const controller = new AbortController();
  if (call.cancelled) controller.abort();
  else call.once('cancelled', () => controller.abort());
  return controller.signal;
}

/** Handles a streaming call with `run`, turning its failure into the call's status. */
export function streaming<Call extends StreamingCall>(run: (call: Call) => Promise<void>): (call: Call) => void {
  return (call) => {
    Promise.resolve()
      .then(() => run(call))
      .catch((error: unknown) => failStream(call, error));
  };
}

export function requireInit<T>(value: T | null): T {
  if (value === null) throw new KlosetError('BAD_INPUT', 'The connector was not initialized: the host must call Init first.');
  return value;
}

/** Checks a request from the host; a malformed one is answered with INVALID_ARGUMENT. */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  return parseMessage(schema, value, `${what} request`, 'BAD_INPUT');
}
