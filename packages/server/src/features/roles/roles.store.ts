import type { Executor } from '../../db/schema';
import type { RolesTable } from './role.table';
import { updateVersionedRow } from '../../shared/versioned';

export async function insertRoles(db: Executor, rows: RolesTable[]): Promise<void> {
  await db.insertInto('roles').values(rows).execute();
}

export async function listRoleRows(db: Executor, workspaceId: string): Promise<RolesTable[]> {
  return db.selectFrom('roles').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
}

export async function findRoleRow(db: Executor, workspaceId: string, id: string): Promise<RolesTable | undefined> {
  return db.selectFrom('roles').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findRoleRowsByIds(db: Executor, workspaceId: string, ids: readonly string[]): Promise<RolesTable[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('roles').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).where('deleted_at', 'is', null).execute();
}

/** Updates when `version` still matches; returns the new row, or undefined on a stale version. */
export async function updateRoleRow(
  db: Executor,
  workspaceId: string,
  id: string,
  version: number,
  patch: Partial<Pick<RolesTable, 'name_zh' | 'name_en' | 'permissions' | 'data_scope'>> & { updated_at: string },
): Promise<RolesTable | undefined> {
  return updateVersionedRow(db, 'roles', workspaceId, id, version, patch);
}

/** The live roles a member holds, in one join. */
export async function findRoleRowsOfUser(db: Executor, workspaceId: string, userId: string): Promise<RolesTable[]> {
  return db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', (j) => j.onRef('r.workspace_id', '=', 'ur.workspace_id').onRef('r.id', '=', 'ur.role_id'))
    .selectAll('r')
    .where('ur.workspace_id', '=', workspaceId)
    .where('ur.user_id', '=', userId)
    .where('r.deleted_at', 'is', null)
    .orderBy('r.id')
    .execute();
}
