import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/**
 * Workspaces, members, departments, roles, sessions, API tokens, invitations and the audit log.
 * Every table of workspace data leads its keys with workspace_id, so no key can reach across workspaces
 * and the schema can later be distributed by it.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);

  await db.schema
    .createTable('system_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workspaces')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('settings', t.json, (c) => c.notNull().defaultTo(sql.lit('{}')))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('departments')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', t.id)
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('head_user_id', t.id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('departments_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('departments_parent_fk', ['workspace_id', 'parent_id'], 'departments', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('departments_path_idx').on('departments').columns(['workspace_id', 'path']).execute();
  await db.schema.createIndex('departments_parent_idx').on('departments').columns(['workspace_id', 'parent_id']).execute();

  await db.schema
    .createTable('users')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('account_id', t.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('department_id', t.id)
    .addColumn('manager_id', t.id)
    .addColumn('last_sign_in_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('users_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('users_account_uq', ['workspace_id', 'account_id'])
    .addForeignKeyConstraint('users_department_fk', ['workspace_id', 'department_id'], 'departments', ['workspace_id', 'id'])
    .addForeignKeyConstraint('users_manager_fk', ['workspace_id', 'manager_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('users_name_idx').on('users').columns(['workspace_id', 'name', 'id']).execute();
  await db.schema.createIndex('users_department_idx').on('users').columns(['workspace_id', 'department_id', 'name', 'id']).execute();
  await db.schema.createIndex('users_manager_idx').on('users').columns(['workspace_id', 'manager_id']).execute();
  await db.schema.createIndex('users_account_idx').on('users').columns(['account_id']).execute();

  await db.schema
    .createTable('roles')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description_zh', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('permissions', t.json, (c) => c.notNull())
    .addColumn('data_scope', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('roles_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('roles_key_uq', ['workspace_id', 'key'])
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('role_id', t.id, (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['workspace_id', 'user_id', 'role_id'])
    .addForeignKeyConstraint('user_roles_user_fk', ['workspace_id', 'user_id'], 'users', ['workspace_id', 'id'])
    .addForeignKeyConstraint('user_roles_role_fk', ['workspace_id', 'role_id'], 'roles', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('user_roles_role_idx').on('user_roles').columns(['workspace_id', 'role_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('account_id', t.id, (c) => c.notNull().references('accounts.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addForeignKeyConstraint('sessions_user_fk', ['workspace_id', 'user_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').columns(['workspace_id', 'user_id']).execute();
  await db.schema.createIndex('sessions_account_idx').on('sessions').columns(['account_id']).execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').columns(['expires_at']).execute();

  await db.schema
    .createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', t.timestamp, (c) => c.notNull())
    .addColumn('locked_until', t.timestamp)
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .addPrimaryKeyConstraint('api_tokens_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('api_tokens_user_fk', ['workspace_id', 'user_id'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['workspace_id', 'user_id', 'created_at']).execute();

  await db.schema
    .createTable('invitations')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role_ids', t.json, (c) => c.notNull())
    .addColumn('department_id', t.id)
    .addColumn('manager_id', t.id)
    .addColumn('created_by', t.id, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('accepted_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .addPrimaryKeyConstraint('invitations_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('invitations_creator_fk', ['workspace_id', 'created_by'], 'users', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('invitations_created_idx').on('invitations').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('actor_id', t.id)
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('before', t.json)
    .addColumn('after', t.json)
    .addColumn('request_id', 'text')
    .addPrimaryKeyConstraint('audit_log_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['workspace_id', 'entity_type', 'entity_id', 'id']).execute();
}
