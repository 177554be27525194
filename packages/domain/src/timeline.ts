import { z } from 'zod';
import { AuditEntrySchema } from './audit';
import { IdSchema, ListQuerySchema, TimestampSchema } from './common';
import { FollowUpSchema } from './followups';
import { CommentSchema } from './comments';
import { FileSchema } from './files';

/**
 * One entry of a record's timeline, newest first: a follow-up someone logged, or a change (a field edit,
 * a transfer, a deletion, a stage move…) from the audit log, a comment, or a file attached.
 */
export const TimelineItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('followup'), id: IdSchema, at: TimestampSchema, followUp: FollowUpSchema }),
  z.object({ kind: z.literal('change'), id: IdSchema, at: TimestampSchema, change: AuditEntrySchema }),
  z.object({ kind: z.literal('comment'), id: IdSchema, at: TimestampSchema, comment: CommentSchema }),
  z.object({ kind: z.literal('file'), id: IdSchema, at: TimestampSchema, file: FileSchema }),
]);
export type TimelineItem = z.infer<typeof TimelineItemSchema>;

export const TIMELINE_KINDS = ['followup', 'change', 'comment', 'file'] as const;

export const TimelineQuerySchema = ListQuerySchema.extend({
  kind: z.enum(TIMELINE_KINDS).optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;
