import type { Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/** Contacts (联系人) of customers; mobile and e-mail are indexed for the duplicate check. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('contacts')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('mobile', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('wechat', 'text')
    .addColumn('decision_role', 'text')
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('owner_id', t.id)
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('contacts_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('contacts_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
    .addForeignKeyConstraint('contacts_owner_fk', ['workspace_id', 'owner_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('contacts_customer_idx').on('contacts').columns(['workspace_id', 'customer_id', 'name', 'id']).execute();
  await db.schema.createIndex('contacts_updated_idx').on('contacts').columns(['workspace_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('contacts_mobile_idx').on('contacts').columns(['workspace_id', 'mobile']).execute();
  await db.schema.createIndex('contacts_email_idx').on('contacts').columns(['workspace_id', 'email']).execute();
}
