import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { KlosetError, type SourceEntry } from '../../kloset/index';
import { errorCodeMetadataKey } from './constants';
import { entryMode, goFileMode, nsFromTimestamp, timestampFromNs } from './file-mode';
import { recordSchema } from './messages';
import { objectKind, recordFromRestoreEntry, recordFromSourceEntry, restoreEntryFromRecord, rootedPath, sourceEntryFromRecord, sourcePath, storageResource } from './records';
import { klosetCodeFromStatus, statusFromError } from './status';

function serviceError(code: GrpcStatus, details: string, metadata = new Metadata()): ServiceError {
  return Object.assign(new Error(details), { code, details, metadata });
}

describe('file modes', () => {
  it('put the kind in Go fs.FileMode type bits and the special bits where Go keeps them', () => {
    expect(goFileMode('file', 0o644)).toBe(0o644);
    expect(goFileMode('directory', 0o755)).toBe(0x80000000 + 0o755);
    expect(goFileMode('symlink', 0o777)).toBe(0x08000000 + 0o777);
    expect(goFileMode('other', 0o600)).toBe(0x00080000 + 0o600);
    expect(goFileMode('file', 0o4755)).toBe(0x00800000 + 0o755);
    expect(goFileMode('directory', 0o3777)).toBe(0x80000000 + 0x00400000 + 0x00100000 + 0o777);
  });

  it('read Go modes back, named pipes, sockets and devices as "other"', () => {
    for (const kind of ['file', 'directory', 'symlink', 'other'] as const) {
      for (const mode of [0, 0o644, 0o4755, 0o2750, 0o1777, 0o7777]) expect(entryMode(goFileMode(kind, mode))).toEqual({ kind, mode });
    }
    expect(entryMode(0x02000000 + 0o644)).toEqual({ kind: 'other', mode: 0o644 });
    expect(entryMode(0x01000000 + 0o755)).toEqual({ kind: 'other', mode: 0o755 });
    expect(entryMode(0x04000000 + 0x00200000 + 0o620)).toEqual({ kind: 'other', mode: 0o620 });
  });
});

describe('timestamps', () => {
  it('carry nanoseconds exactly, before 1970 too', () => {
    for (const ns of [0n, 1n, 1_700_000_000_123_456_789n, -1n, -1_500_000_000n]) expect(nsFromTimestamp(timestampFromNs(ns))).toBe(ns);
    expect(timestampFromNs(-1n)).toEqual({ seconds: '-1', nanos: 999_999_999 });
    expect(nsFromTimestamp(null)).toBe(0n);
  });
});

describe('records', () => {
  const entry: SourceEntry = { pathname: '/2024/a.jpg', kind: 'file', size: 12, mode: 0o640, mtimeNs: 5_000_000_001n, uid: 1000, gid: 100, ino: 42n };

  it('put source paths under the root and take them back, refusing what is outside', () => {
    expect(rootedPath('/Photos', '/')).toBe('/Photos');
    expect(rootedPath('/Photos/', '/a')).toBe('/Photos/a');
    expect(rootedPath('/', '/a')).toBe('/a');
    expect(sourcePath('/Photos', '/Photos')).toBe('/');
    expect(sourcePath('/Photos', '/Photos/a/b')).toBe('/a/b');
    expect(sourcePath('/Photos', '/PhotosOld/a')).toBeNull();
    expect(sourcePath('/Photos', '/')).toBeNull();
  });

  it('turn a source entry into a record and back', () => {
    const record = recordSchema.parse({ isXattr: false, ...recordFromSourceEntry(entry, '/Photos') });
    expect(record).toMatchObject({ pathname: '/Photos/2024/a.jpg', hasReader: true, fileInfo: { name: 'a.jpg', size: '12', mode: 0o640, uid: '1000' } });
    expect(sourceEntryFromRecord(record, '/Photos')).toEqual(entry);
    expect(sourceEntryFromRecord({ ...record, pathname: '/' }, '/Photos')).toBeNull();
  });

  it('turn a restore entry into a record and back, the destination root included', () => {
    const restored = { pathname: 'docs/link', kind: 'symlink' as const, size: 0, mode: 0o777, mtimeNs: 7n, uid: 0, gid: 0, target: '../x' };
    const record = recordSchema.parse({ isXattr: false, ...recordFromRestoreEntry(restored, '/restore') });
    expect(record).toMatchObject({ pathname: '/restore/docs/link', hasReader: false, target: '../x' });
    expect(restoreEntryFromRecord(record, '/restore')).toEqual(restored);
    expect(recordFromRestoreEntry({ ...restored, pathname: '', kind: 'directory' }, '/restore').pathname).toBe('/restore');
    expect(() => restoreEntryFromRecord({ ...record, pathname: '/elsewhere/x' }, '/restore')).toThrow(/not under the destination/);
  });

  it('name object kinds as storage resources and refuse the others', () => {
    expect(['packfile', 'state', 'lock'].map((kind) => storageResource(kind as 'packfile'))).toEqual([1, 2, 3]);
    expect(objectKind(2)).toBe('state');
    expect(() => objectKind(4)).toThrow(/not supported/);
  });
});

describe('statuses', () => {
  it('carry the engine code in metadata beside the protocol status code', () => {
    const status = statusFromError(new KlosetError('AUTH_EXPIRED', 'Sign in again.'));
    expect(status.code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect(status.metadata.get(errorCodeMetadataKey)).toEqual(['AUTH_EXPIRED']);
    expect(klosetCodeFromStatus(serviceError(status.code, status.details, status.metadata))).toBe('AUTH_EXPIRED');
    expect(statusFromError(new KlosetError('IO', 'Disk failed.')).code).toBe(GrpcStatus.UNAVAILABLE);
    expect(statusFromError(new Error('plain')).code).toBe(GrpcStatus.UNKNOWN);
  });

  it('read the status code alone when a plugin of another implementation sends no engine code', () => {
    expect(klosetCodeFromStatus(serviceError(GrpcStatus.CANCELLED, 'x'))).toBe('CANCELED');
    expect(klosetCodeFromStatus(serviceError(GrpcStatus.UNAVAILABLE, 'x'))).toBe('UNAVAILABLE');
    expect(klosetCodeFromStatus(serviceError(GrpcStatus.NOT_FOUND, 'x'))).toBe('NOT_FOUND');
    expect(klosetCodeFromStatus(serviceError(GrpcStatus.UNKNOWN, 'x'))).toBe('IO');
  });
});
