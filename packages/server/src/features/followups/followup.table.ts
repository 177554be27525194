export interface FollowUpsTable {
  workspace_id: string;
  id: string;
  target_type: string;
  target_id: string;
  /** The customer the target belongs to, so a customer's timeline gathers everything below it. */
  customer_id: string;
  type: string;
  occurred_at: string;
  content: string;
  outcome: string | null;
  next_step: string | null;
  /** YYYY-MM-DD in the workspace's timezone. */
  next_follow_up_on: string | null;
  /** JSON text: custom field values by field key. */
  custom: string;
  /** JSON text: the @mentioned member ids. */
  mentions: string;
  author_id: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}
