import { z } from 'zod';
import { IdSchema, requiredText, TimestampSchema, VersionSchema } from './common';

export const DepartmentSchema = z.object({
  id: IdSchema,
  name: z.string(),
  parentId: IdSchema.nullable(),
  headUserId: IdSchema.nullable(),
  sort: z.number().int(),
  memberCount: z.number().int(),
  createdAt: TimestampSchema,
  version: z.number().int(),
});
export type Department = z.infer<typeof DepartmentSchema>;

export const CreateDepartmentSchema = z.object({
  name: requiredText(60),
  parentId: IdSchema.nullable().default(null),
  headUserId: IdSchema.nullable().default(null),
  sort: z.number().int().min(0).max(100000).default(0),
});
export type CreateDepartment = z.infer<typeof CreateDepartmentSchema>;

export const UpdateDepartmentSchema = z.object({
  version: VersionSchema,
  name: requiredText(60).optional(),
  parentId: IdSchema.nullable().optional(),
  headUserId: IdSchema.nullable().optional(),
  sort: z.number().int().min(0).max(100000).optional(),
});
export type UpdateDepartment = z.infer<typeof UpdateDepartmentSchema>;

export interface DepartmentNode extends Department {
  children: DepartmentNode[];
}

/** Builds the tree the UI shows from the flat list the API returns, siblings ordered by sort then name. */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>(departments.map((d) => [d.id, { ...d, children: [] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: DepartmentNode[]) => {
    list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'));
    list.forEach((n) => order(n.children));
  };
  order(roots);
  return roots;
}
