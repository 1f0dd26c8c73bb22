import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NewerSchemaError, openDatabase, type Migration } from './sqlite';

const dirs: string[] = [];
const tempFile = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kloset-sqlite-'));
  dirs.push(dir);
  return path.join(dir, 'test.sqlite');
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const v1: Migration = { version: 1, description: 'items', up: (db) => db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)') };
const v2: Migration = { version: 2, description: 'item sizes', up: (db) => db.exec('ALTER TABLE items ADD COLUMN size INTEGER NOT NULL DEFAULT 0') };

describe('openDatabase', () => {
  it('runs the migrations in order, once, in WAL mode', () => {
    const file = tempFile();
    const first = openDatabase(file, { migrations: [v1] });
    first.prepare('INSERT INTO items (name) VALUES (?)').run('a');
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    if (process.platform !== 'win32') for (const name of [file, `${file}-wal`]) expect(fs.statSync(name).mode & 0o777, name).toBe(0o600);
    first.close();
    const second = openDatabase(file, { migrations: [v1, v2] });
    expect(second.pragma('user_version', { simple: true })).toBe(2);
    expect(second.prepare('SELECT name, size FROM items').all()).toEqual([{ name: 'a', size: 0 }]);
    second.close();
  });

  it('leaves the schema as it was when a migration fails', () => {
    const file = tempFile();
    openDatabase(file, { migrations: [v1] }).close();
    const broken: Migration = {
      version: 2,
      description: 'broken',
      up: (db) => {
        db.exec('ALTER TABLE items ADD COLUMN size INTEGER');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase(file, { migrations: [v1, broken] })).toThrow('boom');
    const db = openDatabase(file, { migrations: [v1] });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT * FROM items').columns().map((c) => c.name)).toEqual(['id', 'name']);
    db.close();
  });

  it('refuses a database from a newer version of the app', () => {
    const file = tempFile();
    openDatabase(file, { migrations: [v1, v2] }).close();
    expect(() => openDatabase(file, { migrations: [v1] })).toThrow(NewerSchemaError);
  });

  it('refuses misnumbered migrations', () => {
    expect(() => openDatabase(tempFile(), { migrations: [v2] })).toThrow('numbered');
  });
});
