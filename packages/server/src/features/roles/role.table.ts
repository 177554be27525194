export interface RolesTable {
  workspace_id: string;
  id: string;
  /** Stable key; the seeded roles use the names in DEFAULT_ROLES. */
  key: string;
  name_zh: string;
  name_en: string;
  description_zh: string;
  description_en: string;
  /** JSON text: an array of permission names. */
  permissions: string;
  data_scope: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}
