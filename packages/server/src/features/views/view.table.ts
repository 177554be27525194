export interface ViewsTable {
  workspace_id: string;
  id: string;
  entity: string;
  name: string;
  shared: number;
  /** JSON text: the list's query parameters. */
  filters: string;
  /** JSON text: the column keys, in order. */
  columns: string;
  owner_id: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}
