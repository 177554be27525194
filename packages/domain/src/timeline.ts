import { z } from 'zod';
import { AuditEntrySchema } from './audit';
import { IdSchema, ListQuerySchema, TimestampSchema } from './common';
import { FollowUpSchema } from './followups';

/**
 * One entry of a record's timeline, newest first: a follow-up someone logged, or a change (a field edit,
 * a transfer, a deletion…) from the audit log. Comments, files and stage changes join as new kinds.
 */
export const TimelineItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('followup'), id: IdSchema, at: TimestampSchema, followUp: FollowUpSchema }),
  z.object({ kind: z.literal('change'), id: IdSchema, at: TimestampSchema, change: AuditEntrySchema }),
]);
export type TimelineItem = z.infer<typeof TimelineItemSchema>;

export const TIMELINE_KINDS = ['followup', 'change'] as const;

export const TimelineQuerySchema = ListQuerySchema.extend({
  kind: z.enum(TIMELINE_KINDS).optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;
