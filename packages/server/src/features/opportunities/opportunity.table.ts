export interface OpportunitiesTable {
  workspace_id: string;
  id: string;
  name: string;
  /** nameKey(name), for prefix filtering and sorting. */
  name_key: string;
  customer_id: string;
  contact_id: string | null;
  pipeline_id: string;
  stage_id: string;
  /** open | won | lost, following the stage's outcome. */
  status: string;
  amount_minor: number;
  currency: string;
  probability_override: number | null;
  expected_close_on: string | null;
  source: string | null;
  /** JSON text: an array of tag strings. */
  tags: string;
  owner_id: string | null;
  department_id: string | null;
  stage_entered_at: string;
  closed_at: string | null;
  last_follow_up_at: string | null;
  next_follow_up_on: string | null;
  /** JSON text: custom field values by field key. */
  custom: string;
  /** Key of the pipeline's loss reason, for lost deals. */
  loss_reason: string | null;
  competitor: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface DealTeamMembersTable {
  workspace_id: string;
  opportunity_id: string;
  user_id: string;
  role: string;
  /** read | edit */
  access: string;
  added_by: string | null;
  added_at: string;
}
