import { z } from 'zod';
import { IdSchema, MinorUnitsParam, QueryFlag, text, TimestampSchema } from './common';
import { DateSchema } from './followups';

/**
 * 看板: one column per stage of a pipeline with its count and totals, and the first cards of each. The
 * totals come from rollups kept with every deal change; more cards of one column are fetched on their own.
 */

export const BoardFiltersSchema = z.object({
  pipelineId: IdSchema.optional(),
  ownerId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  tag: text(20).optional(),
  amountMin: MinorUnitsParam.optional(),
  amountMax: MinorUnitsParam.optional(),
  closeFrom: DateSchema.optional(),
  closeTo: DateSchema.optional(),
  /** Deals past their stage's time limit. */
  stalled: QueryFlag,
  /** Deals whose next follow-up date has passed. */
  overdue: QueryFlag,
});
export type BoardFilters = z.infer<typeof BoardFiltersSchema>;

export const BoardQuerySchema = BoardFiltersSchema.extend({
  /** Cards per column on the first load. */
  perColumn: z.coerce.number().int().min(1).max(100).default(20),
});
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

export const BoardColumnQuerySchema = BoardFiltersSchema.extend({
  stageId: IdSchema,
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type BoardColumnQuery = z.infer<typeof BoardColumnQuerySchema>;

export const BoardCardSchema = z.object({
  id: IdSchema,
  name: z.string(),
  customerId: IdSchema,
  customerName: z.string(),
  ownerId: IdSchema.nullable(),
  stageId: IdSchema,
  /** Absent when amounts are hidden from the caller's role. */
  amount: z.number().int().optional(),
  currency: z.string(),
  probability: z.number().int().optional(),
  stageEnteredAt: TimestampSchema,
  daysInStage: z.number().int(),
  /** Past the stage's time limit. */
  stalled: z.boolean(),
  nextFollowUpOn: z.string().nullable(),
  followUpOverdue: z.boolean(),
  tasksDone: z.number().int(),
  tasksTotal: z.number().int(),
  tags: z.array(z.string()),
  version: z.number().int(),
  /** Filled by loss-risk scoring later; null until then. */
  risk: z.null(),
});
export type BoardCard = z.infer<typeof BoardCardSchema>;

/** A column's totals in one currency (minor units); weighted = Σ amount × probability / 100. */
export const BoardTotalSchema = z.object({ currency: z.string(), amount: z.number().int(), weighted: z.number().int() });

export const BoardColumnSchema = z.object({
  stageId: IdSchema,
  count: z.number().int(),
  /** Per currency; absent when amounts are hidden from the caller's role. */
  totals: z.array(BoardTotalSchema).optional(),
  cards: z.array(BoardCardSchema),
  nextCursor: z.string().nullable(),
});

export const BoardSchema = z.object({
  pipelineId: IdSchema,
  columns: z.array(BoardColumnSchema),
});
export type Board = z.infer<typeof BoardSchema>;

export const BoardColumnPageSchema = z.object({ items: z.array(BoardCardSchema), nextCursor: z.string().nullable() });
