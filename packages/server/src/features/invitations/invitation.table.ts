export interface InvitationsTable {
  workspace_id: string;
  id: string;
  token_hash: string;
  email: string;
  /** JSON text: role ids the new user gets. */
  role_ids: string;
  department_id: string | null;
  manager_id: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}
