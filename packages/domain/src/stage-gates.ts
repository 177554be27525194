import { z } from 'zod';
import { IdSchema, requiredText, text } from './common';
import { DEAL_TEAM_ROLES } from './deal-team';
import type { Locale } from './locale';

/**
 * 阶段门槛 (stage gate): what must be true before a deal may enter a stage, and 节点动作 (stage tasks): the
 * checklist a stage hands to the deal team. Evaluation is a pure function of the deal, its files, tasks and
 * approvals, so the server, the board's gate dialog and the tests all judge a move the same way, and every
 * unmet item is listed at once.
 */

/** Deal fields a gate can require besides custom fields (`custom.<key>`). */
export const GATE_DEAL_FIELDS = ['amount', 'expectedCloseOn', 'contactId', 'source', 'tags'] as const;
export type GateDealField = (typeof GATE_DEAL_FIELDS)[number];

const FieldRefSchema = z.string().regex(/^(amount|expectedCloseOn|contactId|source|tags|custom\.[a-z][a-z0-9_]{0,39})$/, 'a deal field or custom.<key>');

export const StageGateSchema = z.object({
  /** Deal fields that must hold a value: built-in ones or `custom.<key>`. */
  requiredFields: z.array(FieldRefSchema).max(50).default([]),
  /** File categories the deal must have at least one file of (e.g. 报价单 before 商务谈判). */
  requiredFileCategories: z.array(text(40).pipe(z.string().min(1))).max(20).default([]),
  /** The required tasks of the stage being left must be done. */
  previousTasksDone: z.boolean().default(false),
  /** An approval that must have passed. Approval flows come later; the gate already names one by key. */
  approval: text(80).pipe(z.string().min(1)).nullable().default(null),
});
export type StageGate = z.infer<typeof StageGateSchema>;

export const TASK_ROLES = ['owner', ...DEAL_TEAM_ROLES] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

export const StageTaskTemplateSchema = z.object({
  /** Stable within the stage, so a renamed task keeps the deals' ticks. */
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  titleZh: requiredText(100),
  titleEn: text(100).default(''),
  /** Who on the deal team does it; `owner` (or a role nobody on the team has) goes to the deal owner. */
  role: z.enum(TASK_ROLES).default('owner'),
  /** Due this many days after the deal enters the stage; null: no due date. */
  dueInDays: z.number().int().min(0).max(365).nullable().default(null),
  /** A required task holds a gate that asks for the previous stage's tasks. */
  required: z.boolean().default(true),
});
export type StageTaskTemplate = z.infer<typeof StageTaskTemplateSchema>;

/** What a stage asks of deals beyond its name and position: shown to reps and enforced on moves. */
export const StageRulesSchema = z.object({
  /** What the stage means, shown on the deal: the guidance that makes a standard. */
  descriptionZh: text(1000).default(''),
  descriptionEn: text(1000).default(''),
  /** The role that owns deals in this stage (presales owns 需求分析), by role id. */
  ownerRoleId: IdSchema.nullable().default(null),
  gate: StageGateSchema.default({ requiredFields: [], requiredFileCategories: [], previousTasksDone: false, approval: null }),
  tasks: z.array(StageTaskTemplateSchema).max(30).default([]),
  /** Days in the stage before a deal counts as stalled; null: no limit. */
  timeLimitDays: z.number().int().min(1).max(3650).nullable().default(null),
  /** Most days allowed between follow-ups in this stage; null: no cadence. */
  followUpCadenceDays: z.number().int().min(1).max(365).nullable().default(null),
  /** Roles that may move deals into this stage; empty: whoever may edit the deal. */
  moveRoleIds: z.array(IdSchema).max(20).default([]),
});
export type StageRules = z.infer<typeof StageRulesSchema>;

/** A pipeline's own rules for moves. */
export const PipelineRulesSchema = z.object({
  /** May a deal jump over open stages (线索获取 straight to 方案报价)? */
  allowSkip: z.boolean().default(true),
  /** Must a move backwards (or re-opening a closed deal) say why? */
  backwardNeedsReason: z.boolean().default(true),
});
export type PipelineRules = z.infer<typeof PipelineRulesSchema>;

