import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/** Custom field definitions, and a `custom` object of values on each of the four record types. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('custom_fields')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('options', t.json, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('custom_fields_pk', ['workspace_id', 'id'])
    .execute();
  // A key names one live field per record type; a deleted field's key may be reused.
  await db.schema.createIndex('custom_fields_key_idx').on('custom_fields').columns(['workspace_id', 'entity', 'key']).where(sql.ref('deleted_at'), 'is', null).unique().execute();
  for (const table of ['customers', 'contacts', 'opportunities', 'followups']) {
    await db.schema.alterTable(table).addColumn('custom', t.json, (c) => c.notNull().defaultTo(sql.lit('{}'))).execute();
  }
}
