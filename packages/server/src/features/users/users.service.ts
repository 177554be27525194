import { createInstanceCache } from '../../shared/instance-cache';
import { AppError, type FieldError } from '@kairos/domain/errors';
import type { Locale } from '@kairos/domain/locale';
import { listScope, widestScope, type Actor } from '@kairos/domain/policy';
import type { Permission } from '@kairos/domain/roles';
import type { CreateUser, DirectoryEntry, DirectoryQuery, UpdateUser, User, UserListQuery } from '@kairos/domain/users';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { decodeTextKeyset, toPage } from '../../shared/cursor';
import { changedFields, recordAudit, type ChangeContext, changeOf } from '../audit/audit.service';
import { revokeSessionsOfUser } from '../auth/sessions.service';
import { hashPassword } from '../auth/password';
import { departmentPath } from '../departments/departments.service';
import { getRolesByIds, getRolesOfUser } from '../roles/roles.service';
import { revokeTokensOfUser } from '../tokens/tokens.service';
import type { UsersTable } from './user.table';
import {
  countActiveUsersWithRoleKey,
  findAccountByEmail,
  findMembershipsOfAccount,
  findUserRow,
  findUserRowWithDepartmentPath,
  insertAccountRow,
  insertUserRow,
  listUserRows,
  managerChain,
  replaceUserRoles,
  roleIdsOfUsers,
  subordinateIds,
  updateAccountPassword,
  updateUserRow,
  userIdExists,
  type UserRow,
} from './users.store';

function toUser(row: UserRow, roleIds: string[]): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    status: row.status,
    locale: row.locale as Locale,
    departmentId: row.department_id,
    managerId: row.manager_id,
    roleIds,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function userExists(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  return userIdExists(db, workspaceId, id);
}

/**
 * Resolves who a member is for the permission policy: permissions and the widest data scope of their
 * roles, their department's path and everyone who reports to them. Null when absent or deactivated.
 */
export async function loadActor(db: Executor, workspaceId: string, userId: string): Promise<{ actor: Actor; user: User } | null> {
  return actors.get(db, `${workspaceId}:${userId}`, () => readActor(db, workspaceId, userId));
}

/**
 * Who a member is, read on every authenticated request: each instance keeps it for a second. Any
 * change to members, roles or departments of a workspace drops all of its members (a manager's reports
 * change when someone else's manager does); see `forgetActorsOf`.
 */
const actors = createInstanceCache<{ actor: Actor; user: User } | null>(1000);

/** After a change to members, roles or departments (called once it is committed). */
export function forgetActorsOf(workspaceId: string): void {
  actors.dropPrefix(`${workspaceId}:`);
}

async function readActor(db: Executor, workspaceId: string, userId: string): Promise<{ actor: Actor; user: User } | null> {
  // Three queries, sent together so PostgreSQL answers them in one round trip's time.
  const [row, roles, subordinates] = await Promise.all([findUserRowWithDepartmentPath(db, workspaceId, userId), getRolesOfUser(db, workspaceId, userId), subordinateIds(db, workspaceId, userId)]);
  if (!row || row.status !== 'active') return null;
  return {
    user: toUser(row, roles.map((r) => r.id)),
    actor: {
      userId,
      workspaceId,
      permissions: new Set<Permission>(roles.flatMap((r) => r.permissions)),
      roleIds: roles.map((r) => r.id),
      dataScope: widestScope(roles.map((r) => r.dataScope)),
      departmentId: row.department_id,
      departmentPath: row.department_path,
      subordinateIds: subordinates,
    },
  };
}

/** The role keys of a user, for display on the profile. */
export async function roleKeysOf(db: Executor, workspaceId: string, roleIds: readonly string[]): Promise<string[]> {
  return (await getRolesByIds(db, workspaceId, roleIds)).map((r) => r.key);
}

/** Members visible to the caller: admins see everyone, others what their data scope allows. */
export async function listUsers(core: Core, ctx: RequestContext, query: UserListQuery): Promise<{ items: User[]; nextCursor: string | null }> {
  const { actor } = ctx;
  const scope = actor.permissions.has('users.manage') ? ({ kind: 'all' } as const) : listScope(actor, 'users.read');
  const binding = `users:${actor.userId}:${query.q ?? ''}:${query.departmentId ?? ''}:${query.status ?? ''}`;
  const key = decodeTextKeyset(core.cursors, query.cursor, binding);
  const after = key && { name: key.value, id: key.id };
  const rows = await listUserRows(core.db, actor.workspaceId, scope, { q: query.q || undefined, departmentId: query.departmentId, status: query.status, after }, query.limit + 1);
  const roles = await roleIdsOfUsers(core.db, actor.workspaceId, rows.map((r) => r.id));
  return toPage(rows, query.limit, (r) => toUser(r, roles.get(r.id) ?? []), (r) => [r.name, r.id], core.cursors, binding);
}

