/** A sign-in identity. Global, so one person can later belong to several workspaces. */
export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

/** A member of a workspace: the account's name, department, manager and status there. */
export interface UsersTable {
  workspace_id: string;
  id: string;
  account_id: string;
  name: string;
  status: 'active' | 'deactivated';
  locale: string;
  department_id: string | null;
  manager_id: string | null;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface UserRolesTable {
  workspace_id: string;
  user_id: string;
  role_id: string;
}
