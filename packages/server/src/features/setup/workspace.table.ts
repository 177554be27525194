export interface WorkspacesTable {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  locale: string;
  /** JSON text: workspace-wide settings that later features add to. */
  settings: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

/** Key/value settings of the installation itself (not of a workspace), e.g. the cursor-signing secret. */
export interface SystemSettingsTable {
  key: string;
  value: string;
}
