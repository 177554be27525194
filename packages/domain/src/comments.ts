import { z } from 'zod';
import { IdSchema, ListQuerySchema, requiredText, TimestampSchema, VersionSchema, QueryFlag } from './common';
import { FOLLOW_UP_TARGETS, MentionsSchema } from './followups';

/** Records a comment can be on: the same as follow-ups. */
export const COMMENT_TARGETS = FOLLOW_UP_TARGETS;

/**
 * A comment (评论) on a record: a question to a colleague, a decision, a heads-up. Mentions are member
 * ids chosen from the picker (the text shows their names), so renaming a colleague never breaks one.
 */
export const CommentSchema = z.object({
  id: IdSchema,
  targetType: z.enum(COMMENT_TARGETS),
  targetId: IdSchema,
  customerId: IdSchema,
  body: z.string(),
  mentions: z.array(IdSchema),
  authorId: IdSchema,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type Comment = z.infer<typeof CommentSchema>;

export const CreateCommentSchema = z.object({
  targetType: z.enum(COMMENT_TARGETS),
  targetId: IdSchema,
  body: requiredText(5000),
  mentions: MentionsSchema.default([]),
});
export type CreateComment = z.infer<typeof CreateCommentSchema>;

export const UpdateCommentSchema = z.object({
  version: VersionSchema,
  body: requiredText(5000).optional(),
  mentions: MentionsSchema.optional(),
});
export type UpdateComment = z.infer<typeof UpdateCommentSchema>;

export const CommentListQuerySchema = ListQuerySchema.extend({
  targetType: z.enum(COMMENT_TARGETS).optional(),
  targetId: IdSchema.optional(),
  /** Comments that mention the caller, newest first (their inbox of @s), on records they can still see. */
  mentionsMe: QueryFlag,
});
export type CommentListQuery = z.infer<typeof CommentListQuerySchema>;
