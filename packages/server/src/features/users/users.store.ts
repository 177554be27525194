import { sql, type Expression, type SqlBool } from 'kysely';
import type { ListScope } from '@kairos/domain/policy';
import type { Executor } from '../../db/schema';
import { scopeCondition } from '../../shared/scope';
import type { AccountsTable, UsersTable } from './user.table';
import { updateVersionedRow } from '../../shared/versioned';

export type UserRow = UsersTable & { email: string };

function userWithEmail(db: Executor) {
  return db.selectFrom('users as u').innerJoin('accounts as a', 'a.id', 'u.account_id').selectAll('u').select('a.email');
}

export async function findUserRow(db: Executor, workspaceId: string, id: string): Promise<UserRow | undefined> {
  return userWithEmail(db).where('u.workspace_id', '=', workspaceId).where('u.id', '=', id).where('u.deleted_at', 'is', null).executeTakeFirst();
}

/** A member with their e-mail and their department's path, for the permission policy: one query. */
export async function findUserRowWithDepartmentPath(db: Executor, workspaceId: string, id: string): Promise<(UserRow & { department_path: string | null }) | undefined> {
  return db
    .selectFrom('users as u')
    .innerJoin('accounts as a', 'a.id', 'u.account_id')
    .leftJoin('departments as d', (j) => j.onRef('d.workspace_id', '=', 'u.workspace_id').onRef('d.id', '=', 'u.department_id'))
    .selectAll('u')
    .select(['a.email', 'd.path as department_path'])
    .where('u.workspace_id', '=', workspaceId)
    .where('u.id', '=', id)
    .where('u.deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findAccountByEmail(db: Executor, email: string): Promise<AccountsTable | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findAccountById(db: Executor, id: string): Promise<AccountsTable | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The memberships of an account, most recently signed-in first. */
export async function findMembershipsOfAccount(db: Executor, accountId: string): Promise<UsersTable[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .orderBy(sql`coalesce(last_sign_in_at, created_at)`, 'desc')
    .execute();
}

export async function insertAccountRow(db: Executor, row: AccountsTable): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}

export async function insertUserRow(db: Executor, row: UsersTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateAccountPassword(db: Executor, accountId: string, hash: string, at: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: hash, password_changed_at: at, updated_at: at }).where('id', '=', accountId).execute();
}

export async function updateUserRow(
  db: Executor,
  workspaceId: string,
  id: string,
  version: number,
  patch: Partial<Pick<UsersTable, 'name' | 'department_id' | 'manager_id' | 'status' | 'locale'>> & { updated_at: string },
): Promise<UsersTable | undefined> {
  return updateVersionedRow(db, 'users', workspaceId, id, version, patch);
}

export async function touchLastSignIn(db: Executor, workspaceId: string, id: string, at: string): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: at }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function roleIdsOfUsers(db: Executor, workspaceId: string, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role_id'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .execute();
  // Sorted here, not in SQL: ORDER BY role_id makes SQLite walk the role index over the whole workspace.
  for (const row of rows) map.get(row.user_id)?.push(row.role_id);
  for (const ids of map.values()) ids.sort();
  return map;
}

export async function replaceUserRoles(db: Executor, workspaceId: string, userId: string, roleIds: readonly string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
  if (roleIds.length) {
    await db.insertInto('user_roles').values(roleIds.map((role_id) => ({ workspace_id: workspaceId, user_id: userId, role_id }))).execute();
  }
}

export interface UserListFilter {
  id?: string;
  q?: string;
  departmentId?: string;
  status?: 'active' | 'deactivated';
  after?: { name: string; id: string };
  /** Match `q` against names only (the directory does not search e-mail addresses). */
  nameOnly?: boolean;
}

/** A page of members, filtered by the caller's scope in SQL, ordered by name then id (keyset). */
export async function listUserRows(db: Executor, workspaceId: string, scope: ListScope, filter: UserListFilter, limit: number): Promise<UserRow[]> {
  let query = userWithEmail(db)
    .where('u.workspace_id', '=', workspaceId)
    .where('u.deleted_at', 'is', null)
    .where((eb) => scopeCondition(eb, scope, { workspaceId, owner: 'u.id', department: 'u.department_id' }));
  if (filter.id) query = query.where('u.id', '=', filter.id);
  if (filter.departmentId) query = query.where('u.department_id', '=', filter.departmentId);
  if (filter.status) query = query.where('u.status', '=', filter.status);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(u.name) like lower(${pattern}) escape '\\'`,
        ...(filter.nameOnly ? [] : [sql<boolean>`a.email like lower(${pattern}) escape '\\'`]),
      ] as Expression<SqlBool>[]),
    );
  }
  if (filter.after) {
    const { name, id } = filter.after;
    query = query.where((eb) => eb.or([eb('u.name', '>', name), eb.and([eb('u.name', '=', name), eb('u.id', '>', id)])]));
  }
  return query.orderBy('u.name').orderBy('u.id').limit(limit).execute();
}

/** Everyone below `userId` in the manager chain. UNION (not UNION ALL) stops at a cycle. */
export async function subordinateIds(db: Executor, workspaceId: string, userId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive subs(id) as (
      select id from users where workspace_id = ${workspaceId} and manager_id = ${userId} and deleted_at is null
      union
      select u.id from users u join subs s on u.manager_id = s.id where u.workspace_id = ${workspaceId} and u.deleted_at is null
    )
    select id from subs`.execute(db);
  return result.rows.map((r) => String(r.id)).filter((id) => id !== userId);
}

/** Active members holding a role with this key, e.g. to keep one administrator. */
export async function countActiveUsersWithRoleKey(db: Executor, workspaceId: string, roleKey: string, exceptUserId: string): Promise<number> {
  const row = await db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', (j) => j.onRef('r.workspace_id', '=', 'ur.workspace_id').onRef('r.id', '=', 'ur.role_id'))
    .innerJoin('users as u', (j) => j.onRef('u.workspace_id', '=', 'ur.workspace_id').onRef('u.id', '=', 'ur.user_id'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ur.workspace_id', '=', workspaceId)
    .where('r.key', '=', roleKey)
    .where('u.status', '=', 'active')
    .where('u.deleted_at', 'is', null)
    .where('u.id', '!=', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function userIdExists(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** The manager chain above `userId` (its managers, their managers, …), to refuse a cycle. */
export async function managerChain(db: Executor, workspaceId: string, userId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive chain(id) as (
      select manager_id from users where workspace_id = ${workspaceId} and id = ${userId} and manager_id is not null
      union
      select u.manager_id from users u join chain c on u.id = c.id where u.workspace_id = ${workspaceId} and u.manager_id is not null
    )
    select id from chain`.execute(db);
  return result.rows.map((r) => String(r.id));
}
