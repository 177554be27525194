/** A stage task (节点动作) of one deal, created when the deal enters the stage from the stage's checklist. */
export interface DealTasksTable {
  workspace_id: string;
  id: string;
  opportunity_id: string;
  stage_id: string;
  /** The template's key within the stage: ticks survive a renamed task. */
  task_key: string;
  title_zh: string;
  title_en: string;
  /** owner or a deal-team role. */
  role: string;
  assignee_id: string | null;
  /** 1 when the next stage's gate may ask for it. */
  required: number;
  due_on: string | null;
  done_at: string | null;
  done_by: string | null;
  created_at: string;
}
