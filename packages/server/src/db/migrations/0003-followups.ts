import type { Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/**
 * Follow-ups (跟进记录). The customer keeps its latest follow-up time and next follow-up date, updated in
 * the same transaction, so lists and reminders can filter on them without scanning follow-ups.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('followups')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', t.id, (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('next_step', 'text')
    .addColumn('next_follow_up_on', 'text')
    .addColumn('author_id', t.id, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('followups_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('followups_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
    .addForeignKeyConstraint('followups_author_fk', ['workspace_id', 'author_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('followups_customer_idx').on('followups').columns(['workspace_id', 'customer_id', 'occurred_at', 'id']).execute();
  await db.schema.createIndex('followups_target_idx').on('followups').columns(['workspace_id', 'target_type', 'target_id', 'occurred_at']).execute();
  await db.schema.createIndex('followups_author_idx').on('followups').columns(['workspace_id', 'author_id', 'occurred_at', 'id']).execute();

  await db.schema.alterTable('customers').addColumn('last_follow_up_at', t.timestamp).execute();
  await db.schema.alterTable('customers').addColumn('next_follow_up_on', 'text').execute();
  await db.schema.createIndex('customers_next_follow_up_idx').on('customers').columns(['workspace_id', 'next_follow_up_on']).execute();
  // The timeline reads a record's changes newest first by time.
  await db.schema.createIndex('audit_log_entity_time_idx').on('audit_log').columns(['workspace_id', 'entity_type', 'entity_id', 'at', 'id']).execute();
}
