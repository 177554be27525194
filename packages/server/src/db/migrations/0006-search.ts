import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Database, Engine } from '../schema';
import { markSearchRebuildPending } from '../../features/search/search.index';

/**
 * Global search (QUALITY.md, "Chinese search"): per record its folded values and their bigram and trigram
 * terms in the engine's inverted index — a GIN array on PostgreSQL, FTS5 on SQLite. Neither depends on
 * the database's locale, so CJK text is indexed the same under `C`, `C.UTF-8` or `zh_CN.UTF-8`.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('search_index')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', t.id, (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('owner_id', t.id)
    .addColumn('department_id', t.id)
    .addPrimaryKeyConstraint('search_index_pk', ['workspace_id', 'entity_type', 'entity_id'])
    .execute();
  await db.schema.createIndex('search_index_name_idx').on('search_index').columns(['workspace_id', 'name_key']).execute();
  await db.schema.createIndex('search_index_customer_idx').on('search_index').columns(['workspace_id', 'customer_id']).execute();
  if (engine === 'postgres') {
    await sql`alter table search_index add column grams text[] not null default '{}'`.execute(db);
    await sql`create index search_index_grams_idx on search_index using gin (grams)`.execute(db);
  } else {
    // Terms are letters and digits only (searchKey), space-separated; marks are kept inside a term.
    await sql`create virtual table search_fts using fts5(terms, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'")`.execute(db);
  }
  // Existing records are indexed at start-up, after every migration, by the code of that version
  // (a migration must not call live code: it would read columns that later migrations add).
  await markSearchRebuildPending(db as unknown as Kysely<Database>);
}
