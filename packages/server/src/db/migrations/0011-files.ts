import type { Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/**
 * Files attached to customers, contacts and deals. Their bytes live in a folder under the data directory,
 * or in `file_blobs` when several instances share one PostgreSQL database.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('files')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', t.id, (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', t.bigint, (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', t.id, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('files_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('files_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
    .addForeignKeyConstraint('files_uploader_fk', ['workspace_id', 'uploaded_by'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('files_target_idx').on('files').columns(['workspace_id', 'target_type', 'target_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('files_customer_idx').on('files').columns(['workspace_id', 'customer_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('file_blobs')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('content', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('file_blobs_pk', ['workspace_id', 'storage_key'])
    .execute();
}
