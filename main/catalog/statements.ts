import type Database from 'better-sqlite3';
import type { SqliteDatabase } from '../platform/sqlite';

type Statement = Database.Statement<unknown[]>;

/**
 * Prepared statements of one connection, prepared once per SQL text: queries built from
 * optional filters come in a handful of shapes, and preparing costs more than running.
 * `get` statements return rows as objects, `pluck` statements the first column's value; they
 * are kept apart because better-sqlite3's pluck mode is a property of the statement.
 */
export class StatementCache {
  private readonly rows = new Map<string, Statement>();
  private readonly values = new Map<string, Statement>();

  constructor(readonly db: SqliteDatabase) {}

  get(sql: string): Statement {
    return this.prepared(this.rows, sql, false);
  }

  pluck(sql: string): Statement {
    return this.prepared(this.values, sql, true);
  }

  private prepared(cache: Map<string, Statement>, sql: string, isPluck: boolean): Statement {
    let statement = cache.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[]>(sql);
      if (isPluck) statement.pluck();
      cache.set(sql, statement);
    }
    return statement;
  }
}
