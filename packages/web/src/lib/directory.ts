import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { pageOf } from '@kairos/domain/common';
import { buildDepartmentTree, DepartmentSchema, type Department, type DepartmentNode } from '@kairos/domain/departments';
import { RoleSchema } from '@kairos/domain/roles';
import { DirectoryEntrySchema, UserSchema, type DirectoryEntry } from '@kairos/domain/users';
import { WorkspaceSettingsSchema } from '@kairos/domain/workspace';
import { request } from './api';

/**
 * Reference data several features show or pick from (departments, roles, people). Kept here, in the
 * shared layer, so features never import each other; mutations stay in their own feature and
 * invalidate these keys.
 */
export const departmentsKey = ['departments'] as const;
export const rolesKey = ['roles'] as const;
export const usersKey = ['users'] as const;
export const directoryKey = ['directory'] as const;
export const workspaceSettingsKey = ['workspace', 'settings'] as const;

const DepartmentPageSchema = pageOf(DepartmentSchema);
const RolePageSchema = pageOf(RoleSchema);
const UserPageSchema = pageOf(UserSchema);
const DirectoryPageSchema = pageOf(DirectoryEntrySchema);

/** Enough pages of the directory for any team this UI is built for; beyond it, names show as "—". */
const DIRECTORY_MAX_PAGES = 10;

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: departmentsKey,
    queryFn: () => request('/api/departments', { query: { limit: 200 }, schema: DepartmentPageSchema }),
    enabled,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: rolesKey,
    queryFn: () => request('/api/roles', { query: { limit: 200 }, schema: RolePageSchema }),
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** Active people for pickers (manager, head of department): the first 200, which covers most teams. */
export function useUserOptions(enabled = true) {
  return useQuery({
    queryKey: [...usersKey, 'options'],
    queryFn: () => request('/api/users', { query: { limit: 200, status: 'active' }, schema: UserPageSchema }),
    enabled,
  });
}

export interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

/** Department tree for TreeSelect; `disabledIds` (and their subtrees) cannot be picked. */
export function departmentTreeOptions(departments: readonly Department[], disabledIds: ReadonlySet<string> = new Set()): TreeOption[] {
  const convert = (node: DepartmentNode, parentDisabled: boolean): TreeOption => {
    const disabled = parentDisabled || disabledIds.has(node.id);
    return { value: node.id, title: node.name, disabled, children: node.children.map((c) => convert(c, disabled)) };
  };
  return buildDepartmentTree(departments).map((n) => convert(n, false));
}

/**
 * The member directory (names only, every member may read it), deactivated people included so old
 * owners and authors keep their names. Pickers offer the active ones (`activeMembers`).
 */
export function useDirectory(enabled = true) {
  return useQuery({
    queryKey: directoryKey,
    queryFn: async ({ signal }) => {
      const items: DirectoryEntry[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < DIRECTORY_MAX_PAGES; page++) {
        const result = await request('/api/directory', { query: { limit: 200, includeDeactivated: true, cursor }, schema: DirectoryPageSchema, signal });
        items.push(...result.items);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      return items;
    },
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** Member id → name, from the directory; empty until it has loaded. */
export function useMemberNames(): Map<string, string> {
  const directory = useDirectory();
  return useMemo(() => new Map((directory.data ?? []).map((m) => [m.id, m.name])), [directory.data]);
}

/** Select options for picking a member: the active ones, by name. */
export function memberOptions(members: readonly DirectoryEntry[] | undefined, exclude: ReadonlySet<string> = new Set()) {
  return (members ?? []).filter((m) => m.status === 'active' && !exclude.has(m.id)).map((m) => ({ value: m.id, label: m.name }));
}

/** Workspace-wide rules (duplicate policy, recycle-bin days); every member may read them. */
export function useWorkspaceSettings(enabled = true) {
  return useQuery({
    queryKey: workspaceSettingsKey,
    queryFn: () => request('/api/workspace/settings', { schema: WorkspaceSettingsSchema }),
    staleTime: 5 * 60_000,
    enabled,
  });
}