export async function getUser(core: Core, ctx: RequestContext, id: string): Promise<User> {
  const { actor } = ctx;
  const scope = actor.permissions.has('users.manage') ? ({ kind: 'all' } as const) : listScope(actor, 'users.read');
  const [row] = await listUserRows(core.db, actor.workspaceId, scope, { id }, 1);
  if (!row) throw new AppError('not_found');
  const roles = await roleIdsOfUsers(core.db, actor.workspaceId, [row.id]);
  return toUser(row, roles.get(row.id) ?? []);
}

async function validateRefs(db: Executor, workspaceId: string, input: { departmentId?: string | null; managerId?: string | null; roleIds?: string[] }, userId?: string) {
  const fields: FieldError[] = [];
  if (input.departmentId) {
    await departmentPath(db, workspaceId, input.departmentId, 'departmentId').catch(() => fields.push({ path: 'departmentId', code: 'unknown_department', message: 'unknown department' }));
  }
  if (input.managerId) {
    if (!(await userIdExists(db, workspaceId, input.managerId))) fields.push({ path: 'managerId', code: 'unknown_user', message: 'unknown user' });
    else if (userId && (input.managerId === userId || (await managerChain(db, workspaceId, input.managerId)).includes(userId))) {
      fields.push({ path: 'managerId', code: 'manager_cycle', message: 'manager cycle' });
    }
  }
  if (input.roleIds) {
    const unique = [...new Set(input.roleIds)];
    const found = await getRolesByIds(db, workspaceId, unique);
    unique.forEach((id, index) => {
      if (!found.some((r) => r.id === id)) fields.push({ path: `roleIds.${index}`, code: 'unknown_role', message: 'unknown role' });
    });
  }
  if (fields.length) throw new AppError('validation_failed', { fields });
}

/** Adds a member directly (setup, demo data, CLI and accepted invitations), without permission checks. */
export async function insertMember(
  db: Executor,
  change: ChangeContext,
  input: { name: string; email: string; passwordHash: string; departmentId: string | null; managerId: string | null; roleIds: string[]; locale: Locale },
): Promise<{ user: User; accountId: string }> {
  if (await findAccountByEmail(db, input.email)) throw new AppError('email_taken', { fields: [{ path: 'email', code: 'taken', message: 'taken' }] });
  const accountId = newId();
  await insertAccountRow(db, { id: accountId, email: input.email, password_hash: input.passwordHash, password_changed_at: change.at, created_at: change.at, updated_at: change.at });
  const row: UsersTable = {
    workspace_id: change.workspaceId,
    id: newId(),
    account_id: accountId,
    name: input.name,
    status: 'active',
    locale: input.locale,
    department_id: input.departmentId,
    manager_id: input.managerId,
    last_sign_in_at: null,
    created_at: change.at,
    updated_at: change.at,
    version: 1,
    deleted_at: null,
  };
  await insertUserRow(db, row);
  const roleIds = [...new Set(input.roleIds)];
  await replaceUserRoles(db, change.workspaceId, row.id, roleIds);
  const user = toUser({ ...row, email: input.email }, roleIds.sort());
  await recordAudit(db, change, { entityType: 'user', entityId: row.id, action: 'create', after: user });
  return { user, accountId };
}

/** An administrator adds a member with a password they pass on. */
export async function createUser(core: Core, ctx: RequestContext, input: CreateUser): Promise<User> {
  if (!ctx.actor.permissions.has('users.manage')) throw new AppError('forbidden');
  const passwordHash = await hashPassword(input.password);
  return core.db.transaction().execute(async (trx) => {
    await validateRefs(trx, ctx.actor.workspaceId, input);
    return (await insertMember(trx, changeOf(core, ctx), { ...input, passwordHash })).user;
  });
}

/**
 * Edits a member's name, department, manager, roles or status. Deactivating signs them out everywhere
 * and revokes their API tokens; the last active administrator cannot be removed.
 */
