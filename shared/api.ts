/**
 * The API contract between the renderer (or any client) and main, written once.
 *
 * Methods are named '<domain>.<verb>' and validated in main against their zod schemas before a
 * handler runs; events are named '<domain>.<what happened>'. Every transport (Electron IPC,
 * HTTP, WebSocket) carries exactly these calls through one `dispatch()` and returns an
 * `Envelope`. Domains live in `shared/api/*.ts`; this file joins them.
 */
import type { z } from 'zod';
import { accountEvents, accountMethods } from './api/accounts';
import { appEvents, appMethods } from './api/app';
import { jobEvents, jobMethods } from './api/jobs';
import { maintenanceMethods } from './api/maintenance';
import { planEvents, planMethods } from './api/plans';
import { shellMethods } from './api/shell';
import { snapshotEvents, snapshotMethods } from './api/snapshots';
import { storeEvents, storeMethods } from './api/stores';
import { transferMethods } from './api/transfers';
import type { EventDef, MethodDef } from './api/define';

export const methods = {
  ...appMethods,
  ...storeMethods,
  ...snapshotMethods,
  ...transferMethods,
  ...jobMethods,
  ...accountMethods,
  ...planMethods,
  ...maintenanceMethods,
  ...shellMethods,
};

export const events = {
  ...appEvents,
  ...storeEvents,
  ...snapshotEvents,
  ...jobEvents,
  ...accountEvents,
  ...planEvents,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;

type ParamsSchema<M extends MethodName> = Methods[M] extends MethodDef<infer P, unknown> ? P : never;
/** What a caller passes (before defaults are applied). */
export type Params<M extends MethodName> = z.input<ParamsSchema<M>>;
/** What a handler receives (after validation and defaults). */
export type ValidParams<M extends MethodName> = z.output<ParamsSchema<M>>;
export type Result<M extends MethodName> = Methods[M] extends MethodDef<z.ZodType, infer R> ? R : never;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E] extends EventDef<infer T> ? T : never;

/** Allow-list checks that do not trust the prototype chain (`constructor`, `__proto__`, …). */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

export type { Envelope, ErrorCode } from './api-errors';
