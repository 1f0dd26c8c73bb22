import { KlosetError } from '../errors';
import type { Mac } from '../ids';
import type { EntryInfo } from './entry';
import { encodeChunkList, encodeDirectory, maxInlineChunks, type ChunkRef, type FileContent, type TreeEntry, type TreeSummary } from './tree-format';

/** A node of the tree being built; files wait for their content, directories for their children. */
export interface DraftNode {
  readonly name: string;
  info: EntryInfo;
  ino: bigint;
  content: FileContent | null;
  /** Set for files whose content could not be read: they are left out of the snapshot. */
  isDropped: boolean;
  readonly children: DraftNode[] | null;
}

export type PutMetadata = (type: 'directory' | 'file', plaintext: Buffer) => Promise<Mac>;

export interface TreeTotals extends TreeSummary {
  readonly symlinks: number;
  readonly others: number;
}

const defaultDirectoryInfo: EntryInfo = { kind: 'directory', size: 0, mode: 0o755, mtimeNs: 0n, uid: 0, gid: 0 };

/**
 * Collects a source's entries into a tree and writes it bottom-up as `directory` objects once
 * every file's content is known. Entries arrive parents first; a directory that arrives after
 * its children (some connectors walk in parallel) takes its place and keeps them.
 */
export class TreeBuilder {
  private readonly directories = new Map<string, DraftNode>();
  readonly root: DraftNode;

  constructor(rootInfo: EntryInfo) {
    this.root = { name: '', info: rootInfo, ino: 0n, content: null, isDropped: false, children: [] };
    this.directories.set('/', this.root);
  }

  /** Adds an entry at `parts` (the validated components of its path) and returns its node. */
  add(parts: readonly string[], info: EntryInfo, ino: bigint): DraftNode {
    if (parts.length === 0) {
      if (info.kind !== 'directory') throw new KlosetError('BAD_INPUT', 'The root of a source must be a folder.');
      this.root.info = entryInfo(info);
      return this.root;
    }
    const path = `/${parts.join('/')}`;
    const existing = this.directories.get(path);
    if (existing && info.kind === 'directory') {
      existing.info = entryInfo(info);
      existing.ino = ino;
      return existing;
    }
    const parent = this.directoryAt(parts.slice(0, -1));
    const node: DraftNode = { name: parts[parts.length - 1] as string, info: entryInfo(info), ino, content: null, isDropped: false, children: info.kind === 'directory' ? [] : null };
    parent.children?.push(node);
    if (node.children) this.directories.set(path, node);
    return node;
  }

  private directoryAt(parts: readonly string[]): DraftNode {
    const path = parts.length ? `/${parts.join('/')}` : '/';
    const found = this.directories.get(path);
    if (found) return found;
    return this.add(parts, defaultDirectoryInfo, 0n);
  }

  /** Writes every directory, children first; returns the root's MAC and the totals. */
  async finalize(put: PutMetadata): Promise<{ root: Mac; totals: TreeTotals }> {
    const totals = { files: 0, directories: 0, bytes: 0, symlinks: 0, others: 0 };
    const root = await this.writeDirectory(this.root, put, totals);
    return { root: root.mac, totals };
  }

  private async writeDirectory(node: DraftNode, put: PutMetadata, totals: { files: number; directories: number; bytes: number; symlinks: number; others: number }): Promise<{ mac: Mac; summary: TreeSummary }> {
    const entries: TreeEntry[] = [];
    const summary = { files: 0, directories: 0, bytes: 0 };
    const children = (node.children ?? []).filter((child) => !child.isDropped).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let i = 1; i < children.length; i++) {
      if (children[i]?.name === children[i - 1]?.name) throw new KlosetError('BAD_INPUT', `The source lists ${children[i]?.name} twice in one folder.`);
    }
    for (const child of children) {
      if (child.children) {
        const written = await this.writeDirectory(child, put, totals);
        entries.push(treeEntry(child, null, written.mac, written.summary));
        summary.files += written.summary.files;
        summary.directories += written.summary.directories + 1;
        summary.bytes += written.summary.bytes;
        totals.directories++;
      } else if (child.info.kind === 'file') {
        if (!child.content) throw new KlosetError('IO', `The content of ${child.name} was never stored.`);
        // Long chunk lists live in their own `file` object; the entry keeps its MAC.
        const content = 'listMac' in child.content || child.content.chunks.length <= maxInlineChunks ? child.content : { listMac: await put('file', encodeChunkList(child.content.chunks as ChunkRef[])) };
        entries.push(treeEntry(child, content, null, null));
        summary.files++;
        summary.bytes += child.info.size;
        totals.files++;
        totals.bytes += child.info.size;
      } else {
        entries.push(treeEntry(child, null, null, null));
        if (child.info.kind === 'symlink') totals.symlinks++;
        else totals.others++;
      }
    }
    return { mac: await put('directory', encodeDirectory(entries)), summary };
  }
}

/**
 * The entry's own fields only, in one fixed shape: sources hand over richer objects (paths,
 * errors) that the tree should neither keep alive nor copy field by field from varying shapes.
 */
function entryInfo(info: EntryInfo): EntryInfo {
  const copy = { kind: info.kind, size: info.size, mode: info.mode, mtimeNs: info.mtimeNs, uid: info.uid, gid: info.gid };
  return info.target === undefined ? copy : { ...copy, target: info.target };
}

/** A node as its folder stores it, in one fixed shape. */
function treeEntry(node: DraftNode, content: FileContent | null, directory: Mac | null, summary: TreeSummary | null): TreeEntry {
  const { info } = node;
  const entry = { kind: info.kind, size: info.size, mode: info.mode, mtimeNs: info.mtimeNs, uid: info.uid, gid: info.gid, name: node.name, ino: node.ino, content, directory, summary };
  return info.target === undefined ? entry : { ...entry, target: info.target };
}
