import { z } from 'zod';
import { IdSchema, requiredText, text, TimestampSchema } from './common';
import { PipelineRulesSchema, StageRulesSchema, type StageRules } from './stage-gates';

/**
 * A pipeline (销售流程) and its stages. Every deal sits in one stage; won and lost are the two closing
 * stages every pipeline has. Gates, stage tasks, time limits and cadences hang off the stage later, so
 * the stage is its own row with its own id from the start.
 */
export const STAGE_OUTCOMES = ['open', 'won', 'lost'] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

export const StageSchema = z.object({
  id: IdSchema,
  pipelineId: IdSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  /** Order on the board; won and lost come after every open stage. */
  position: z.number().int(),
  /** Win probability of a deal in this stage, 0–100. */
  probability: z.number().int().min(0).max(100),
  outcome: z.enum(STAGE_OUTCOMES),
  /** Guidance, owner role, gate, tasks, time limit, cadence and who may move deals in (see stage-gates.ts). */
  rules: StageRulesSchema,
});
export type Stage = z.infer<typeof StageSchema>;

/** 输单原因: lost deals must name one; the pipeline keeps the list. */
export const LossReasonSchema = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  labelZh: requiredText(40),
  labelEn: text(40).default(''),
});
export type LossReason = z.infer<typeof LossReasonSchema>;

export const DEFAULT_LOSS_REASONS: LossReason[] = [
  { key: 'price', labelZh: '价格', labelEn: 'Price' },
  { key: 'competitor', labelZh: '竞争对手', labelEn: 'Competitor' },
  { key: 'no_budget', labelZh: '没有预算', labelEn: 'No budget' },
  { key: 'no_decision', labelZh: '客户未决策', labelEn: 'No decision' },
  { key: 'requirements', labelZh: '需求不匹配', labelEn: 'Requirements not met' },
  { key: 'other', labelZh: '其他', labelEn: 'Other' },
];

export const PipelineSchema = z.object({
  id: IdSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  isDefault: z.boolean(),
  rules: PipelineRulesSchema,
  lossReasons: z.array(LossReasonSchema),
  stages: z.array(StageSchema),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Pipeline = z.infer<typeof PipelineSchema>;

/**
 * A pipeline's whole definition: what PUT /api/pipelines/{id} writes, export gives and import takes.
 * Stages are in board order; an existing stage keeps its `id` (its deals stay in it), a stage without one
 * is new. Open stages come first, then exactly one won and one lost stage.
 */
export const PipelineDefinitionSchema = z
  .object({
    nameZh: requiredText(40),
    nameEn: text(40).default(''),
    rules: PipelineRulesSchema.default({ allowSkip: true, backwardNeedsReason: true }),
    lossReasons: z.array(LossReasonSchema).min(1).max(30).default(DEFAULT_LOSS_REASONS),
    stages: z
      .array(
        z.object({
          id: IdSchema.optional(),
          nameZh: requiredText(20),
          nameEn: text(40).default(''),
          probability: z.number().int().min(0).max(100),
          outcome: z.enum(STAGE_OUTCOMES).default('open'),
          rules: StageRulesSchema.default(StageRulesSchema.parse({})),
        }),
      )
      .min(3)
      .max(20),
  })
  .superRefine((def, ctx) => {
    const outcomes = def.stages.map((s) => s.outcome);
    const firstClosed = outcomes.findIndex((o) => o !== 'open');
    if (outcomes.filter((o) => o === 'won').length !== 1 || outcomes.filter((o) => o === 'lost').length !== 1 || firstClosed < 1 || outcomes.slice(firstClosed).some((o) => o === 'open')) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'open stages first, then one won and one lost stage', params: { reason: 'stage_order' } });
    }
    const seen = new Set<string>();
    def.stages.forEach((s, i) => {
      if (s.id && seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: 'a stage appears twice' });
      if (s.id) seen.add(s.id);
      const keys = s.rules.tasks.map((t) => t.key);
      keys.forEach((key, j) => {
        if (keys.indexOf(key) !== j) ctx.addIssue({ code: 'custom', path: ['stages', i, 'rules', 'tasks', j, 'key'], message: 'task keys must be unique within a stage' });
      });
    });
    const reasons = def.lossReasons.map((r) => r.key);
    reasons.forEach((key, i) => {
      if (reasons.indexOf(key) !== i) ctx.addIssue({ code: 'custom', path: ['lossReasons', i, 'key'], message: 'loss reason keys must be unique' });
    });
  });
export type PipelineDefinition = z.infer<typeof PipelineDefinitionSchema>;

/** A pipeline as a definition (what export writes and PUT takes); a copy, safe to edit. */
export function definitionOfPipeline(pipeline: Pick<Pipeline, 'nameZh' | 'nameEn' | 'rules' | 'lossReasons' | 'stages'>): PipelineDefinition {
  return structuredClone({
    nameZh: pipeline.nameZh,
    nameEn: pipeline.nameEn,
    rules: pipeline.rules,
    lossReasons: pipeline.lossReasons,
    stages: pipeline.stages.map((s) => ({ id: s.id, nameZh: s.nameZh, nameEn: s.nameEn, probability: s.probability, outcome: s.outcome, rules: s.rules })),
  });
}

