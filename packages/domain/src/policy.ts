import type { DataScope, Permission } from './roles';
import { DATA_SCOPES } from './roles';

/**
 * The permission policy. Plain functions: given who is asking and what a record looks like, may they act
 * on it, and which rows may a list show. The server applies `listScope` in SQL and `can` on every write,
 * so lists, counts, search, exports, events and reports all agree on what a user sees.
 */
export interface Actor {
  userId: string;
  workspaceId: string;
  permissions: ReadonlySet<Permission>;
  /** The member's roles: field-level access is set per role. */
  roleIds: readonly string[];
  /** The widest data scope among the user's roles. */
  dataScope: DataScope;
  departmentId: string | null;
  /** Materialised path of the user's department, e.g. `/a/b/`; null when in no department. */
  departmentPath: string | null;
  /** Users who report to this user, directly or indirectly (managers see their reports' records). */
  subordinateIds: readonly string[];
}

/** What the policy needs to know about a record to decide. */
export interface ScopedRecord {
  ownerId: string | null;
  departmentId: string | null;
  /** Materialised path of the record's department. */
  departmentPath: string | null;
  /** Deal-team members (opportunities): they may read the record whatever their scope. */
  teamUserIds?: readonly string[];
  /** Deal-team members with edit access: they may also edit it (never delete, transfer or export it). */
  teamEditorIds?: readonly string[];
}

export type Action = 'read' | 'edit' | 'delete' | 'transfer' | 'export';

const ACTION_PERMISSION: Record<Action, Permission> = {
  read: 'records.read',
  edit: 'records.edit',
  delete: 'records.delete',
  transfer: 'records.transfer',
  export: 'records.export',
};

/**
 * The rows a list may show, as data the store turns into SQL: a row is visible when any clause matches.
 * `none` means the user may see nothing (no read permission).
 */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | {
      kind: 'limited';
      ownerIds: string[];
      departmentIds: string[];
      departmentPathPrefix: string | null;
      teamUserId: string;
    };

export function widestScope(scopes: readonly DataScope[]): DataScope {
  let best = 0;
  for (const scope of scopes) best = Math.max(best, DATA_SCOPES.indexOf(scope));
  return DATA_SCOPES[best] ?? 'own';
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

/** The scope a list query must apply for `permission` (read by default, export for exports). */
export function listScope(actor: Actor, permission: Permission = 'records.read'): ListScope {
  if (!actor.permissions.has(permission)) return { kind: 'none' };
  if (actor.dataScope === 'all') return { kind: 'all' };
  const ownerIds = [actor.userId, ...actor.subordinateIds];
  const departmentIds = actor.dataScope === 'department' && actor.departmentId ? [actor.departmentId] : [];
  const departmentPathPrefix = actor.dataScope === 'subtree' ? actor.departmentPath : null;
  return { kind: 'limited', ownerIds, departmentIds, departmentPathPrefix, teamUserId: actor.userId };
}

/** Whether `record` falls inside the actor's data scope (ignoring which action is asked). */
export function inScope(actor: Actor, record: ScopedRecord): boolean {
  return matchesScope(listScope(actor, 'records.read'), record);
}

export function matchesScope(scope: ListScope, record: ScopedRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'limited':
      return (
        (record.ownerId !== null && scope.ownerIds.includes(record.ownerId)) ||
        (record.departmentId !== null && scope.departmentIds.includes(record.departmentId)) ||
        (scope.departmentPathPrefix !== null &&
          record.departmentPath !== null &&
          record.departmentPath.startsWith(scope.departmentPathPrefix)) ||
        (record.teamUserIds ?? []).includes(scope.teamUserId)
      );
  }
}

/** May the actor perform `action` on `record`? Needs the action's permission and the record in scope. */
export function can(actor: Actor, action: Action, record: ScopedRecord): boolean {
  const permission = ACTION_PERMISSION[action];
  if (!actor.permissions.has(permission)) return false;
  // Team membership opens reading (any member) and editing (edit members); every other action needs scope.
  const team = action === 'read' ? record.teamUserIds : action === 'edit' ? record.teamEditorIds : undefined;
  return matchesScope(listScope(actor, permission), { ...record, teamUserIds: team ?? [] });
}

