import { describe, expect, it } from 'vitest';
import { errorOf, snapshotRecord } from './test-history';
import { checkEntry, checkSnapshotRecord, normalizePath } from './validate';

describe('normalizePath', () => {
  it('collapses repeated slashes and "." segments and drops a trailing slash', () => {
    expect(['/', '//', '/a/', '/a//b/./c', '/./', '/a/.', '/a/b'].map((path) => normalizePath(path))).toEqual(['/', '/', '/a', '/a/b/c', '/', '/a', '/a/b']);
  });

  it('refuses relative paths, ".." segments and NUL characters', () => {
    expect(errorOf(() => normalizePath('a/b'))).toBe('BAD_REQUEST: The path must be an absolute path starting with "/" (got "a/b").');
    expect(errorOf(() => normalizePath('/a/../b'))).toBe('BAD_REQUEST: The path "/a/../b" contains "..", which the catalog refuses; give the path without it.');
    expect(errorOf(() => normalizePath('/a/..'))).toBe('BAD_REQUEST: The path "/a/.." contains "..", which the catalog refuses; give the path without it.');
    expect(errorOf(() => normalizePath('/a\0'))).toBe('BAD_REQUEST: The path "/a\\u0000" contains a NUL character.');
    expect(errorOf(() => normalizePath(7))).toBe('BAD_REQUEST: The path must be an absolute path starting with "/" (got 7).');
  });

  it('keeps names that merely contain dots', () => {
    expect(normalizePath('/a/..b/c..')).toBe('/a/..b/c..');
  });
});

describe('checkSnapshotRecord', () => {
  it('lowers the case of ids and drops repeated tags', () => {
    const record = checkSnapshotRecord(snapshotRecord('a', { id: 'AB'.repeat(32), parentId: 'CD'.repeat(32), tags: ['x', 'y', 'x'] }));
    expect([record.id, record.parentId, record.tags]).toEqual(['ab'.repeat(32), 'cd'.repeat(32), ['x', 'y']]);
  });

  it('refuses malformed fields, naming the field and the snapshot', () => {
    const id = snapshotRecord('a').id;
    expect(errorOf(() => checkSnapshotRecord(snapshotRecord('a', { totals: { files: 1.5, dirs: 0, bytes: 0, storedBytes: 0 } })))).toBe(
      `BAD_REQUEST: The file count of snapshot ${id} must be a whole number of 0 or more (got 1.5).`,
    );
    expect(errorOf(() => checkSnapshotRecord(snapshotRecord('a', { parentId: 'nope' })))).toBe(`BAD_REQUEST: The parent id of snapshot ${id} must be 64 hex characters (got "nope").`);
    expect(errorOf(() => checkSnapshotRecord(snapshotRecord('a', { tags: [1] as unknown as string[] })))).toBe(`BAD_REQUEST: The tags of snapshot ${id} must be a list of texts.`);
  });
});

describe('checkEntry', () => {
  const base = { path: '/l', type: 'symlink', size: 1, mtime: 1.5, mode: 0o777, contentId: null, target: 'x' } as const;

  it('turns the content id into bytes and keeps fractional modification times', () => {
    expect(checkEntry({ ...base, type: 'file', contentId: 'ABff', target: null }, 'snap')).toEqual({ path: '/l', type: 'file', size: 1, mtime: 1.5, mode: 0o777, content: Buffer.from([0xab, 0xff]), target: null });
  });

  it('refuses a symlink without a target, a target on another type, an unknown type and a non-directory root', () => {
    expect(errorOf(() => checkEntry({ ...base, target: null }, 'snap'))).toBe('BAD_REQUEST: The entry /l of snapshot snap is a symlink without a target.');
    expect(errorOf(() => checkEntry({ ...base, type: 'other' }, 'snap'))).toBe('BAD_REQUEST: The entry /l of snapshot snap is not a symlink, so its target must be null.');
    expect(errorOf(() => checkEntry({ ...base, type: 'pipe' as 'other' }, 'snap'))).toBe('BAD_REQUEST: The entry /l of snapshot snap has an unknown type "pipe".');
    expect(errorOf(() => checkEntry({ ...base, path: '/' }, 'snap'))).toBe('BAD_REQUEST: The entry / of snapshot snap is the root, which must be a directory.');
    expect(errorOf(() => checkEntry({ ...base, mtime: Number.NaN }, 'snap'))).toBe('BAD_REQUEST: The entry /l of snapshot snap has an invalid modification time NaN.');
  });
});