/** A copy of the definition without the roles this workspace lacks (an import from elsewhere, a restore after a role was deleted). */
export function withKnownRoles(definition: PipelineDefinition, roleIds: ReadonlySet<string>): PipelineDefinition {
  return {
    ...structuredClone(definition),
    stages: definition.stages.map((s) => ({
      ...structuredClone(s),
      rules: {
        ...structuredClone(s.rules),
        ownerRoleId: s.rules.ownerRoleId && roleIds.has(s.rules.ownerRoleId) ? s.rules.ownerRoleId : null,
        moveRoleIds: s.rules.moveRoleIds.filter((id) => roleIds.has(id)),
      },
    })),
  };
}

/** PUT /api/pipelines/{id}: the definition and the version it was edited from. */
export const UpdatePipelineSchema = z.object({ version: z.number().int().min(1), definition: PipelineDefinitionSchema });

/** The export document: the definition plus what it came from, so an import can say so. */
export const PipelineExportSchema = z.object({
  kind: z.literal('kairos.pipeline'),
  exportedAt: TimestampSchema,
  version: z.number().int(),
  definition: PipelineDefinitionSchema,
});

/** The pipeline every workspace starts with: five open stages, then won and lost. */
export const DEFAULT_PIPELINE = {
  nameZh: '新业务',
  nameEn: 'New business',
  stages: [
    { nameZh: '线索获取', nameEn: 'Lead', probability: 10, outcome: 'open' },
    { nameZh: '需求分析', nameEn: 'Needs analysis', probability: 25, outcome: 'open' },
    { nameZh: '方案报价', nameEn: 'Proposal', probability: 50, outcome: 'open' },
    { nameZh: '商务谈判', nameEn: 'Negotiation', probability: 75, outcome: 'open' },
    { nameZh: '合同签署', nameEn: 'Contract', probability: 90, outcome: 'open' },
    { nameZh: '赢单', nameEn: 'Won', probability: 100, outcome: 'won' },
    { nameZh: '输单', nameEn: 'Lost', probability: 0, outcome: 'lost' },
  ],
} as const satisfies { nameZh: string; nameEn: string; stages: readonly Omit<Stage, 'id' | 'pipelineId' | 'position' | 'rules'>[] };

/**
 * What each default stage means and the checklist it hands the deal team: a new workspace starts with a
 * written-down process instead of five bare names. Gates start empty; the admin decides what to enforce.
 */
export const DEFAULT_STAGE_GUIDANCE: Record<string, Pick<StageRules, 'descriptionZh' | 'descriptionEn' | 'tasks' | 'timeLimitDays' | 'followUpCadenceDays'>> = {
  线索获取: {
    descriptionZh: '确认客户有真实需求和联系人，记录来源。',
    descriptionEn: 'Confirm a real need and a contact person; record where the lead came from.',
    tasks: [{ key: 'first-contact', titleZh: '首次联系客户', titleEn: 'First contact with the customer', role: 'owner', dueInDays: 2, required: true }],
    timeLimitDays: 14,
    followUpCadenceDays: 7,
  },
  需求分析: {
    descriptionZh: '与关键人确认需求、预算、决策流程和时间表。',
    descriptionEn: 'Confirm needs, budget, decision process and timeline with the key people.',
    tasks: [{ key: 'needs-doc', titleZh: '整理需求文档', titleEn: 'Write up the requirements', role: 'presales', dueInDays: 5, required: true }],
    timeLimitDays: 21,
    followUpCadenceDays: 7,
  },
  方案报价: {
    descriptionZh: '提交方案与报价单，确认客户对方案的反馈。',
    descriptionEn: 'Send the proposal and quote; get the customer’s feedback on them.',
    tasks: [{ key: 'send-quote', titleZh: '发送报价单', titleEn: 'Send the quote', role: 'owner', dueInDays: 3, required: true }],
    timeLimitDays: 21,
    followUpCadenceDays: 5,
  },
  商务谈判: {
    descriptionZh: '谈妥价格、付款和合同条款，确认签约时间。',
    descriptionEn: 'Agree on price, payment and contract terms; fix the signing date.',
    tasks: [{ key: 'terms', titleZh: '确认合同条款', titleEn: 'Agree the contract terms', role: 'owner', dueInDays: 7, required: true }],
    timeLimitDays: 30,
    followUpCadenceDays: 5,
  },
  合同签署: {
    descriptionZh: '走完合同审批并签署，上传合同。',
    descriptionEn: 'Complete the contract approval and signature; upload the contract.',
    tasks: [{ key: 'sign', titleZh: '合同盖章签署', titleEn: 'Sign and stamp the contract', role: 'owner', dueInDays: 7, required: true }],
    timeLimitDays: 14,
    followUpCadenceDays: 3,
  },
};

/** The stage's name in the reader's language. */
export function stageName(stage: Pick<Stage, 'nameZh' | 'nameEn'>, locale: string): string {
  return locale.startsWith('zh') ? stage.nameZh : stage.nameEn;
}
