/** A create that was made with an Idempotency-Key, and the answer it got, for replays. */
export interface IdempotencyKeysTable {
  workspace_id: string;
  user_id: string;
  key: string;
  /** sha256 of the method, path and body: the same key with another request is refused. */
  request_hash: string;
  /** JSON text of the response body the first request got. */
  response: string;
  created_at: string;
}
