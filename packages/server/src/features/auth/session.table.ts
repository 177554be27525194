export interface SessionsTable {
  /** sha256 of the cookie's secret; the secret itself is never stored. */
  id: string;
  workspace_id: string;
  user_id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** Failed sign-ins per account and per IP, kept in the database so the limit holds across instances. */
export interface SignInThrottlesTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}
