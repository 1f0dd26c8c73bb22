import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKlosetError } from '../../kloset/index';
import { writeRcloneConfig } from '../testing/rclone-cli';
import { EntryBook } from './entry-book';
import { openEntries, type Entries } from './entries';
import { importRcloneRemote } from './rclone-import';

let dataDir: string;
let entries: Entries;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-entries-'));
  entries = openEntries(dataDir);
  await writeRcloneConfig(path.join(dataDir, 'rclone.conf'), { dropbox: { type: 'dropbox', token: '{"access_token":"x"}' }, od: { type: 'opendrive', username: 'ann', password: 'obscured' } });
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
    return 'no error';
  } catch (error) {
    return isKlosetError(error) ? error.code : String(error);
  }
}

describe('named entries', () => {
  it('are kept per role in a 0600 file, listed by name with secrets masked, and removed', async () => {
    await entries.add('source', 'photos', 'rclone://Photos', { rclone_type: 'dropbox', rclone_token: '{"access_token":"secret"}' });
    await entries.add('source', 'documents', 'Documents', {}, '/home/ann');
    await entries.add('store', 'photos', '/srv/backups', {});
    expect(entries.list('source')).toEqual([
      { name: 'documents', location: '/home/ann/Documents', place: '/home/ann/Documents', kind: 'local', options: {} },
      { name: 'photos', location: 'rclone://Photos', place: 'rclone://Photos', kind: 'dropbox', options: { rclone_type: 'dropbox', rclone_token: '********' } },
    ]);
    expect(entries.list('destination')).toEqual([]);
    const file = new EntryBook(dataDir).file;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toContain('"rclone_token": "{\\"access_token\\":\\"secret\\"}"');
    expect(await entries.remove('source', 'photos')).toBe(true);
    expect(await entries.remove('source', 'photos')).toBe(false);
    expect(entries.list('source').map((entry) => entry.name)).toEqual(['documents']);
    expect(entries.list('store').map((entry) => entry.name)).toEqual(['photos']);
  });

  it('refuse a taken name, a bad name, and options that could not be passed on', async () => {
    await entries.add('store', 'main', '/srv/main', {});
    expect(await codeOf(entries.add('store', 'main', '/srv/other', {}))).toBe('ALREADY_EXISTS');
    expect(await codeOf(entries.add('store', '../escape', '/srv', {}))).toBe('BAD_INPUT');
    expect(await codeOf(entries.add('store', 'x', '/srv', { location: 'elsewhere' }))).toBe('BAD_INPUT');
    expect(await codeOf(entries.add('store', 'x', '/srv', { rclone_token: 'two\nlines' }))).toBe('BAD_INPUT');
  });

  it('store @account:folder as that account\'s folder, and refuse an account that is not connected', async () => {
    expect(await entries.add('destination', 'restored', '@od:Restored/2024', {})).toEqual({ name: 'restored', location: 'rclone://Restored/2024', place: '@od:Restored/2024', kind: 'opendrive', options: { rclone_remote: 'od' } });
    expect(await codeOf(entries.add('destination', 'nope', '@missing:x', {}))).toBe('NOT_FOUND');
  });

  it('report a damaged file as CORRUPT instead of losing it', async () => {
    fs.writeFileSync(new EntryBook(dataDir).file, '{ not json');
    expect(await codeOf(() => entries.list('source'))).toBe('CORRUPT');
  });
});

describe('locations', () => {
  beforeEach(async () => {
    await entries.add('source', 'photos', 'rclone://Photos', { rclone_type: 'dropbox', rclone_token: 't' });
    await entries.add('store', 'local', '/srv/backups', {});
  });

  it('are folders, scheme locations, @entries (with another path) or @accounts', () => {
    expect(entries.resolve('pictures', 'source', '/home/ann')).toEqual({ location: '/home/ann/pictures', options: {}, localFolder: '/home/ann/pictures', name: null });
    expect(entries.resolve('fs:///data', 'store', '/')).toMatchObject({ location: '/data', localFolder: '/data' });
    expect(entries.resolve('sftp://host/x', 'store', '/')).toEqual({ location: 'sftp://host/x', options: {}, localFolder: null, name: null });
    expect(entries.resolve('@photos', 'source', '/')).toEqual({ location: 'rclone://Photos', options: { rclone_type: 'dropbox', rclone_token: 't' }, localFolder: null, name: 'photos' });
    expect(entries.resolve('@photos:Camera Uploads/2024', 'source', '/').location).toBe('rclone://Camera Uploads/2024');
    expect(entries.resolve('@local:/mnt/other', 'store', '/')).toMatchObject({ location: '/mnt/other', localFolder: '/mnt/other', name: 'local' });
    expect(entries.resolve('@dropbox:Backups/kloset', 'store', '/')).toEqual({ location: 'rclone://Backups/kloset', options: { rclone_remote: 'dropbox' }, localFolder: null, name: 'dropbox' });
  });

  it('name what is missing when @name is neither an entry of that role nor an account', async () => {
    expect(await codeOf(() => entries.resolve('@photos', 'destination', '/'))).toBe('NOT_FOUND');
  });
});

describe('importing a remote of an rclone config', () => {
  it('turns every key of its section into rclone_key, at the remote\'s root', async () => {
    const config = path.join(dataDir, 'user-rclone.conf');
    await writeRcloneConfig(config, { mydav: { type: 'webdav', url: 'https://dav.example/remote.php', vendor: 'nextcloud', user: 'ann', pass: 'obscured-pass' } });
    expect(await importRcloneRemote('mydav', { configFile: config })).toEqual({
      location: 'rclone://',
      options: { rclone_type: 'webdav', rclone_url: 'https://dav.example/remote.php', rclone_vendor: 'nextcloud', rclone_user: 'ann', rclone_pass: 'obscured-pass' },
    });
    expect(await codeOf(importRcloneRemote('other', { configFile: config }))).toBe('NOT_FOUND');
  });
});
