import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database, Db, Engine } from './schema';

export interface DatabaseHandle {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

export interface ConnectOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** SQLite only: FULL (default) means an acknowledged write is on disk. */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /**
   * SQLite only: page cache in MiB. SQLite's own default (2 MiB) makes every query past a few hundred
   * thousand rows copy index pages in from the OS again; bulk-writing 50k deals took 5× longer with it than with 128 MiB.
   */
  sqliteCacheMb?: number;
  /** SQLite only: a file path or ':memory:' instead of `<dataDir>/kairos.db`. */
  sqliteFile?: string;
  poolSize?: number;
}

const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;
const PG_INT8 = 20;
const PG_JSONB = 3802;
const PG_JSON = 114;

/**
 * One representation on both engines: times come back as ISO-8601 UTC strings, 64-bit integers as
 * numbers (amounts are validated below 2^53 on the way in), JSON as its text.
 */
function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP) return (value: string) => new Date(oid === PG_TIMESTAMP ? `${value}Z` : value).toISOString();
      if (oid === PG_INT8) return (value: string) => Number(value);
      if (oid === PG_JSONB || oid === PG_JSON) return (value: string) => value;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export function connectDatabase(options: ConnectOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, types: pgTypes() });
    // An idle client losing its server (PostgreSQL restarted) must not crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? join(options.dataDir, 'kairos.db');
  if (file !== ':memory:') mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.sqliteSynchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${(options.sqliteCacheMb ?? 64) * 1024}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    engine: 'sqlite',
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew; preparing is a quarter of a simple request's time. Statements are
 * reusable, and Kysely runs one query at a time per connection, so a cache by SQL text is safe.
 */
function withStatementCache(sqlite: SQLite.Database, max = 2000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/** Is the database reachable? Used by /readyz. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * pg_trgm extracts no trigrams from Chinese text when LC_CTYPE is C, so search would silently miss rows.
 * Returns a warning to log, or null when the locale is fine.
 */
export async function checkPostgresLocale(db: Db): Promise<string | null> {
  const result = await sql<{ ctype: string }>`select datctype as ctype from pg_database where datname = current_database()`.execute(db);
  const ctype = result.rows[0]?.ctype ?? '';
  if (ctype === 'C' || ctype === 'POSIX') {
    return `The PostgreSQL database's LC_CTYPE is "${ctype}": trigram search cannot index Chinese text under it. Create the database with LC_CTYPE 'C.UTF-8' or 'en_US.UTF-8' (e.g. CREATE DATABASE kairos TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8').`;
  }
  return null;
}
