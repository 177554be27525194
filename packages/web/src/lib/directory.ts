import { useQuery } from '@tanstack/react-query';
import { pageOf } from '@kairos/domain/common';
import { buildDepartmentTree, DepartmentSchema, type Department, type DepartmentNode } from '@kairos/domain/departments';
import { RoleSchema } from '@kairos/domain/roles';
import { UserSchema } from '@kairos/domain/users';
import { request } from './api';

/**
 * Reference data several features show or pick from (departments, roles, people). Kept here, in the
 * shared layer, so features never import each other; mutations stay in their own feature and
 * invalidate these keys.
 */
export const departmentsKey = ['departments'] as const;
export const rolesKey = ['roles'] as const;
export const usersKey = ['users'] as const;

const DepartmentPageSchema = pageOf(DepartmentSchema);
const RolePageSchema = pageOf(RoleSchema);
const UserPageSchema = pageOf(UserSchema);

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
