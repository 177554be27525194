export interface FilesTable {
  workspace_id: string;
  id: string;
  target_type: string;
  target_id: string;
  customer_id: string;
  /** A key of the workspace's file categories (报价单 = quote…). */
  category: string;
  name: string;
  /** The sniffed content type, never the one the client claimed. */
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  /** The follow-up it is attached to, if any. */
  followup_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface FileBlobsTable {
  workspace_id: string;
  storage_key: string;
  content: Buffer;
}
