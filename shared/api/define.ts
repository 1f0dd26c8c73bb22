import type { z } from 'zod';

/**
 * One API method: its parameter schema (validated in main before any handler runs) and, as a
 * phantom type, its result.
 */
export interface MethodDef<P extends z.ZodType, R> {
  readonly params: P;
  /** Never set at run time; carries the result type. */
  readonly resultType?: R;
}

/** `method<Result>()(paramsSchema)`: the result type is given, the params type is inferred. */
export function method<R>() {
  return <P extends z.ZodType>(params: P): MethodDef<P, R> => ({ params });
}

/** One API event; the payload type is carried as a phantom type. */
export interface EventDef<T> {
  readonly payloadType?: T;
}

export function event<T>(): EventDef<T> {
  return {};
}
