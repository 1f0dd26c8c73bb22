import { z } from 'zod';
import { KlosetError, type KlosetErrorCode } from '../../kloset/index';
import type { Timestamp } from './file-mode';

/*
 * The protocol's messages as they arrive, after @grpc/proto-loader decoded them with the options
 * of `load-protocol.ts` (64-bit integers as decimal strings, bytes as Buffers, defaults filled in,
 * unset message fields as null, oneofs named). Every message is checked against these schemas
 * before use: a plugin or a host may be any program.
 */

const int64 = z.string().regex(/^-?\d+$/);
const bytes = z.instanceof(Buffer);
const resourceType = z.number().int();

const timestampSchema = z.object({ seconds: int64, nanos: z.number().int().min(0).max(999_999_999) });

const fileInfoSchema = z.object({
  name: z.string(),
  size: int64,
  mode: z.number().int().nonnegative(),
  mod_time: timestampSchema.nullable(),
  ino: int64,
  uid: int64,
  gid: int64,
});

export const recordSchema = z.object({
  hasReader: z.boolean(),
  pathname: z.string(),
  error: z.string(),
  isXattr: z.boolean(),
  target: z.string(),
  fileInfo: fileInfoSchema.nullable(),
});
export type ProtocolRecord = z.infer<typeof recordSchema>;

const resultSchema = z.object({ header: recordSchema.nullable(), error: z.string() });

const optionsSchema = z.object({
  hostname: z.string(),
  os: z.string(),
  arch: z.string(),
  cwd: z.string(),
  maxconcurrency: int64,
  excludes: z.array(z.string()),
  noxattr: z.boolean(),
});

const configSchema = z.record(z.string(), z.string());

export const connectorInitRequestSchema = z.object({ options: optionsSchema.nullable(), proto: z.string(), config: configSchema });
export type ConnectorInitRequest = z.infer<typeof connectorInitRequestSchema>;
export const storeInitRequestSchema = z.object({ proto: z.string(), config: configSchema });
export const initResponseSchema = z.object({ origin: z.string(), type: z.string(), root: z.string(), flags: z.number().int() });
export const emptySchema = z.object({});

export const importRequestSchema = z.object({ result: resultSchema.nullable() });
export const importResponseSchema = z.object({ record: recordSchema.nullable(), finished: z.boolean() });
export const openRequestSchema = z.object({ record: recordSchema.nullable() });
/** `OpenResponse` of the importer and `GetResponse` of the store. */
export const chunkSchema = z.object({ chunk: bytes });
export const exportRequestSchema = z.discriminatedUnion('packet', [
  z.object({ packet: z.literal('record'), record: recordSchema }),
  z.object({ packet: z.literal('chunk'), chunk: bytes }),
]);
export const exportResponseSchema = z.object({ result: resultSchema.nullable() });

export const createRequestSchema = z.object({ config: bytes });
export const configResponseSchema = z.object({ config: bytes });
export const modeResponseSchema = z.object({ mode: z.number().int() });
export const sizeResponseSchema = z.object({ size: int64 });
export const listRequestSchema = z.object({ type: resourceType });
export const listResponseSchema = z.object({ macs: z.array(bytes) });
export const putRequestSchema = z.object({ mac: bytes, type: resourceType, chunk: bytes });
export const putResponseSchema = z.object({ bytes_written: int64 });
export const getRequestSchema = z.object({
  mac: bytes,
  type: resourceType,
  range: z.object({ offset: int64, length: z.number().int().nonnegative() }).nullish(),
});
export const objectRequestSchema = z.object({ mac: bytes, type: resourceType });

/** What we send: `FileInfo`, with the fields we know (the others keep their zero values). */
export interface FileInfoMessage {
  readonly name: string;
  readonly size: string;
  readonly mode: number;
  readonly mod_time: Timestamp;
  readonly ino: string;
  readonly uid: string;
  readonly gid: string;
  readonly nlink: number;
}

export interface RecordMessage {
  readonly pathname: string;
  readonly hasReader: boolean;
  readonly error: string;
  readonly target: string;
  readonly fileInfo: FileInfoMessage | null;
}

export interface ResultMessage {
  readonly header: RecordMessage;
  readonly error: string;
}

/**
 * Checks one received message. A message that does not fit the protocol fails with `code` (the
 * plugin side answers BAD_INPUT to a bad request; the host treats a bad answer as IO).
 */
export function parseMessage<T>(schema: z.ZodType<T>, value: unknown, what: string, code: KlosetErrorCode): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new KlosetError(code, `Malformed ${what} message${where}: ${issue?.message ?? 'invalid'}.`);
}
