import { z } from 'zod';

export type EntryKindName = 'file' | 'directory' | 'symlink' | 'other';

export interface SnapshotSummary {
  readonly id: string;
  readonly storeId: string;
  readonly time: string;
  readonly name: string;
  readonly host: string;
  readonly sourceType: string;
  readonly sourceRoot: string;
  readonly tags: readonly string[];
  readonly files: number;
  readonly bytes: number;
  readonly addedBytes: number;
  readonly errorCount: number;
  readonly deletedAt: string | null;
  readonly isOnLegalHold: boolean;
}

/** One entry of a snapshot folder, for the browser. */
export interface EntryView {
  readonly name: string;
  readonly path: string;
  readonly kind: EntryKindName;
  /** For folders: the bytes of everything under it. */
  readonly size: number;
  readonly mtime: string;
  readonly mode: number;
  readonly target: string | null;
  /** Folders: files under it. */
  readonly fileCount: number | null;
}

export interface BrowsePage {
  readonly path: string;
  readonly entries: readonly EntryView[];
  readonly total: number;
  readonly offset: number;
}

export const searchQuerySchema = z
  .object({
    /** A glob on names (`report*.docx`, `*.jpg`) or a plain substring; case-insensitive. */
    name: z.string().trim().max(500).optional(),
    pathPrefix: z.string().max(4096).optional(),
    minSize: z.number().int().nonnegative().optional(),
    maxSize: z.number().int().nonnegative().optional(),
    modifiedFrom: z.iso.datetime().optional(),
    modifiedTo: z.iso.datetime().optional(),
    snapshotFrom: z.iso.datetime().optional(),
    snapshotTo: z.iso.datetime().optional(),
  })
  .strict()
  .refine((query) => Object.values(query).some((value) => value !== undefined && value !== ''), 'Give something to search for: a name, a folder, a size or a date range.');
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export interface FileVersion {
  readonly snapshotId: string;
  readonly snapshotTime: string;
  readonly size: number;
  readonly mtime: string;
  readonly contentId: string | null;
  /** Snapshots with this same content, oldest and newest (consecutive ones collapse into one version). */
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface SearchResult {
  readonly storeId: string;
  readonly path: string;
  readonly kind: EntryKindName;
  readonly versions: readonly FileVersion[];
}

export interface SearchPage {
  readonly results: readonly SearchResult[];
  /** More matched than returned. */
  readonly isTruncated: boolean;
  readonly elapsedMs: number;
}

export type ChangeName = 'added' | 'removed' | 'modified' | 'metadata';

export interface DiffEntry {
  readonly path: string;
  readonly change: ChangeName;
  readonly kind: EntryKindName;
  readonly sizeBefore: number | null;
  readonly sizeAfter: number | null;
}

export interface DiffResult {
  readonly changes: readonly DiffEntry[];
  readonly isTruncated: boolean;
  readonly totals: { readonly added: number; readonly removed: number; readonly modified: number; readonly addedBytes: number; readonly removedBytes: number };
}

export type Preview =
  | { readonly kind: 'text'; readonly text: string; readonly isTruncated: boolean; readonly size: number }
  | { readonly kind: 'image'; readonly mimeType: string; readonly dataBase64: string; readonly size: number }
  | { readonly kind: 'binary'; readonly size: number; readonly mimeType: string | null };
