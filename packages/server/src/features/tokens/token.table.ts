export interface ApiTokensTable {
  workspace_id: string;
  id: string;
  user_id: string;
  name: string;
  /** The first characters of the token, shown so users can tell their tokens apart. */
  prefix: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
