export interface CommentsTable {
  workspace_id: string;
  id: string;
  target_type: string;
  target_id: string;
  /** The record's customer (itself for a customer): a customer's timeline shows its children's comments. */
  customer_id: string;
  body: string;
  /** JSON text: the mentioned member ids. */
  mentions: string;
  author_id: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface CommentMentionsTable {
  workspace_id: string;
  comment_id: string;
  user_id: string;
  created_at: string;
}
