import { z } from 'zod';
import { IdSchema, ListQuerySchema, RECORD_TYPES, requiredText, text, TimestampSchema, VersionSchema } from './common';
import { FileSchema } from './files';
import type { FieldError } from './errors';
import { CustomValuesInputSchema } from './custom-fields';

export const FOLLOW_UP_TYPES = ['call', 'visit', 'meeting', 'email', 'wechat', 'other'] as const;
/** Records a follow-up can be about; every follow-up also belongs to the customer of its record. */
export const FOLLOW_UP_TARGETS = RECORD_TYPES;

/** Colleagues told about a follow-up or comment (each gets a notification). Input only: it de-duplicates. */
export const MentionsSchema = z.array(IdSchema).max(20).transform((ids) => [...new Set(ids)]);
/** Files already uploaded to the same record by the same person, attached to the follow-up. */
const AttachmentIdsSchema = z.array(IdSchema).max(10).refine((ids) => new Set(ids).size === ids.length, { message: 'attached twice', params: { reason: 'duplicate' } });

/** A calendar date (the next follow-up is a day, not an instant): YYYY-MM-DD in the workspace's timezone. */
export const DateSchema = z.iso.date();

/** Fields an admin may hide from a role (RESTRICTABLE_FIELDS in field-access.ts) are optional: absent when hidden. */
export const FollowUpSchema = z.object({
  id: IdSchema,
  targetType: z.enum(FOLLOW_UP_TARGETS),
  targetId: IdSchema,
  customerId: IdSchema,
  type: z.enum(FOLLOW_UP_TYPES),
  occurredAt: TimestampSchema,
  content: z.string(),
  outcome: z.string().nullable().optional(),
  nextStep: z.string().nullable(),
  nextFollowUpOn: DateSchema.nullable(),
  authorId: IdSchema,
  mentions: z.array(IdSchema),
  attachments: z.array(FileSchema),
  custom: z.record(z.string(), z.unknown()),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const CreateFollowUpSchema = z.object({
  targetType: z.enum(FOLLOW_UP_TARGETS),
  targetId: IdSchema,
  type: z.enum(FOLLOW_UP_TYPES),
  /** Defaults to now; a visit logged in the evening happened in the afternoon. */
  occurredAt: TimestampSchema.optional(),
  content: requiredText(5000),
  outcome: text(500).optional(),
  nextStep: text(500).optional(),
  nextFollowUpOn: DateSchema.optional(),
  /** The record is being closed (won, lost, dormant): no next step is needed. */
  closing: z.boolean().default(false),
  custom: CustomValuesInputSchema.optional(),
  mentions: MentionsSchema.default([]),
  fileIds: AttachmentIdsSchema.default([]),
});
export type CreateFollowUp = z.infer<typeof CreateFollowUpSchema>;

export const UpdateFollowUpSchema = z.object({
  version: VersionSchema,
  type: z.enum(FOLLOW_UP_TYPES).optional(),
  occurredAt: TimestampSchema.optional(),
  content: requiredText(5000).optional(),
  outcome: text(500).optional(),
  nextStep: text(500).optional(),
  nextFollowUpOn: DateSchema.nullable().optional(),
  /** As on create: the record is being closed, so the edited entry needs no next step. */
  closing: z.boolean().default(false),
  custom: CustomValuesInputSchema.optional(),
  /** Replaces the mentions; newly mentioned colleagues are notified. */
  mentions: MentionsSchema.optional(),
  /** More files to attach (already attached ones stay). */
  fileIds: AttachmentIdsSchema.optional(),
});
export type UpdateFollowUp = z.infer<typeof UpdateFollowUpSchema>;

/**
 * Follow-ups across the records the caller may see (a manager's "what did my team do this week"), or
 * one record's (targetType + targetId) or one customer's with everything below it (customerId).
 */
export const FollowUpListQuerySchema = ListQuerySchema.extend({
  targetType: z.enum(FOLLOW_UP_TARGETS).optional(),
  targetId: IdSchema.optional(),
  customerId: IdSchema.optional(),
  authorId: IdSchema.optional(),
  type: z.enum(FOLLOW_UP_TYPES).optional(),
  occurredFrom: TimestampSchema.optional(),
  occurredTo: TimestampSchema.optional(),
  sort: z.enum(['-occurredAt', 'occurredAt']).default('-occurredAt'),
});
export type FollowUpListQuery = z.infer<typeof FollowUpListQuerySchema>;

/** How strict the workspace is about follow-ups. A "已联系" with no next step is what loses deals. */
export const FollowUpRulesSchema = z.object({
  minContentLength: z.number().int().min(0).max(500).default(10),
  requireNextStep: z.boolean().default(true),
});
export type FollowUpRules = z.infer<typeof FollowUpRulesSchema>;

/**
 * The workspace's follow-up rules applied to one entry: content long enough to mean something, and a
 * next step with a date unless the record is being closed. Returns every failing field.
 */
export function checkFollowUp(input: { content: string; nextStep?: string | null; nextFollowUpOn?: string | null; closing?: boolean }, rules: FollowUpRules): FieldError[] {
  const errors: FieldError[] = [];
  if ([...input.content.trim()].length < rules.minContentLength) {
    errors.push({ path: 'content', code: 'followup_too_short', message: String(rules.minContentLength) });
  }
  if (rules.requireNextStep && !input.closing) {
    if (!input.nextStep?.trim()) errors.push({ path: 'nextStep', code: 'followup_next_step_required', message: 'next step required' });
    if (!input.nextFollowUpOn) errors.push({ path: 'nextFollowUpOn', code: 'followup_next_date_required', message: 'next date required' });
  }
  return errors;
}
