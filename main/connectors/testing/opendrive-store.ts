import { createHash, randomBytes } from 'node:crypto';

export interface OdFolder {
  readonly id: string;
  name: string;
  parentId: string | null;
  readonly created: number;
  modified: number;
}

export interface OdFile {
  readonly id: string;
  name: string;
  folderId: string;
  content: Buffer;
  md5: string;
  /** Unix seconds, as OpenDrive keeps modification times (1 s precision). */
  modified: number;
}

interface OpenUpload {
  readonly fileId: string;
  readonly size: number;
  readonly parts: Buffer[];
  written: number;
}

const USER_ID = 510_610;

/** An OpenDrive error: HTTP status and message, sent as `{"error":{"code":…,"message":…}}`. */
export class OpenDriveError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The OpenDrive fake's drive: folders and files by id (root `"0"`), names unique per folder
 * case-insensitively, ids shaped like OpenDrive's (base64 of `<user>_<number>_…`), and the chunked
 * upload state (`TempLocation`) that `close_file_upload` turns into the file's content.
 */
export class OpenDriveStore {
  readonly folders = new Map<string, OdFolder>([['0', { id: '0', name: '', parentId: null, created: now(), modified: now() }]]);
  readonly files = new Map<string, OdFile>();
  private readonly uploads = new Map<string, OpenUpload>();
  private counter = 0;

  folder(id: string): OdFolder {
    const folder = this.folders.get(id);
    if (!folder) throw new OpenDriveError(400, `Invalid folder ID${id}`);
    return folder;
  }

  file(id: string): OdFile {
    const file = this.files.get(id);
    if (!file) throw new OpenDriveError(404, 'File not found.');
    return file;
  }

  subfolders(id: string): OdFolder[] {
    return [...this.folders.values()].filter((f) => f.parentId === id);
  }

  filesIn(id: string): OdFile[] {
    return [...this.files.values()].filter((f) => f.folderId === id);
  }

  findByName(folderId: string, name: string): OdFile | OdFolder | undefined {
    const lower = name.toLowerCase();
    return this.filesIn(folderId).find((f) => f.name.toLowerCase() === lower) ?? this.subfolders(folderId).find((f) => f.name.toLowerCase() === lower);
  }

  /** The folder at a `/`-separated path from the root (`''` is the root), or undefined. */
  folderAt(path: string): OdFolder | undefined {
    let folder: OdFolder | undefined = this.folder('0');
    for (const name of path.split('/').filter((part) => part !== '')) {
      const item: OdFile | OdFolder | undefined = folder && this.findByName(folder.id, name);
      folder = item && !('folderId' in item) ? item : undefined;
    }
    return folder;
  }

  /** Path → sha256 of every file below a folder, the paths relative to it with `/`. */
  fileDigests(folderId: string, prefix = ''): Record<string, string> {
    const out: Record<string, string> = {};
    for (const file of this.filesIn(folderId)) out[prefix ? `${prefix}/${file.name}` : file.name] = createHash('sha256').update(file.content).digest('hex');
    for (const folder of this.subfolders(folderId)) Object.assign(out, this.fileDigests(folder.id, prefix ? `${prefix}/${folder.name}` : folder.name));
    return out;
  }

  createFolder(parentId: string, name: string): OdFolder {
    this.folder(parentId);
    if (this.findByName(parentId, name)) throw new OpenDriveError(409, 'Folder already exists.');
    const folder: OdFolder = { id: this.newId(''), name, parentId, created: now(), modified: now() };
    this.folders.set(folder.id, folder);
    return folder;
  }

  removeFolder(id: string): void {
    if (id === '0') throw new OpenDriveError(400, 'The root folder cannot be removed.');
    this.folder(id);
    for (const child of this.subfolders(id)) this.removeFolder(child.id);
    for (const file of this.filesIn(id)) this.files.delete(file.id);
    this.folders.delete(id);
  }

  createFile(folderId: string, name: string): OdFile {
    this.folder(folderId);
    if (this.findByName(folderId, name)) throw new OpenDriveError(409, 'File already exists.');
    const file: OdFile = { id: this.newId(randomBytes(3).toString('hex')), name, folderId, content: Buffer.alloc(0), md5: md5(Buffer.alloc(0)), modified: now() };
    this.files.set(file.id, file);
    return file;
  }

  openUpload(fileId: string, size: number): string {
    this.file(fileId);
    const tempLocation = randomBytes(16).toString('hex');
    this.uploads.set(tempLocation, { fileId, size, parts: [], written: 0 });
    return tempLocation;
  }

