import { AppError } from '@kairos/domain/errors';
import type { CreateDepartment, Department, UpdateDepartment } from '@kairos/domain/departments';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { refreshSearchOfDepartments } from '../search/search.index';
import { changedFields, recordAudit, type ChangeContext, changeOf } from '../audit/audit.service';
import { userExists } from '../users/users.service';
import type { DepartmentsTable } from './department.table';
import {
  countDepartmentDependants,
  findDepartmentRow,
  insertDepartmentRow,
  listDepartmentRows,
  rewriteSubtreePaths,
  updateDepartmentRow,
} from './departments.store';

function toDepartment(row: DepartmentsTable, memberCount = 0): Department {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    headUserId: row.head_user_id,
    sort: row.sort,
    memberCount,
    createdAt: row.created_at,
    version: row.version,
  };
}

function requireManage(ctx: RequestContext) {
  if (!ctx.actor.permissions.has('departments.manage')) throw new AppError('forbidden');
}

/** The whole tree, flat; every member may read the organisation's structure. */
export async function listDepartments(core: Core, ctx: RequestContext): Promise<Department[]> {
  const rows = await listDepartmentRows(core.db, ctx.actor.workspaceId);
  return rows.map((r) => toDepartment(r, Number(r.member_count ?? 0)));
}

/** The department's materialised path, or a validation error naming `field` when it does not exist. */
export async function departmentPath(db: Executor, workspaceId: string, id: string, field: string): Promise<string> {
  const row = await findDepartmentRow(db, workspaceId, id);
  if (!row) throw new AppError('validation_failed', { fields: [{ path: field, code: 'unknown_department', message: 'unknown department' }] });
  return row.path;
}

/** Creates a department directly in the workspace (setup and demo data), without permission checks. */
export async function insertDepartment(db: Executor, change: ChangeContext, input: { name: string; parentPath: string | null; parentId: string | null; sort?: number; headUserId?: string | null }): Promise<Department> {
  const id = newId();
  const row: DepartmentsTable = {
    workspace_id: change.workspaceId,
    id,
    name: input.name,
    parent_id: input.parentId,
    path: `${input.parentPath ?? '/'}${id}/`,
    sort: input.sort ?? 0,
    head_user_id: input.headUserId ?? null,
    created_at: change.at,
    updated_at: change.at,
    version: 1,
    deleted_at: null,
  };
  await insertDepartmentRow(db, row);
  const department = toDepartment(row);
  await recordAudit(db, change, { entityType: 'department', entityId: id, action: 'create', after: department });
  return department;
}

export async function createDepartment(core: Core, ctx: RequestContext, input: CreateDepartment): Promise<Department> {
  requireManage(ctx);
  return core.db.transaction().execute(async (trx) => {
    const ws = ctx.actor.workspaceId;
    const parentPath = input.parentId ? await departmentPath(trx, ws, input.parentId, 'parentId') : null;
    if (input.headUserId && !(await userExists(trx, ws, input.headUserId))) {
      throw new AppError('validation_failed', { fields: [{ path: 'headUserId', code: 'unknown_user', message: 'unknown user' }] });
    }
    return insertDepartment(trx, changeOf(core, ctx), { ...input, parentPath });
  });
}

/** Renames, re-parents (moving the whole subtree), re-sorts or sets the head; refuses cycles. */
export async function updateDepartment(core: Core, ctx: RequestContext, id: string, input: UpdateDepartment): Promise<Department> {
  requireManage(ctx);
  return core.db.transaction().execute(async (trx) => {
    const ws = ctx.actor.workspaceId;
    const row = await findDepartmentRow(trx, ws, id);
    if (!row) throw new AppError('not_found');
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: toDepartment(row) } });
    const change = changeOf(core, ctx);
    let path = row.path;
    if (input.parentId !== undefined && input.parentId !== row.parent_id) {
      const parentPath = input.parentId ? await departmentPath(trx, ws, input.parentId, 'parentId') : '/';
      if (parentPath.startsWith(row.path)) throw new AppError('department_cycle', { fields: [{ path: 'parentId', code: 'cycle', message: 'cycle' }] });
      path = `${parentPath}${id}/`;
    }
    if (input.headUserId && !(await userExists(trx, ws, input.headUserId))) {
      throw new AppError('validation_failed', { fields: [{ path: 'headUserId', code: 'unknown_user', message: 'unknown user' }] });
    }
    const updated = await updateDepartmentRow(trx, ws, id, input.version, {
      updated_at: change.at,
      path,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.sort !== undefined ? { sort: input.sort } : {}),
      ...(input.headUserId !== undefined ? { head_user_id: input.headUserId } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: toDepartment(row) } });
    if (path !== row.path) {
      await rewriteSubtreePaths(trx, ws, row.path, path, change.at);
      // Records in the moved subtree are now "within" other departments: their search scope terms change.
      const subtree = await trx.selectFrom('departments').select('id').where('workspace_id', '=', ws).where('path', 'like', `${path}%`).execute();
      await refreshSearchOfDepartments(trx, ws, subtree.map((d) => d.id));
    }
    const before = toDepartment(row);
    const after = toDepartment(updated);
    await recordAudit(trx, change, { entityType: 'department', entityId: id, action: 'update', fields: changedFields(before, after, ['name', 'parentId', 'sort', 'headUserId']) });
    return after;
  });
}

/** Soft-deletes an empty department; one with members or sub-departments must be emptied first. */
export async function deleteDepartment(core: Core, ctx: RequestContext, id: string): Promise<void> {
  requireManage(ctx);
  await core.db.transaction().execute(async (trx) => {
    const ws = ctx.actor.workspaceId;
    const row = await findDepartmentRow(trx, ws, id);
    if (!row) throw new AppError('not_found');
    const dependants = await countDepartmentDependants(trx, ws, id);
    if (dependants.children > 0 || dependants.members > 0) throw new AppError('department_not_empty', { extra: dependants });
    const change = changeOf(core, ctx);
    await updateDepartmentRow(trx, ws, id, row.version, { deleted_at: change.at, updated_at: change.at });
    await recordAudit(trx, change, { entityType: 'department', entityId: id, action: 'delete', before: toDepartment(row) });
  });
}
