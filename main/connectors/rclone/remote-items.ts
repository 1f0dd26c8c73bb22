import { z } from 'zod';
import { KlosetError } from '../../kloset/index';

/** One file or folder as rclone lists it (`operations/list`, `operations/stat`). */
export interface RemoteItem {
  /** Path relative to the listed folder, '/'-separated. */
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly isDir: boolean;
  /** Modification time in nanoseconds since 1970; 0n when not asked for. */
  readonly mtimeNs: bigint;
}

const itemSchema = z.object({
  Path: z.string(),
  Name: z.string(),
  Size: z.number(),
  IsDir: z.boolean(),
  ModTime: z.string().optional(),
});

const listSchema = z.object({ list: z.array(itemSchema).nullable().optional() });
const statSchema = z.object({ item: itemSchema.nullable().optional() });

/** Nanoseconds of an RFC 3339 time with up to nine fractional digits (Date keeps only milliseconds). */
function nsFromRfc3339(text: string | undefined): bigint {
  if (!text) return 0n;
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  const seconds = Date.parse(match ? `${match[1] ?? ''}${match[3] ?? ''}` : text);
  if (Number.isNaN(seconds)) return 0n;
  const fraction = (match?.[2] ?? '').padEnd(9, '0');
  return BigInt(seconds) * 1_000_000n + BigInt(fraction || '0');
}

function itemOf(raw: z.infer<typeof itemSchema>): RemoteItem {
  return { path: raw.Path, name: raw.Name, size: Math.max(0, raw.Size), isDir: raw.IsDir, mtimeNs: nsFromRfc3339(raw.ModTime) };
}

function parsed<T>(schema: z.ZodType<T>, answer: unknown, what: string): T {
  const result = schema.safeParse(answer);
  if (!result.success) throw new KlosetError('IO', `rclone gave an unexpected answer while ${what}.`);
  return result.data;
}

export function listAnswer(answer: unknown, what: string): RemoteItem[] {
  return (parsed(listSchema, answer, what).list ?? []).map(itemOf);
}

export function statAnswer(answer: unknown, what: string): RemoteItem | null {
  const item = parsed(statSchema, answer, what).item;
  return item ? itemOf(item) : null;
}
