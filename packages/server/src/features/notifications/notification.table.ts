export interface NotificationsTable {
  workspace_id: string;
  /** UUIDv7, so ordering by id is ordering by time. */
  id: string;
  /** Who is told. */
  user_id: string;
  kind: string;
  record_type: string | null;
  record_id: string | null;
  /** The record's name when it was written; the inbox shows the current one when it can. */
  record_name: string | null;
  actor_id: string | null;
  /** JSON text: { message?, source?, count? }. */
  payload: string;
  created_at: string;
  read_at: string | null;
}
