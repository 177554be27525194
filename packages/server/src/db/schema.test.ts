import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestCore, type TestCore } from '../testing/test-core';
import { checkPostgresLocale, connectDatabase } from './connect';
import { migrateToLatest } from './migrate';

let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
});
afterAll(async () => {
  await t.close();
});

/** Tables that are not workspace data: the installation, global sign-in identities and their sessions. */
const GLOBAL_TABLES = new Set(['workspaces', 'system_settings', 'accounts', 'sessions', 'sign_in_throttles']);

async function primaryKeys(): Promise<Map<string, string[]>> {
  const keys = new Map<string, string[]>();
  if (t.core.engine === 'sqlite') {
    // search_fts (FTS5 and its shadow tables) is keyed by search_index's rowid, whose key leads with workspace_id.
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like 'search_fts%'`.execute(t.core.db);
    for (const { name } of tables.rows) {
      const columns = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name})`.execute(t.core.db);
      keys.set(name, columns.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name));
    }
  } else {
    const rows = await sql<{ table_name: string; column_name: string; ordinal_position: number }>`
      select k.table_name, k.column_name, k.ordinal_position
      from information_schema.table_constraints c
      join information_schema.key_column_usage k on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema
      where c.constraint_type = 'PRIMARY KEY' and c.table_schema = current_schema() and k.table_name not like 'kysely_%'
      order by k.table_name, k.ordinal_position`.execute(t.core.db);
    for (const row of rows.rows) keys.set(row.table_name, [...(keys.get(row.table_name) ?? []), row.column_name]);
  }
  return keys;
}

describe('schema', () => {
  it('leads every workspace table’s primary key with workspace_id, so no key reaches across workspaces', async () => {
    const keys = await primaryKeys();
    expect(keys.size).toBeGreaterThanOrEqual(12);
    for (const [table, columns] of keys) {
      if (GLOBAL_TABLES.has(table)) continue;
      expect(columns[0], table).toBe('workspace_id');
    }
  });

  it('re-running the migrations on an up-to-date database changes nothing', async () => {
    expect(await migrateToLatest(t.core.db, t.core.engine)).toEqual([]);
  });

  it('is configured so that an acknowledged write is durable and search can index Chinese text', async () => {
    if (t.core.engine === 'sqlite') {
      const pragma = async (name: string) => (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(t.core.db)).rows[0];
      expect(await pragma('journal_mode')).toEqual({ journal_mode: 'wal' });
      expect(await pragma('synchronous')).toEqual({ synchronous: 2 });
      expect(await pragma('foreign_keys')).toEqual({ foreign_keys: 1 });
      // 64 MiB, not SQLite's 2 MiB: past a few hundred thousand rows every query would re-read pages.
      expect(await pragma('cache_size')).toEqual({ cache_size: -65536 });
      await expect(sql`insert into user_roles (workspace_id, user_id, role_id) values ('nope', 'nope', 'nope')`.execute(t.core.db)).rejects.toThrow(/FOREIGN KEY/);
      return;
    }
    expect(await checkPostgresLocale(t.core.db)).toBeNull();
    // A database created with the C locale is called out at start-up.
    const base = process.env.TEST_DATABASE_URL as string;
    const name = `kairos_c_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template template0 lc_collate 'C' lc_ctype 'C'`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const handle = connectDatabase({ databaseUrl: url.toString(), dataDir: t.config.dataDir });
    try {
      expect(await checkPostgresLocale(handle.db)).toMatch(/LC_CTYPE is "C"/);
    } finally {
      await handle.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  });
});