/** A stage task of one deal (GET /api/opportunities/{id}/tasks). */
export const DealTaskSchema = z.object({
  id: IdSchema,
  opportunityId: IdSchema,
  stageId: IdSchema,
  key: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  role: z.enum(TASK_ROLES),
  assigneeId: IdSchema.nullable(),
  required: z.boolean(),
  dueOn: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneBy: IdSchema.nullable(),
  createdAt: z.string(),
});
export type DealTask = z.infer<typeof DealTaskSchema>;

export const SetTaskDoneSchema = z.object({ done: z.boolean() });

/** One stage as the evaluation sees it. */
export interface GateStage {
  id: string;
  position: number;
  outcome: 'open' | 'won' | 'lost';
  nameZh: string;
  nameEn: string;
  rules: StageRules;
}

/** A task of the deal in its current stage. */
export interface GateTask {
  key: string;
  titleZh: string;
  titleEn: string;
  required: boolean;
  done: boolean;
}

export interface GateInput {
  pipeline: PipelineRules;
  /** Every stage of the pipeline (to know what a move skips). */
  stages: readonly GateStage[];
  from: GateStage;
  to: GateStage;
  /** The deal's values after the fields sent with the move: built-in names and `custom.<key>`. */
  values: Readonly<Record<string, unknown>>;
  /** Categories of the files attached to the deal. */
  fileCategories: ReadonlySet<string>;
  /** The deal's tasks in the stage it leaves. */
  tasks: readonly GateTask[];
  /** Keys of the approvals that have passed for this deal. */
  passedApprovals: ReadonlySet<string>;
  /** The mover's role ids; admins pass every role check. */
  actorRoleIds: readonly string[];
  actorIsAdmin: boolean;
  /** Why the deal moves backwards or re-opens. */
  reason?: string | null;
  /** Required to enter a lost stage: one of the pipeline's loss reasons. */
  lossReason?: string | null;
  lossReasons: readonly string[];
}

export type GateProblem =
  | { code: 'role_not_allowed' }
  | { code: 'skip_not_allowed'; skipped: string[] }
  | { code: 'reason_required' }
  | { code: 'loss_reason_required' }
  | { code: 'field_required'; field: string }
  | { code: 'file_required'; category: string }
  | { code: 'task_open'; key: string; titleZh: string; titleEn: string }
  | { code: 'approval_required'; approval: string };

export const GateProblemSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('role_not_allowed') }),
  z.object({ code: z.literal('skip_not_allowed'), skipped: z.array(z.string()) }),
  z.object({ code: z.literal('reason_required') }),
  z.object({ code: z.literal('loss_reason_required') }),
  z.object({ code: z.literal('field_required'), field: z.string() }),
  z.object({ code: z.literal('file_required'), category: z.string() }),
  z.object({ code: z.literal('task_open'), key: z.string(), titleZh: z.string(), titleEn: z.string() }),
  z.object({ code: z.literal('approval_required'), approval: z.string() }),
]);

/** Empty: no value for a gate (null, blank text, an empty list, or an amount of 0). */
export function isBlank(field: string, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (field === 'amount' && value === 0) return true;
  return false;
}

/** Open stages strictly between two positions, in board order. */
function skippedStages(stages: readonly GateStage[], from: GateStage, to: GateStage): GateStage[] {
  const lastOpen = Math.max(...stages.filter((s) => s.outcome === 'open').map((s) => s.position));
  // Won counts as the step after the last open stage; lost may follow any stage.
  const target = to.outcome === 'won' ? lastOpen + 1 : to.position;
  return stages.filter((s) => s.outcome === 'open' && s.position > from.position && s.position < target);
}

/** True when the move goes back to an earlier open stage or re-opens a closed deal. */
export function isBackward(from: GateStage, to: GateStage): boolean {
  if (from.outcome !== 'open') return to.outcome === 'open' || to.outcome !== from.outcome;
  return to.outcome === 'open' && to.position < from.position;
}

/**
 * Everything that stands between a deal and the stage it should enter, in the order a person would fix
 * them. An empty list means the move may happen.
 */
