import type { Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/** Comments (评论) on customers, contacts and deals, and who each one @mentions (a future inbox reads these). */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('comments')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', t.id, (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mentions', t.json, (c) => c.notNull())
    .addColumn('author_id', t.id, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('comments_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('comments_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
    .addForeignKeyConstraint('comments_author_fk', ['workspace_id', 'author_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('comments_target_idx').on('comments').columns(['workspace_id', 'target_type', 'target_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('comments_customer_idx').on('comments').columns(['workspace_id', 'customer_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('comment_mentions')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('comment_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_mentions_pk', ['workspace_id', 'comment_id', 'user_id'])
    .addForeignKeyConstraint('comment_mentions_comment_fk', ['workspace_id', 'comment_id'], 'comments', ['workspace_id', 'id'])
    .addForeignKeyConstraint('comment_mentions_user_fk', ['workspace_id', 'user_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('comment_mentions_user_idx').on('comment_mentions').columns(['workspace_id', 'user_id', 'created_at', 'comment_id']).execute();
}
