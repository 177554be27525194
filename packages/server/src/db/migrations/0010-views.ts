import type { Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/** Saved list views, personal or shared. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('views')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('filters', t.json, (c) => c.notNull())
    .addColumn('columns', t.json, (c) => c.notNull())
    .addColumn('owner_id', t.id, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('views_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('views_owner_fk', ['workspace_id', 'owner_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('views_entity_idx').on('views').columns(['workspace_id', 'entity', 'owner_id']).execute();
}
