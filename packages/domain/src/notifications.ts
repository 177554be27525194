import { z } from 'zod';
import { IdSchema, RECORD_TYPES, text, TimestampSchema, QueryFlag } from './common';

/**
 * In-app notifications (通知): what a member is told about. Each names the record it is about, so the
 * inbox links to it; the inbox leaves out records the member can no longer see.
 *
 * - `mention`: someone @mentioned the member in a comment or a follow-up;
 * - `transfer`: a record (or, for a bulk handoff, `count` records) became the member's;
 * - `ask_owner`: a colleague found the member's customer in the duplicate check and asks to work on it;
 * - `team_added`: the member joined a deal team.
 */
export const NOTIFICATION_KINDS = ['mention', 'transfer', 'ask_owner', 'team_added'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: z.enum(NOTIFICATION_KINDS),
  recordType: z.enum(RECORD_TYPES).nullable(),
  /** Null for a bulk handoff, which names only the record type and `count`. */
  recordId: IdSchema.nullable(),
  recordName: z.string().nullable(),
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  /** The asker's words, or the start of the comment or follow-up that mentions the member. */
  message: z.string().nullable(),
  /** Where a mention was written. */
  source: z.enum(['comment', 'followup']).nullable(),
  count: z.number().int().nullable(),
  createdAt: TimestampSchema,
  readAt: TimestampSchema.nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuerySchema = z.object({
  unread: QueryFlag,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuerySchema>;

export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int(),
});

export const UnreadCountSchema = z.object({ unreadCount: z.number().int() });

/** Marks some notifications read, or all of them. */
export const MarkNotificationsReadSchema = z
  .object({ ids: z.array(IdSchema).max(100).optional(), all: z.boolean().default(false) })
  .refine((v) => v.all || (v.ids?.length ?? 0) > 0, { message: 'ids or all', path: ['ids'], params: { reason: 'required' } });
export type MarkNotificationsRead = z.infer<typeof MarkNotificationsReadSchema>;

/** "Ask the owner" from a duplicate match: `ref` is the match's sealed reference, never the record's id. */
export const AskOwnerRequestSchema = z.object({
  ref: z.string().min(1).max(400),
  message: text(500).optional(),
});
export type AskOwnerRequest = z.infer<typeof AskOwnerRequestSchema>;

export const AskOwnerResultSchema = z.object({ sent: z.literal(true), ownerName: z.string() });

/** The first characters of a text, for a notification. */
export function excerpt(text: string, length = 140): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= length ? chars.join('') : `${chars.slice(0, length - 1).join('')}…`;
}
