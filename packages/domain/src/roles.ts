import { z } from 'zod';
import type { Localized } from './locale';

/**
 * Permissions are verbs on areas. Record permissions (`records.*`) cover customers, contacts, opportunities
 * and follow-ups; which of those records a user may touch is then narrowed by the role's data scope.
 */
export const PERMISSIONS = [
  'records.read',
  'records.create',
  'records.edit',
  'records.delete',
  'records.transfer',
  'records.export',
  'users.read',
  'users.manage',
  'departments.manage',
  'roles.manage',
  'workspace.manage',
  'pipelines.manage',
  'approvals.decide',
  'reports.read',
] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

/**
 * How far a role sees: its own records (and deals it is on the team of), its department, its department
 * and every department below, or the whole workspace. Ordered from narrow to wide.
 */
export const DATA_SCOPES = ['own', 'department', 'subtree', 'all'] as const;
export const DataScopeSchema = z.enum(DATA_SCOPES);
export type DataScope = z.infer<typeof DataScopeSchema>;

export const ROLE_KEYS = ['admin', 'manager', 'sales', 'presales', 'legal', 'finance', 'viewer'] as const;
export type SystemRoleKey = (typeof ROLE_KEYS)[number];

export interface RoleTemplate {
  key: SystemRoleKey;
  name: Localized;
  description: Localized;
  permissions: Permission[];
  dataScope: DataScope;
}

const RECORD_WORK: Permission[] = ['records.read', 'records.create', 'records.edit', 'records.transfer', 'users.read', 'reports.read'];

/** The roles every new workspace starts with. Admins can edit their permissions later. */
export const DEFAULT_ROLES: RoleTemplate[] = [
  {
    key: 'admin',
    name: { 'zh-CN': '管理员', en: 'Administrator' },
    description: { 'zh-CN': '管理用户、部门、角色与全部数据', en: 'Manages users, departments, roles and all data' },
    permissions: [...PERMISSIONS],
    dataScope: 'all',
  },
  {
    key: 'manager',
    name: { 'zh-CN': '业务负责人', en: 'Sales manager' },
    description: { 'zh-CN': '设计流程、分配与复盘，查看本部门及下级部门的数据', en: 'Designs the process, assigns and reviews; sees their department and below' },
    permissions: [...RECORD_WORK, 'records.delete', 'records.export', 'pipelines.manage', 'approvals.decide'],
    dataScope: 'subtree',
  },
  {
    key: 'sales',
    name: { 'zh-CN': '销售', en: 'Sales rep' },
    description: { 'zh-CN': '跟进自己负责或参与的客户与商机', en: 'Works the customers and deals they own or are on the team of' },
    permissions: RECORD_WORK,
    dataScope: 'own',
  },
  {
    key: 'presales',
    name: { 'zh-CN': '售前 / 技术', en: 'Presales / engineer' },
    description: { 'zh-CN': '作为团队成员参与商机的方案与技术工作', en: 'Joins deal teams for solution and technical work' },
    permissions: ['records.read', 'records.edit', 'users.read'],
    dataScope: 'own',
  },
  {
    key: 'legal',
    name: { 'zh-CN': '法务', en: 'Legal' },
    description: { 'zh-CN': '审批合同，查看全部商机', en: 'Approves contracts; reads all deals' },
    permissions: ['records.read', 'users.read', 'approvals.decide'],
    dataScope: 'all',
  },
  {
    key: 'finance',
    name: { 'zh-CN': '财务', en: 'Finance' },
    description: { 'zh-CN': '审批报价、折扣与开票，查看全部商机与报表', en: 'Approves quotes, discounts and invoices; reads all deals and reports' },
    permissions: ['records.read', 'users.read', 'approvals.decide', 'reports.read', 'records.export'],
    dataScope: 'all',
  },
  {
    key: 'viewer',
    name: { 'zh-CN': '只读', en: 'Viewer' },
    description: { 'zh-CN': '只读查看本部门数据', en: 'Read-only access to their department' },
    permissions: ['records.read', 'users.read'],
    dataScope: 'department',
  },
];

export const RoleSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  description: z.object({ 'zh-CN': z.string(), en: z.string() }),
  permissions: z.array(PermissionSchema),
  dataScope: DataScopeSchema,
  system: z.boolean(),
  version: z.number().int(),
});
export type Role = z.infer<typeof RoleSchema>;

export const RoleUpdateSchema = z.object({
  version: z.number().int().positive(),
  name: z.object({ 'zh-CN': z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) }).optional(),
  permissions: z.array(PermissionSchema).max(PERMISSIONS.length).optional(),
  dataScope: DataScopeSchema.optional(),
});
export type RoleUpdate = z.infer<typeof RoleUpdateSchema>;
