export interface CustomFieldsTable {
  workspace_id: string;
  id: string;
  /** customer | contact | opportunity | followup */
  entity: string;
  key: string;
  label_zh: string;
  label_en: string;
  type: string;
  required: number;
  /** JSON text: the options of a choice field. */
  options: string;
  position: number;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}
