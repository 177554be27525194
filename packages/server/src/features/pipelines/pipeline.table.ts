export interface PipelinesTable {
  workspace_id: string;
  id: string;
  name_zh: string;
  name_en: string;
  /** 1 for the workspace's default pipeline (new deals land there), else 0. */
  is_default: number;
  /** JSON: PipelineRules (skipping, reasons for moving back). */
  rules: string;
  /** JSON: LossReason[]. */
  loss_reasons: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface PipelineStagesTable {
  workspace_id: string;
  id: string;
  pipeline_id: string;
  name_zh: string;
  name_en: string;
  position: number;
  probability: number;
  /** open | won | lost */
  outcome: string;
  /** JSON: StageRules (guidance, owner role, gate, tasks, time limit, cadence, who may move in). */
  rules: string;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

/** One stage change of a deal, append-only; the first has no `from_stage_id` (the deal was created). */
export interface StageEventsTable {
  workspace_id: string;
  id: string;
  opportunity_id: string;
  pipeline_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  actor_id: string | null;
  at: string;
  seconds_in_from: number | null;
  /** The deal's amount at the move, so funnel value reports need no history reconstruction. */
  amount_minor: number;
  /** Why a deal moved back or re-opened (when the pipeline asks). */
  reason: string | null;
}