export function evaluateGate(input: GateInput): GateProblem[] {
  const { from, to } = input;
  const problems: GateProblem[] = [];
  if (from.id === to.id) return problems;

  const allowed = to.rules.moveRoleIds;
  if (!input.actorIsAdmin && allowed.length > 0 && !input.actorRoleIds.some((id) => allowed.includes(id))) problems.push({ code: 'role_not_allowed' });

  const backward = isBackward(from, to);
  if (!backward && from.outcome === 'open' && to.outcome !== 'lost' && !input.pipeline.allowSkip) {
    const skipped = skippedStages(input.stages, from, to);
    if (skipped.length > 0) problems.push({ code: 'skip_not_allowed', skipped: skipped.map((s) => s.id) });
  }
  if (backward && input.pipeline.backwardNeedsReason && !input.reason?.trim()) problems.push({ code: 'reason_required' });
  if (to.outcome === 'lost' && (!input.lossReason || !input.lossReasons.includes(input.lossReason))) problems.push({ code: 'loss_reason_required' });

  // Moving back or re-opening asks for a reason only: the gate of an earlier stage was passed once already.
  if (backward) return problems;

  const { gate } = to.rules;
  for (const field of gate.requiredFields) if (isBlank(field, input.values[field])) problems.push({ code: 'field_required', field });
  for (const category of gate.requiredFileCategories) if (!input.fileCategories.has(category)) problems.push({ code: 'file_required', category });
  if (gate.previousTasksDone) {
    for (const task of input.tasks) if (task.required && !task.done) problems.push({ code: 'task_open', key: task.key, titleZh: task.titleZh, titleEn: task.titleEn });
  }
  if (gate.approval && !input.passedApprovals.has(gate.approval)) problems.push({ code: 'approval_required', approval: gate.approval });
  return problems;
}

/** Names the UI and the error message need to describe a problem. */
export interface GateLabels {
  field: (field: string) => string;
  category: (key: string) => string;
  stage: (id: string) => string;
}

/** One unmet item in the reader's language, for the 422 and the gate dialog. */
export function gateProblemText(problem: GateProblem, locale: Locale, labels: GateLabels): string {
  const zh = locale !== 'en';
  switch (problem.code) {
    case 'role_not_allowed':
      return zh ? '您的角色不能把商机推进到该阶段，请联系有权限的同事。' : 'Your role may not move deals into this stage; ask a colleague who may.';
    case 'skip_not_allowed': {
      const names = problem.skipped.map(labels.stage).join(zh ? '、' : ', ');
      return zh ? `不能跳过阶段：${names}` : `Stages cannot be skipped: ${names}`;
    }
    case 'reason_required':
      return zh ? '退回或重新打开商机需要填写原因。' : 'Moving a deal back or re-opening it needs a reason.';
    case 'loss_reason_required':
      return zh ? '请选择输单原因。' : 'Choose a loss reason.';
    case 'field_required':
      return zh ? `请填写「${labels.field(problem.field)}」` : `Fill in "${labels.field(problem.field)}"`;
    case 'file_required':
      return zh ? `请上传「${labels.category(problem.category)}」` : `Upload a "${labels.category(problem.category)}" file`;
    case 'task_open':
      return zh ? `请先完成节点动作「${problem.titleZh}」` : `Finish the stage task "${problem.titleEn || problem.titleZh}" first`;
    case 'approval_required':
      return zh ? `需要先通过审批「${problem.approval}」` : `The approval "${problem.approval}" must pass first`;
  }
}

/** The deal's win probability: the stage's, unless the owner set one for this stage. */
export function effectiveProbability(stageProbability: number, override: number | null): number {
  return override ?? stageProbability;
}

/** Due date (YYYY-MM-DD) of a task created when a deal enters a stage on `enteredOn`. */
export function taskDueOn(enteredOn: string, dueInDays: number | null): string | null {
  if (dueInDays === null) return null;
  const date = new Date(`${enteredOn}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + dueInDays);
  return date.toISOString().slice(0, 10);
}

/** Days a deal has been in its stage, and whether that is past the stage's time limit (stalled). */
export function stageAge(enteredAt: string, now: Date, timeLimitDays: number | null): { days: number; stalled: boolean } {
  const days = Math.max(0, Math.floor((now.getTime() - Date.parse(enteredAt)) / 86_400_000));
  return { days, stalled: timeLimitDays !== null && days > timeLimitDays };
}