  /** Appends a chunk; its offset must be exactly what was uploaded so far. */
  uploadChunk(tempLocation: string, fileId: string, offset: number, data: Buffer): number {
    const upload = this.uploads.get(tempLocation);
    if (!upload || upload.fileId !== fileId) throw new OpenDriveError(400, '`temp_location` is required.');
    if (offset !== upload.written) throw new OpenDriveError(400, `Incorrect chunk offset: uploaded=${upload.written}, chunk_offset=${offset}`);
    upload.parts.push(data);
    upload.written += data.length;
    return data.length;
  }

  /** Replaces the file's content with the uploaded bytes once all of them arrived. */
  closeUpload(tempLocation: string, fileId: string, size: number): OdFile {
    const upload = this.uploads.get(tempLocation);
    if (!upload || upload.fileId !== fileId) throw new OpenDriveError(400, '`temp_location` is required.');
    if (upload.written !== size) throw new OpenDriveError(400, `Invalid upload file size. Total uploaded=${upload.written}. File size=${size}`);
    this.uploads.delete(tempLocation);
    const file = this.file(fileId);
    file.content = Buffer.concat(upload.parts);
    file.md5 = md5(file.content);
    file.modified = now();
    return file;
  }

  /** Moves or copies a file into a folder, replacing a same-named file there. */
  moveCopyFile(fileId: string, folderId: string, newName: string, move: boolean): OdFile {
    const source = this.file(fileId);
    this.folder(folderId);
    const existing = this.findByName(folderId, newName);
    if (existing && 'folderId' in existing && existing.id !== source.id) this.files.delete(existing.id);
    else if (existing && !('folderId' in existing)) throw new OpenDriveError(409, 'A folder with this name already exists.');
    if (move) {
      source.folderId = folderId;
      source.name = newName;
      return source;
    }
    const copy: OdFile = { ...source, id: this.newId(randomBytes(3).toString('hex')), folderId, name: newName };
    this.files.set(copy.id, copy);
    return copy;
  }

  moveFolder(id: string, parentId: string, newName: string): OdFolder {
    const folder = this.folder(id);
    this.folder(parentId);
    if (this.findByName(parentId, newName)) throw new OpenDriveError(409, 'Folder already exists.');
    folder.parentId = parentId;
    folder.name = newName;
    return folder;
  }

  usedBytes(): number {
    let total = 0;
    for (const file of this.files.values()) total += file.content.length;
    return total;
  }

  /** Ids like OpenDrive's: base64 of "<user>_<n>_<suffix>" without padding. */
  private newId(suffix: string): string {
    this.counter += 1;
    return Buffer.from(`${USER_ID}_${this.counter}_${suffix}`).toString('base64').replace(/=+$/, '');
  }
}

export function md5(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** A folder as `folder/list.json` and `itembyname` describe it (numbers where rclone reads numbers). */
export function folderJson(store: OpenDriveStore, folder: OdFolder): Record<string, unknown> {
  return {
    FolderID: folder.id,
    Name: folder.name,
    DateCreated: folder.created,
    DirUpdateTime: folder.modified,
    Access: 0,
    DateModified: folder.modified,
    Shared: 'false',
    ChildFolders: store.subfolders(folder.id).length,
    Link: `https://od.lk/fl/${folder.id}`,
    Encrypted: 'false',
  };
}

/** A file as OpenDrive describes it: Size and DateModified are strings, as the API sends them. */
export function fileJson(file: OdFile): Record<string, unknown> {
  const dot = file.name.lastIndexOf('.');
  return {
    FileId: file.id,
    FileHash: file.md5,
    Name: file.name,
    GroupID: 0,
    Extension: dot > 0 ? file.name.slice(dot + 1) : '',
    Size: String(file.content.length),
    Views: '0',
    Version: '',
    Downloads: '0',
    DateModified: String(file.modified),
    Access: '0',
    Link: `https://od.lk/f/${file.id}`,
    DownloadLink: `https://od.lk/d/${file.id}/${encodeURIComponent(file.name)}`,
    StreamingLink: `https://od.lk/s/${file.id}/${encodeURIComponent(file.name)}`,
    TempStreamingLink: `https://od.lk/s/${file.id}/${encodeURIComponent(file.name)}`,
    EditLink: '',
    ThumbLink: '',
    Password: '',
    EditOnline: 0,
  };
}
