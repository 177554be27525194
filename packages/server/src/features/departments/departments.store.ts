import { sql } from 'kysely';
import type { Executor } from '../../db/schema';
import type { DepartmentsTable } from './department.table';
import { updateVersionedRow } from '../../shared/versioned';

export async function listDepartmentRows(db: Executor, workspaceId: string) {
  return db
    .selectFrom('departments as d')
    .selectAll('d')
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('u.workspace_id', '=', 'd.workspace_id')
        .whereRef('u.department_id', '=', 'd.id')
        .where('u.deleted_at', 'is', null)
        .where('u.status', '=', 'active')
        .as('member_count'),
    )
    .where('d.workspace_id', '=', workspaceId)
    .where('d.deleted_at', 'is', null)
    .orderBy('d.path')
    .execute();
}

export async function findDepartmentRow(db: Executor, workspaceId: string, id: string): Promise<DepartmentsTable | undefined> {
  return db.selectFrom('departments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function insertDepartmentRow(db: Executor, row: DepartmentsTable): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function updateDepartmentRow(
  db: Executor,
  workspaceId: string,
  id: string,
  version: number,
  patch: Partial<Pick<DepartmentsTable, 'name' | 'parent_id' | 'path' | 'sort' | 'head_user_id' | 'deleted_at'>> & { updated_at: string },
): Promise<DepartmentsTable | undefined> {
  return updateVersionedRow(db, 'departments', workspaceId, id, version, patch);
}

/** Rewrites the paths below a moved department: one statement, whatever the subtree's size. */
export async function rewriteSubtreePaths(db: Executor, workspaceId: string, oldPrefix: string, newPrefix: string, at: string): Promise<void> {
  await db
    .updateTable('departments')
    .set({ path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})`, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('path', 'like', `${oldPrefix}%`)
    .where('path', '!=', oldPrefix)
    .execute();
}

export async function countDepartmentDependants(db: Executor, workspaceId: string, id: string): Promise<{ children: number; members: number }> {
  const children = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('department_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { children: Number(children.n), members: Number(members.n) };
}
