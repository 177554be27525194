import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';

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
});
export type Stage = z.infer<typeof StageSchema>;

export const PipelineSchema = z.object({
  id: IdSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  isDefault: z.boolean(),
  stages: z.array(StageSchema),
  createdAt: TimestampSchema,
  version: z.number().int(),
});
export type Pipeline = z.infer<typeof PipelineSchema>;

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
} as const satisfies { nameZh: string; nameEn: string; stages: readonly Omit<Stage, 'id' | 'pipelineId' | 'position'>[] };

/** The stage's name in the reader's language. */
export function stageName(stage: Pick<Stage, 'nameZh' | 'nameEn'>, locale: string): string {
  return locale.startsWith('zh') ? stage.nameZh : stage.nameEn;
}
