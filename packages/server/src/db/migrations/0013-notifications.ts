import { sql, type Kysely } from 'kysely';
import { columnTypes, defaultJson } from '../columns';
import type { Engine } from '../schema';

/**
 * In-app notifications (the owner is asked about a duplicate, a record is handed over, someone is
 * @mentioned), @mentions on follow-ups, files attached to a follow-up, and indexes for the contact
 * list's filters.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('notifications')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text')
    .addColumn('record_id', t.id)
    .addColumn('record_name', 'text')
    .addColumn('actor_id', t.id)
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .addPrimaryKeyConstraint('notifications_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('notifications_user_fk', ['workspace_id', 'user_id'], 'users', ['workspace_id', 'id'])
    .execute();
  // Ids are time-ordered (UUIDv7): a member's inbox is one index range, newest first.
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['workspace_id', 'user_id', 'id']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['workspace_id', 'user_id', 'id']).where(sql.ref('read_at'), 'is', null).execute();
  // "Has this rep already asked about this customer today?"
  await db.schema.createIndex('notifications_record_idx').on('notifications').columns(['workspace_id', 'record_id', 'kind', 'created_at']).execute();

  await db.schema.alterTable('followups').addColumn('mentions', t.json, (c) => c.notNull().defaultTo(defaultJson('[]'))).execute();
  await db.schema.alterTable('files').addColumn('followup_id', t.id).execute();
  await db.schema.createIndex('files_followup_idx').on('files').columns(['workspace_id', 'followup_id']).where(sql.ref('followup_id'), 'is not', null).execute();

  await db.schema.createIndex('contacts_owner_idx').on('contacts').columns(['workspace_id', 'owner_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('contacts_role_idx').on('contacts').columns(['workspace_id', 'decision_role', 'updated_at', 'id']).execute();
  // The workspace-wide follow-up list, newest first (the per-customer, per-record and per-author ones exist).
  await db.schema.createIndex('followups_occurred_idx').on('followups').columns(['workspace_id', 'occurred_at', 'id']).execute();
  await db.schema.createIndex('contacts_name_idx').on('contacts').columns(['workspace_id', 'name', 'id']).execute();
}