export async function updateUser(core: Core, ctx: RequestContext, id: string, input: UpdateUser): Promise<User> {
  if (!ctx.actor.permissions.has('users.manage')) throw new AppError('forbidden');
  return core.db.transaction().execute(async (trx) => {
    const ws = ctx.actor.workspaceId;
    const row = await findUserRow(trx, ws, id);
    if (!row) throw new AppError('not_found');
    const roleIds = (await roleIdsOfUsers(trx, ws, [id])).get(id) ?? [];
    const before = toUser(row, roleIds);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    await validateRefs(trx, ws, input, id);
    if (input.status === 'deactivated' && id === ctx.actor.userId) throw new AppError('cannot_deactivate_self');

    const change = changeOf(core, ctx);
    const wasAdmin = (await roleKeysOf(trx, ws, roleIds)).includes('admin');
    const nextRoleIds = input.roleIds ? [...new Set(input.roleIds)].sort() : roleIds;
    const staysAdmin = (await roleKeysOf(trx, ws, nextRoleIds)).includes('admin') && (input.status ?? row.status) === 'active';
    if (wasAdmin && !staysAdmin && (await countActiveUsersWithRoleKey(trx, ws, 'admin', id)) === 0) throw new AppError('last_admin');

    const updated = await updateUserRow(trx, ws, id, input.version, {
      updated_at: change.at,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.departmentId !== undefined ? { department_id: input.departmentId } : {}),
      ...(input.managerId !== undefined ? { manager_id: input.managerId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    if (input.roleIds) await replaceUserRoles(trx, ws, id, nextRoleIds);
    if (input.status === 'deactivated' && row.status !== 'deactivated') {
      await revokeSessionsOfUser(trx, ws, id);
      await revokeTokensOfUser(trx, ws, id, change.at);
    }
    const after = toUser({ ...updated, email: row.email }, nextRoleIds);
    await recordAudit(trx, change, {
      entityType: 'user',
      entityId: id,
      action: 'update',
      fields: changedFields(before, after, ['name', 'departmentId', 'managerId', 'roleIds', 'status']),
    });
    return after;
  });
}

/** An administrator sets a new password; the member is signed out everywhere. The hash never reaches the log. */
export async function resetPassword(core: Core, ctx: RequestContext, id: string, newPassword: string): Promise<void> {
  if (!ctx.actor.permissions.has('users.manage')) throw new AppError('forbidden');
  const hash = await hashPassword(newPassword);
  await core.db.transaction().execute(async (trx) => {
    const row = await findUserRow(trx, ctx.actor.workspaceId, id);
    if (!row) throw new AppError('not_found');
    const change = changeOf(core, ctx);
    await updateAccountPassword(trx, row.account_id, hash, change.at);
    await revokeSessionsOfUser(trx, ctx.actor.workspaceId, id);
    await recordAudit(trx, change, { entityType: 'user', entityId: id, action: 'reset_password' });
  });
}

/** The member changes their own name or language. */
export async function updateProfile(core: Core, ctx: RequestContext, input: { name?: string; locale?: Locale }): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    const row = await findUserRow(trx, ctx.actor.workspaceId, ctx.actor.userId);
    if (!row) throw new AppError('not_found');
    const change = changeOf(core, ctx);
    const updated = await updateUserRow(trx, ctx.actor.workspaceId, row.id, row.version, {
      updated_at: change.at,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
    });
    if (!updated) throw new AppError('version_conflict');
    await recordAudit(trx, change, {
      entityType: 'user',
      entityId: row.id,
      action: 'update_profile',
      fields: changedFields({ name: row.name, locale: row.locale }, { name: updated.name, locale: updated.locale }, ['name', 'locale']),
    });
  });
  // The answer re-reads the member: it must not come from the cache.
  forgetActorsOf(ctx.actor.workspaceId);
}

/** The active membership of the account with this e-mail (CLI). */
export async function findMemberByEmail(db: Executor, email: string): Promise<{ workspaceId: string; userId: string } | null> {
  const account = await findAccountByEmail(db, email);
  if (!account) return null;
  const member = (await findMembershipsOfAccount(db, account.id)).find((m) => m.status === 'active');
  return member ? { workspaceId: member.workspace_id, userId: member.id } : null;
}

/** An active member, with their department (owners of records must be one). */
export async function findActiveMember(db: Executor, workspaceId: string, id: string): Promise<{ id: string; name: string; departmentId: string | null } | null> {
  const row = await findUserRow(db, workspaceId, id);
  return row && row.status === 'active' ? { id: row.id, name: row.name, departmentId: row.department_id } : null;
}

/**
 * The member directory: names and departments of everyone in the workspace, for owner pickers,
 * transfers and mentions. Every member may read it, whatever their data scope; it holds no e-mail.
 */
export async function listDirectory(core: Core, ctx: RequestContext, query: DirectoryQuery): Promise<{ items: DirectoryEntry[]; nextCursor: string | null }> {
  const { actor } = ctx;
  const binding = `directory:${actor.userId}:${query.q ?? ''}:${query.includeDeactivated}`;
  const key = decodeTextKeyset(core.cursors, query.cursor, binding);
  const after = key && { name: key.value, id: key.id };
  const rows = await listUserRows(core.db, actor.workspaceId, { kind: 'all' }, { q: query.q || undefined, status: query.includeDeactivated ? undefined : 'active', after, nameOnly: true }, query.limit + 1);
  return toPage(rows, query.limit, (r) => ({ id: r.id, name: r.name, departmentId: r.department_id, status: r.status }), (r) => [r.name, r.id], core.cursors, binding);
}

/** Every active member with their e-mail, without a caller (seeding and CLI). */
export async function listDirectoryOfWorkspace(db: Executor, workspaceId: string): Promise<{ id: string; name: string; email: string }[]> {
  const rows = await listUserRows(db, workspaceId, { kind: 'all' }, { status: 'active' }, 1000);
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email }));
}
