import { AppError } from '@kairos/domain/errors';
import { DEFAULT_ROLES, PERMISSIONS, type DataScope, type Permission, type Role, type RoleUpdate } from '@kairos/domain/roles';
import type { Core, RequestContext } from '../../core';
import { nowIso } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { fromJson, toJson } from '../../shared/json';
import { changedFields, recordAudit, type ChangeContext } from '../audit/audit.service';
import type { RolesTable } from './role.table';
import { findRoleRow, findRoleRowsByIds, findRoleRowsOfUser, insertRoles, listRoleRows, updateRoleRow } from './roles.store';

export function toRole(row: RolesTable): Role {
  return {
    id: row.id,
    key: row.key,
    name: { 'zh-CN': row.name_zh, en: row.name_en },
    description: { 'zh-CN': row.description_zh, en: row.description_en },
    permissions: parsePermissions(row.permissions),
    dataScope: row.data_scope as DataScope,
    system: DEFAULT_ROLES.some((r) => r.key === row.key),
    version: row.version,
  };
}

function parsePermissions(text: string): Permission[] {
  const known = new Set<string>(PERMISSIONS);
  return fromJson<string[]>(text, []).filter((p): p is Permission => known.has(p));
}

/** Creates the default roles of a new workspace; returns their ids by key. */
export async function seedDefaultRoles(db: Executor, change: ChangeContext): Promise<Map<string, string>> {
  const rows: RolesTable[] = DEFAULT_ROLES.map((r) => ({
    workspace_id: change.workspaceId,
    id: newId(),
    key: r.key,
    name_zh: r.name['zh-CN'],
    name_en: r.name.en,
    description_zh: r.description['zh-CN'],
    description_en: r.description.en,
    permissions: toJson(r.permissions),
    data_scope: r.dataScope,
    created_at: change.at,
    updated_at: change.at,
    version: 1,
    deleted_at: null,
  }));
  await insertRoles(db, rows);
  for (const row of rows) await recordAudit(db, change, { entityType: 'role', entityId: row.id, action: 'create', after: toRole(row) });
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** Every role of the workspace; any member may read them (the user admin and profile pages show them). */
export async function listRoles(core: Core, ctx: RequestContext): Promise<Role[]> {
  return (await listRoleRows(core.db, ctx.actor.workspaceId)).map(toRole);
}

/** The roles with these ids, for permission resolution; unknown ids are simply absent. */
export async function getRolesByIds(db: Executor, workspaceId: string, ids: readonly string[]): Promise<Role[]> {
  return (await findRoleRowsByIds(db, workspaceId, ids)).map(toRole);
}

/** Changes a role's names, permissions or data scope. The admin role stays all-powerful so nobody locks the workspace out. */
export async function updateRole(core: Core, ctx: RequestContext, id: string, input: RoleUpdate): Promise<Role> {
  if (!ctx.actor.permissions.has('roles.manage')) throw new AppError('forbidden');
  return core.db.transaction().execute(async (trx) => {
    const row = await findRoleRow(trx, ctx.actor.workspaceId, id);
    if (!row) throw new AppError('not_found');
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: toRole(row) } });
    if (row.key === 'admin' && (input.permissions || input.dataScope)) throw new AppError('forbidden');
    const at = nowIso(core);
    const updated = await updateRoleRow(trx, ctx.actor.workspaceId, id, input.version, {
      updated_at: at,
      ...(input.name ? { name_zh: input.name['zh-CN'], name_en: input.name.en } : {}),
      ...(input.permissions ? { permissions: toJson([...new Set(input.permissions)]) } : {}),
      ...(input.dataScope ? { data_scope: input.dataScope } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: toRole(row) } });
    const before = toRole(row);
    const after = toRole(updated);
    await recordAudit(trx, { workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, requestId: ctx.requestId, at }, {
      entityType: 'role',
      entityId: id,
      action: 'update',
      fields: changedFields(before, after, ['name', 'permissions', 'dataScope']),
    });
    return after;
  });
}

/** The roles of a workspace, without a caller (CLI and seeding). */
export async function listRolesOfWorkspace(db: Executor, workspaceId: string): Promise<Role[]> {
  return (await listRoleRows(db, workspaceId)).map(toRole);
}

/** The roles a member holds (for the permission policy). */
export async function getRolesOfUser(db: Executor, workspaceId: string, userId: string): Promise<Role[]> {
  return (await findRoleRowsOfUser(db, workspaceId, userId)).map(toRole);
}
