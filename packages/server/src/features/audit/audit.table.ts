export interface AuditLogTable {
  workspace_id: string;
  id: string;
  at: string;
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  field: string | null;
  /** JSON text of the value before and after; null when there was none. */
  before: string | null;
  after: string | null;
  request_id: string | null;
}
