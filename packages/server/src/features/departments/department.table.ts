export interface DepartmentsTable {
  workspace_id: string;
  id: string;
  name: string;
  parent_id: string | null;
  /** Materialised path of ids, `/root/child/`, so a subtree is one indexed prefix range. */
  path: string;
  sort: number;
  head_user_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}
