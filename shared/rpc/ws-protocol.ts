import { z } from 'zod';
import type { Envelope } from '../api-errors';

/** WebSocket path of the HTTP transport; HTTP calls go to `${apiPathPrefix}<method>`. */
export const wsPath = '/api/ws';
export const apiPathPrefix = '/api/';

/** Close codes the server uses; the client shows "unauthorized" instead of reconnecting. */
export const wsCloseCodes = { unauthorized: 4401, protocolError: 4400 } as const;

/** Messages a client sends. The first one must be `auth`, within a few seconds. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().max(512) }).strict(),
  z
    .object({
      type: z.literal('call'),
      id: z.number().int().nonnegative(),
      method: z.string().max(200),
      params: z.unknown(),
    })
    .strict(),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** Messages the server sends. */
export type ServerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly envelope: Envelope<unknown> }
  | { readonly type: 'event'; readonly name: string; readonly payload: unknown };
