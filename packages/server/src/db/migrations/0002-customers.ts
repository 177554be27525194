import type { Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/**
 * Customers. The *_key columns hold the normalised duplicate-check keys (name without legal form, USCC,
 * phone, web domain), each indexed so a check over the whole workspace is a few index lookups.
 * Also the Idempotency-Key record that every create from here on honours.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('customers')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text')
    .addColumn('industry', 'text')
    .addColumn('province', 'text')
    .addColumn('city', 'text')
    .addColumn('address', 'text')
    .addColumn('website', 'text')
    .addColumn('phone', 'text')
    .addColumn('source', 'text')
    .addColumn('level', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('owner_id', t.id)
    .addColumn('department_id', t.id)
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('domain_key', 'text')
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('customers_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('customers_owner_fk', ['workspace_id', 'owner_id'], 'users', ['workspace_id', 'id'])
    .addForeignKeyConstraint('customers_department_fk', ['workspace_id', 'department_id'], 'departments', ['workspace_id', 'id'])
    .execute();
  // List sorts, each ending in id for a stable keyset.
  await db.schema.createIndex('customers_updated_idx').on('customers').columns(['workspace_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('customers_created_idx').on('customers').columns(['workspace_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('customers_name_idx').on('customers').columns(['workspace_id', 'name_key', 'id']).execute();
  // Scope and filters.
  await db.schema.createIndex('customers_owner_idx').on('customers').columns(['workspace_id', 'owner_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('customers_department_idx').on('customers').columns(['workspace_id', 'department_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('customers_deleted_idx').on('customers').columns(['workspace_id', 'deleted_at']).execute();
  // Duplicate-check keys.
  await db.schema.createIndex('customers_uscc_idx').on('customers').columns(['workspace_id', 'uscc']).execute();
  await db.schema.createIndex('customers_phone_idx').on('customers').columns(['workspace_id', 'phone']).execute();
  await db.schema.createIndex('customers_domain_idx').on('customers').columns(['workspace_id', 'domain_key']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['workspace_id', 'user_id', 'key'])
    .execute();
}
